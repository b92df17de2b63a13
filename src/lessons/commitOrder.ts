/** Lesson: commit before processing is at-most-once; commit after processing is at-least-once. */
import type { Lesson } from './types.ts';

const cfg = { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'max.poll.records': 100, 'session.timeout.ms': 10000 };

export const commitOrder: Lesson = {
  id: 'commit-before-after',
  group: 'consumer',
  title: { en: 'Commit before or after processing: at-most-once, at-least-once', zh: '处理前提交还是处理后提交：至多一次与至少一次' },
  summary: {
    en: 'Two groups read the same topic and both are killed in the middle of a batch. The one that commits before processing loses the rest of the batch (at-most-once); the one that commits after processing repeats part of it (at-least-once).',
    zh: '两个消费者组读同一个主题，在处理一批记录的中途同时被杀。处理前提交的那组丢了这批剩下的记录（至多一次）；处理后提交的那组重复处理了其中一部分（至少一次）。',
  },
  scenario: {
    name: 'Commit before vs after processing',
    description: 'orders has 1 partition, 50 records/s. Group before (c1) calls commitSync() right after poll(), then processes; group after (c2) processes, then commits. Both take batches of max.poll.records=100 at 30 ms a record, so each batch takes 3 s. Both are killed at 20.5 s and restarted at 22 s; session.timeout.ms=10 s.',
    seed: 9,
    until: 60000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 50, count: 100000, keys: 8 }],
    consumers: [
      { name: 'c1', group: 'before', topic: 'orders', config: cfg, commit: 'before-process', processingMs: 30 },
      { name: 'c2', group: 'after', topic: 'orders', config: cfg, commit: 'after-process', processingMs: 30 },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'Kafka\'s documentation (Design, Message Delivery Semantics) names two orders: save the position, then process (at-most-once), or process, then save the position (at-least-once). Group before does the first with commitSync() right after poll(); group after does the second. Both turn auto-commit off.',
        zh: 'Kafka 文档（设计章节“消息交付语义”）给出了两种顺序：先保存位置再处理（至多一次），或者先处理再保存位置（至少一次）。before 组是前者，poll() 之后立刻 commitSync()；after 组是后者。两组都关闭了自动提交。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { at: 20000 },
      text: {
        en: 'Each consumer takes 100 records per poll() and needs 3 s to process them. Group before has already committed the end of the batch it is working on; group after has committed only the end of the previous one.',
        zh: '每个消费者每次 poll() 取 100 条，需要 3 秒处理完。before 组已经提交了正在处理这一批的末尾；after 组只提交到上一批的末尾。',
      },
      highlight: { panel: 'consumers' },
      expect: { lostAfterBroker: 0, processedTwice: 0 },
      predict: {
        question: {
          en: 'Both consumers are killed in the middle of their batch and restarted. What happens to the batch?',
          zh: '两个消费者都在一批的中途被杀，然后重启。这一批会怎样？',
        },
        answers: [
          { text: { en: 'before loses the rest of the batch; after processes part of it twice', zh: 'before 丢了这批剩下的；after 把其中一部分处理了两次' }, correct: true },
          { text: { en: 'Both resume exactly where they stopped: Kafka tracks which records were processed', zh: '两者都从中断处继续：Kafka 记录着哪些记录处理过' }, correct: false },
          { text: { en: 'Both process part of the batch twice', zh: '两者都会重复处理这批的一部分' }, correct: false },
        ],
        why: {
          en: 'Kafka knows only the committed offset, not what the application did. For group before, Never processed grows at the crash: the committed offset already lies past records nobody processed. Group after resumes from the end of the previous batch and processes again what c2 had done: Processed twice.',
          zh: 'Kafka 只知道已提交的位移，不知道应用做了什么。before 组在崩溃时“从未被处理”就涨了：已提交的位移已经越过了没人处理过的记录。after 组从上一批的末尾继续，把 c2 做过的又做一遍：“被处理两次”。',
        },
      },
    },
    {
      trigger: { at: 20500 },
      actions: [
        { type: 'fault', fault: { type: 'consumer-crash', consumer: 'c1' } },
        { type: 'fault', fault: { type: 'consumer-crash', consumer: 'c2' } },
      ],
      text: {
        en: 'kill -9 on both. Group before: the rest of c1\'s batch is committed and was never processed, so Never processed grows at once. Group after: nothing is lost; its committed offset is still at the start of the batch.',
        zh: '两者都被 kill -9。before 组：c1 这批剩下的记录已提交却从未被处理，“从未被处理”立刻上涨。after 组：什么也没丢，它的已提交位移还在这批的开头。',
      },
      highlight: { count: 'lostAfterBroker' },
      expect: { 'group.before.lostAfterBroker': '>0', 'group.after.lostAfterBroker': 0 },
    },
    {
      id: 'restart',
      trigger: { at: 22000 },
      actions: [
        { type: 'fault', fault: { type: 'consumer-restart', consumer: 'c1' } },
        { type: 'fault', fault: { type: 'consumer-restart', consumer: 'c2' } },
      ],
      text: {
        en: 'Both applications restart and rejoin their groups. The coordinator first waits for the killed members\' sessions to expire (session.timeout.ms, 10 s here), then each group resumes from its committed offset.',
        zh: '两个应用重启，重新加入各自的组。协调者要先等被杀成员的会话过期（session.timeout.ms，本课 10 秒），然后各组从已提交的位移继续。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { at: 40000 },
      text: {
        en: 'The verdict. before: records never processed, none processed twice: at-most-once. after: records processed twice, none lost: at-least-once. At-least-once plus a sink that recognises repeats is how you get each record to take effect once (the end-to-end lesson).',
        zh: '结果：before 组有记录从未被处理，没有重复：至多一次。after 组有记录被处理两次，没有丢失：至少一次。至少一次，再加上能识别重复的写入端，才能让每条记录只生效一次（见端到端那一课）。',
      },
      highlight: { panel: 'fates' },
      expect: { 'group.before.lostAfterBroker': '>0', 'group.before.processedTwice': 0, 'group.after.processedTwice': '>0', 'group.after.lostAfterBroker': 0 },
    },
  ],
  expect: { 'group.before.lostAfterBroker': '>0', 'group.before.processedTwice': 0, 'group.after.processedTwice': '>0', 'group.after.lostAfterBroker': 0 },
};
