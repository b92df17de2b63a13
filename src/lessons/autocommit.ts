/** Lesson: consumer auto-commit. Duplicates on a crash, loss with an in-memory queue, and the fix. */
import type { Lesson } from './types.ts';

const base = { topic: 'orders', processingMs: 2 };
const cfg = { 'auto.offset.reset': 'earliest', 'session.timeout.ms': 10000 };
const manual = { ...cfg, 'enable.auto.commit': false };

export const autocommit: Lesson = {
  group: 'consumer',
  id: 'consumer-auto-commit',
  title: { en: 'Consumer auto-commit: duplicates, loss, and the fix', zh: '消费者自动提交：重复、丢失与正确做法' },
  summary: {
    en: 'Three consumer groups read the same topic; one member of each is killed at the same moment. Auto-commit with inline processing repeats records; auto-commit with an in-memory queue loses them; process-then-commit with an idempotent sink does neither.',
    zh: '三个消费者组读同一个主题，同一时刻各杀掉一个成员。自动提交 + 同步处理会重复；自动提交 + 内存队列会丢；先处理后提交 + 幂等写入两者都不会。',
  },
  scenario: {
    name: 'Consumer auto-commit: three groups, one crash each',
    description: 'orders has 2 partitions. Group "auto": 2 members, enable.auto.commit=true, processing inline. Group "queue": 1 member, auto-commit, records handed to an in-memory queue processed at 12 ms each (slower than records arrive). Group "safe": 2 members, 8 ms a record, commit after processing, idempotent sink. session.timeout.ms=10 s (45 s by default).',
    seed: 3,
    until: 45000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 100, count: 100000, keys: 8 }],
    consumers: [
      { ...base, name: 'c1', group: 'auto', config: cfg },
      { ...base, name: 'c2', group: 'auto', config: cfg },
      { ...base, name: 'c3', group: 'queue', config: cfg, processing: 'queue', processingMs: 12 },
      { ...base, name: 'c4', group: 'safe', config: manual, commit: 'after-process', sink: 'idempotent', processingMs: 8 },
      { ...base, name: 'c5', group: 'safe', config: manual, commit: 'after-process', sink: 'idempotent', processingMs: 8 },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'One topic, three consumer groups, each reading everything. "auto" and "queue" use Kafka\'s default, enable.auto.commit=true. Articles often promise that auto-commit "guarantees no loss", or warn that it "loses messages". Both are half true; it depends on what the application does between two poll() calls.',
        zh: '一个主题，三个消费者组，各自完整地消费。“auto” 和 “queue” 用的是 Kafka 默认的 enable.auto.commit=true。常见的说法要么是“自动提交保证不丢”，要么是“自动提交会丢消息”。两种都只对一半，关键在于应用在两次 poll() 之间做了什么。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { at: 12000 },
      text: {
        en: 'Auto-commit does not run in the background: inside poll(), every auto.commit.interval.ms (5 s), the consumer commits the positions the previous polls returned. In "auto" each record is processed before the next poll, so what is committed was processed. In "queue" the poll thread only hands records to a queue; a slower worker processes them later. Its committed offsets run ahead of the work done.',
        zh: '自动提交并不在后台进行：它发生在 poll() 内部，每隔 auto.commit.interval.ms（5 秒）提交之前几次 poll 返回的位置。“auto” 组在下一次 poll 之前处理完每条记录，所以提交的都处理过了。“queue” 组的 poll 线程只把记录丢进内存队列，由更慢的工作线程稍后处理：它提交的位移跑在实际处理的前面。',
      },
      highlight: { panel: 'consumers' },
      expect: { lostAfterBroker: 0 },
      predict: {
        question: {
          en: 'c1 (auto), c3 (queue) and c4 (safe) are about to be killed with kill -9. Which groups will lose records, committed but never processed?',
          zh: 'c1（auto）、c3（queue）和 c4（safe）即将被 kill -9。哪些组会丢记录，即已提交却从未被处理？',
        },
        answers: [
          { text: { en: 'None: auto-commit only commits what poll() returned', zh: '都不会：自动提交只提交 poll() 返回过的' }, correct: false },
          { text: { en: 'queue only', zh: '只有 queue 组' }, correct: true },
          { text: { en: 'auto and queue, the two groups that use auto-commit', zh: 'auto 和 queue，两个用自动提交的组' }, correct: false },
        ],
        why: {
          en: 'Never processed grows for queue alone, at the crash. The KafkaConsumer documentation states the condition: auto-commit gives at-least-once only if you consume all data returned by each poll() before the next one; otherwise the committed offset can get ahead of what was processed. auto processes inline, so it meets it; queue does not.',
          zh: '只有 queue 组的“从未被处理”在崩溃时上涨。KafkaConsumer 的文档写明了前提：只有在下一次 poll() 之前处理完上一次返回的全部数据，自动提交才是“至少一次”；否则已提交的位移可能跑到已处理的前面。auto 组同步处理，满足前提；queue 组不满足。',
        },
      },
    },
    {
      trigger: { at: 14000 },
      actions: [
        { type: 'fault', fault: { type: 'consumer-crash', consumer: 'c1' } },
        { type: 'fault', fault: { type: 'consumer-crash', consumer: 'c3' } },
        { type: 'fault', fault: { type: 'consumer-crash', consumer: 'c4' } },
      ],
      text: {
        en: 'kill -9 on c1 (group auto), c3 (group queue) and c4 (group safe). Whatever they held in memory is gone. The coordinator notices only when their sessions expire: session.timeout.ms, 10 s here.',
        zh: '对 c1（auto 组）、c3（queue 组）和 c4（safe 组）执行 kill -9。它们内存里的一切都没了。协调者要等会话超时（session.timeout.ms，本课 10 秒）才会察觉。',
      },
      highlight: { panel: 'consumers' },
      expect: { 'group.queue.lostAfterBroker': '>0', 'group.auto.lostAfterBroker': 0, 'group.safe.lostAfterBroker': 0 },
    },
    {
      trigger: { at: 16000 },
      actions: [{ type: 'fault', fault: { type: 'consumer-restart', consumer: 'c3' } }],
      text: {
        en: 'The "queue" application is restarted (it had only one member). It joins its group and will resume from the committed offsets, once the coordinator has expired the dead member.',
        zh: '“queue” 组的应用重启了（该组只有这一个成员）。它重新加入组，等协调者把死掉的成员清理掉之后，从已提交的位移继续消费。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { event: { type: 'consumer', group: 'auto', what: 'revoked' } },
      text: {
        en: 'The session of c1 expired; the group rebalances and c2 takes over c1\'s partition from its last auto-commit. Everything c1 processed after that commit is processed again: duplicates, not loss.',
        zh: 'c1 的会话超时，组内重平衡，c2 从 c1 最后一次自动提交的位置接管它的分区。c1 在那次提交之后处理过的记录会被再处理一遍：这是重复，而不是丢失。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { at: 40000 },
      text: {
        en: 'The verdict, group by group. auto: processed twice, nothing lost. queue: records that sat in the dead process\'s queue were already committed, so nobody will ever read them again: lost after the broker had them safe. safe: it commits only after processing, so it repeats records too, but the idempotent sink recognises every repeat: each record took effect exactly once.',
        zh: '逐组看结果。auto：有重复处理，没有丢失。queue：死掉的进程队列里那些记录早已被提交，再也不会有人读它们：broker 那里明明安然无恙，却在消费端丢了。safe：处理完才提交，所以同样会重复读到，但幂等写入认出了每一次重复：每条记录恰好生效一次。',
      },
      highlight: { panel: 'fates' },
      expect: {
        'group.auto.processedTwice': '>0',
        'group.auto.lostAfterBroker': 0,
        'group.queue.lostAfterBroker': '>0',
        'group.safe.processedTwice': 0,
        'group.safe.lostAfterBroker': 0,
      },
    },
  ],
  expect: {
    'group.auto.processedTwice': '>0',
    'group.auto.lostAfterBroker': 0,
    'group.queue.lostAfterBroker': '>0',
    'group.safe.processedTwice': 0,
    'group.safe.lostAfterBroker': 0,
    'group.safe.deduplicated': '>0',
  },
};
