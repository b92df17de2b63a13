/** Lesson: a consumer that does not poll for max.poll.interval.ms is taken out of its group, and its work is repeated. */
import type { Lesson } from './types.ts';

const billing = { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'max.poll.records': 50, 'max.poll.interval.ms': 10000 };
const tuned = { ...billing, 'max.poll.interval.ms': 60000 };

export const rebalance: Lesson = {
  group: 'consumer',
  id: 'max-poll-rebalance',
  title: { en: 'A stall past max.poll.interval.ms: rebalance, CommitFailedException, and the fix', zh: '处理超过 max.poll.interval.ms：重平衡、CommitFailedException 与解决办法' },
  summary: {
    en: 'A consumer whose processing stalls stops calling poll(). Its heartbeats continue, yet after max.poll.interval.ms it leaves the group, its partition goes to another member, and its late commit fails.',
    zh: '消费者处理卡住，就不再调用 poll()。心跳照常，但超过 max.poll.interval.ms 后它会离开消费者组，分区交给别的成员，它迟到的提交也会失败。',
  },
  scenario: {
    name: 'A stall past max.poll.interval.ms, and the same stall within it',
    description:
      'Two groups read orders (2 partitions, 200 records/s). Each member processes, then commits batches of up to 50 records (max.poll.records) at 12 ms a record. Group billing has max.poll.interval.ms=10 s; group tuned sized it for its worst case, 60 s. At 20.1 s the downstream of c1 (billing) and of c3 (tuned) stalls for 15 s.',
    seed: 11,
    until: 60000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 200, count: 8000, keys: 8 }],
    consumers: [
      { name: 'c1', group: 'billing', topic: 'orders', config: billing, commit: 'after-process', processingMs: 12 },
      { name: 'c2', group: 'billing', topic: 'orders', config: billing, commit: 'after-process', processingMs: 12 },
      { name: 'c3', group: 'tuned', topic: 'orders', config: tuned, commit: 'after-process', processingMs: 12 },
      { name: 'c4', group: 'tuned', topic: 'orders', config: tuned, commit: 'after-process', processingMs: 12 },
    ],
    faults: [
      { at: 20100, type: 'consumer-stall', consumer: 'c1', ms: 15000 },
      { at: 20100, type: 'consumer-stall', consumer: 'c3', ms: 15000 },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'Group billing: c1 and c2, one partition each. Each processes up to 50 records per poll() (max.poll.records), 12 ms per record, then commits with commitSync(). max.poll.interval.ms is 10 s here (Kafka default: 5 minutes). Group tuned is the same application with max.poll.interval.ms=60 s.',
        zh: '消费者组 billing：c1 和 c2 各负责一个分区。每次 poll() 最多取 50 条（max.poll.records），每条处理 12 毫秒，处理完用 commitSync() 提交。本课 max.poll.interval.ms 为 10 秒（Kafka 默认 5 分钟）。tuned 组是同一个应用，但 max.poll.interval.ms=60 秒。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { event: { type: 'consumer', consumer: 'c1', what: 'stalled' } },
      text: {
        en: 'c1\'s downstream stalls for 15 s (and c3\'s, in group tuned): a slow database, a long GC pause. Its heartbeat thread is separate and keeps the session alive, so session.timeout.ms does not help here. But poll() is not called.',
        zh: 'c1 的下游卡住了 15 秒（tuned 组的 c3 也一样）：数据库变慢，或者一次长时间 GC。心跳由独立线程发送，会话照样保持，所以 session.timeout.ms 在这里不起作用。但 poll() 没有被调用。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { event: { type: 'consumer', consumer: 'c1', what: 'poll-timeout' } },
      text: {
        en: 'max.poll.interval.ms has passed without a poll(). The heartbeat thread concludes the application is stuck, and c1 leaves the group (LeaveGroup) so that its partitions can be given to someone who is making progress.',
        zh: '超过 max.poll.interval.ms 没有调用 poll()。心跳线程判断应用已经卡死，c1 主动离开消费者组（LeaveGroup），好把分区交给还能干活的成员。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { event: { type: 'consumer', group: 'billing', what: 'revoked' } },
      text: {
        en: 'The group rebalances: c2 now owns both partitions, and reads c1\'s partition from c1\'s last committed offset. c1 is still stuck in its batch.',
        zh: '组内重平衡：c2 接管两个分区，从 c1 最后提交的位移开始读 c1 的分区。c1 还卡在它那一批里。',
      },
      expect: { processedTwice: 0 },
      predict: {
        question: {
          en: 'c1 will wake up, finish its batch and call commitSync(). What happens?',
          zh: 'c1 会醒来，处理完这一批，然后调用 commitSync()。会发生什么？',
        },
        answers: [
          { text: { en: 'The commit succeeds and c2 skips those records', zh: '提交成功，c2 跳过这些记录' }, correct: false },
          { text: { en: 'The commit fails, and the batch is processed twice', zh: '提交失败，这一批被处理了两次' }, correct: true },
          { text: { en: 'c1 and c2 share the partition from now on', zh: '从此 c1 和 c2 共享这个分区' }, correct: false },
        ],
        why: {
          en: 'c1 is no longer a member of the current generation, so the coordinator rejects its commit (CommitFailedException), and c2 has already read the same records from the last committed offset: Processed twice grows. A partition has one owner per generation.',
          zh: 'c1 已不是当前这一代的成员，协调者拒绝它的提交（CommitFailedException）；而 c2 早已从最后提交的位移读到了同样的记录：“被处理两次”上涨。每一代里，一个分区只有一个所有者。',
        },
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { event: { type: 'consumer', consumer: 'c1', what: 'commit-failed' } },
      text: {
        en: 'c1 wakes up, finishes its batch and calls commitSync(): CommitFailedException, because it is no longer a member of the current generation. Those records were processed twice.',
        zh: 'c1 醒来，处理完这批，调用 commitSync()：抛出 CommitFailedException，因为它已不属于当前这一代（generation）的成员。这些记录被处理了两次。',
      },
      highlight: { panel: 'fates' },
      expect: { 'group.billing.processedTwice': '>0', 'group.billing.commitsFailed': 1 },
    },
    {
      trigger: { at: 50000 },
      text: {
        en: 'Group tuned had the same 15 s stall on c3 and was never rebalanced after it first formed: nothing processed twice, no failed commit. Its max.poll.interval.ms (60 s) was sized for the worst case of one poll: max.poll.records × the slowest time per record, plus the longest stall the downstream calls allow (give them timeouts). That is the real fix, not a bigger number picked at random; for unbounded work, hand records to a worker and pause() the partitions while calling poll(). And make processing idempotent anyway: any rebalance can repeat a batch.',
        zh: 'tuned 组的 c3 遇到了同样 15 秒的卡顿，但该组自组建后再没有重平衡：没有重复处理，没有提交失败。它的 max.poll.interval.ms（60 秒）是按一次 poll 的最坏情况算出来的：max.poll.records × 每条记录最慢的耗时，再加上下游调用允许的最长停顿（给它们设超时）。这才是真正的解决办法，而不是随手调大一个数；对无法预估时长的工作，把记录交给工作线程，并在继续调用 poll() 的同时 pause() 这些分区。无论如何都要让处理幂等：任何一次重平衡都可能让一批记录重来。',
      },
      highlight: { panel: 'consumers' },
      expect: { 'group.tuned.processedTwice': 0, 'group.tuned.commitsFailed': 0, 'group.tuned.rebalances': 1, 'group.billing.processedTwice': '>0' },
    },
  ],
  expect: { 'group.billing.processedTwice': '>0', 'group.tuned.processedTwice': 0, 'group.tuned.commitsFailed': 0, lostAfterBroker: 0 },
};
