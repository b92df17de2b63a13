/** Lesson: committing the last processed record's offset instead of the next one repeats a record on every restart. */
import type { Lesson } from './types.ts';

const cfg = { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 2000 };

export const offByOne: Lesson = {
  id: 'off-by-one-commit',
  group: 'consumer',
  title: { en: 'The off-by-one commit: offset + 1', zh: '差一的提交：offset + 1' },
  summary: {
    en: 'Two groups process, then commit. One commits the offset of the next record to read, as Kafka asks; the other commits the offset of the last record it processed. Every restart of the second repeats a record.',
    zh: '两个消费者组都先处理、再提交。一组提交下一条要读的记录的 offset，这是 Kafka 的要求；另一组提交它最后处理的那条记录的 offset。后者每重启一次，就重复处理一条记录。',
  },
  scenario: {
    name: 'Committing offset vs offset + 1',
    description: 'orders has 1 partition, 100 records/s. Groups next (c1) and last (c2) both process a poll()\'s records, then call commitSync(). next commits the last record\'s offset + 1; last commits the last record\'s offset. Both are restarted at 10 s and at 25 s; session.timeout.ms=6 s (45 s by default) so the restarted processes are let back in quickly.',
    seed: 11,
    until: 45000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 100, count: 100000, keys: 4 }],
    consumers: [
      { name: 'c1', group: 'next', topic: 'orders', config: cfg, commit: 'after-process', processingMs: 2 },
      { name: 'c2', group: 'last', topic: 'orders', config: cfg, commit: 'after-process', commitOffset: 'last-processed', processingMs: 2 },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'The committed offset is the position of the next record the group will read, not the last one it read: the KafkaConsumer javadoc says "the committed offset should be the next message your application will consume, i.e. lastProcessedMessageOffset + 1". Group next does that; group last commits record.offset() of its last record, a common mistake.',
        zh: '已提交的 offset 是这个组下一条要读的记录的位置，不是它读过的最后一条：KafkaConsumer 的 javadoc 写道“已提交的 offset 应当是应用下一条要消费的消息，即 lastProcessedMessageOffset + 1”。next 组照此做；last 组提交最后一条记录的 record.offset()，这是常见的错误。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { at: 9900 },
      text: {
        en: 'Both groups have processed everything so far, once. But the committed offset of group last always points at a record it has already processed, one behind that of group next.',
        zh: '到目前为止，两个组都把所有记录处理了一次。但 last 组提交的 offset 总是指向一条已经处理过的记录，比 next 组的位置落后一条。',
      },
      highlight: { panel: 'consumers' },
      expect: { processedTwice: 0, lostAfterBroker: 0 },
      predict: {
        question: {
          en: 'Both consumers are restarted. Where does each resume?',
          zh: '两个消费者都重启。它们各自从哪里继续？',
        },
        answers: [
          { text: { en: 'next resumes after its last record; last processes its last record again', zh: 'next 从最后一条之后继续；last 把它的最后一条记录再处理一次' }, correct: true },
          { text: { en: 'Both resume after their last record: Kafka adds the 1', zh: '两者都从最后一条之后继续：Kafka 会自己加 1' }, correct: false },
          { text: { en: 'last skips one record', zh: 'last 跳过一条记录' }, correct: false },
        ],
        why: {
          en: 'A restarted consumer asks the coordinator for the committed offset (OffsetFetch) and starts reading exactly there. Kafka stores whatever number the application commits and adds nothing, so group last reads the record at its committed offset a second time: Processed twice grows by one.',
          zh: '重启的消费者向协调者要已提交的 offset（OffsetFetch），并且正好从那里开始读。应用提交什么数字，Kafka 就存什么，不会加 1，所以 last 组把已提交 offset 处的那条记录又读了一遍：“被处理两次”加一。',
        },
      },
    },
    {
      id: 'first-restart',
      trigger: { at: 10000 },
      actions: [
        { type: 'fault', fault: { type: 'consumer-restart', consumer: 'c1' } },
        { type: 'fault', fault: { type: 'consumer-restart', consumer: 'c2' } },
      ],
      text: {
        en: 'Both processes restart with new member ids. Each coordinator waits for the old member\'s session to expire (session.timeout.ms, 6 s here), then hands the partition to the new process, which reads from the committed offset.',
        zh: '两个进程带着新的 member id 重启。各自的协调者先等旧成员的会话过期（session.timeout.ms，本课 6 秒），再把分区交给新进程，新进程从已提交的 offset 开始读。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { at: 24000 },
      text: {
        en: 'Group last processed one record twice: the one its commit pointed at. Group next processed nothing twice.',
        zh: 'last 组把一条记录处理了两次：正是它的提交所指的那一条。next 组没有重复处理任何记录。',
      },
      highlight: { count: 'processedTwice' },
      expect: { 'group.last.processedTwice': 1, 'group.next.processedTwice': 0 },
    },
    {
      trigger: { at: 25000 },
      actions: [
        { type: 'fault', fault: { type: 'consumer-restart', consumer: 'c1' } },
        { type: 'fault', fault: { type: 'consumer-restart', consumer: 'c2' } },
      ],
      text: {
        en: 'A second restart, as a deployment would do. Each restart costs group last one more repeated record per partition; with many partitions and frequent deployments, the repeats add up, and nothing reports an error.',
        zh: '第二次重启，就像一次部署。每重启一次，last 组的每个分区就多一条重复；分区多、部署频繁时，重复会累积起来，而且不会有任何报错。',
      },
      highlight: { panel: 'fates' },
    },
    {
      trigger: { at: 44000 },
      text: {
        en: 'The verdict: two restarts, two records processed twice in group last, none in group next, nothing lost in either. The fix is one character: commit offset + 1 (or call commitSync() with no arguments, which commits the positions poll() has reached).',
        zh: '结果：两次重启，last 组有两条记录被处理两次，next 组一条也没有，两组都没有丢失。修复只需一个字符：提交 offset + 1（或者不带参数调用 commitSync()，它提交 poll() 已到达的位置）。',
      },
      highlight: { panel: 'fates' },
      expect: { 'group.last.processedTwice': 2, 'group.next.processedTwice': 0, lostAfterBroker: 0 },
    },
  ],
  expect: { 'group.last.processedTwice': 2, 'group.next.processedTwice': 0, lostAfterBroker: 0 },
};
