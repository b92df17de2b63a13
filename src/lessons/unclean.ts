/** Lesson: unclean leader election. Off by default since Kafka 0.11 (KIP-106): a partition stays offline rather than lose acknowledged records. */
import type { Lesson } from './types.ts';

export const unclean: Lesson = {
  id: 'unclean-leader-election',
  group: 'broker',
  title: { en: 'Unclean leader election: offline or lossy', zh: '非干净 leader 选举：下线，还是丢数据' },
  summary: {
    en: 'The followers fall out of the ISR, then the last in-sync replica dies. With Kafka\'s default the partition goes offline and loses nothing. An operator enables unclean leader election: the partition comes back, without the acknowledged records only the dead leader had.',
    zh: 'follower 掉出 ISR，随后最后一个同步副本也死了。按 Kafka 的默认配置，分区下线，但不丢数据。运维人员开启非干净选举：分区恢复了，但只有死去的 leader 才有的那些已确认记录没了。',
  },
  scenario: {
    name: 'Unclean leader election, enabled live',
    description: 'Three brokers, RF 3, min.insync.replicas=1, p1 with acks=1. The followers of orders-0 lose their links to b1 at 2 s and leave the ISR (replica.lag.time.max.ms=5 s here); b1 acknowledges alone, then crashes at 12 s. At 20 s the network heals and an operator sets unclean.leader.election.enable=true on the topic. The periodic unclean election check of the controller runs every 10 s here (unclean.leader.election.interval.ms, 5 minutes by default).',
    seed: 11,
    until: 50000,
    cluster: { brokers: 3, config: { 'replica.lag.time.max.ms': 5000, 'min.insync.replicas': 1, 'unclean.leader.election.interval.ms': 10000 } },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 50, count: 100000, keys: 4, config: { acks: 1, 'enable.idempotence': false } }],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'An "unclean" election makes a replica that is not in the ISR the leader. It keeps a partition available at the price of whatever only the ISR had. unclean.leader.election.enable has been false by default since Kafka 0.11 (KIP-106); older articles still describe the old default, true. Here: acks=1 and min.insync.replicas=1, a setup that lets one broker acknowledge alone.',
        zh: '“非干净”选举会让一个不在 ISR 里的副本当上 leader：分区保住了可用性，代价是只有 ISR 才有的数据。从 Kafka 0.11 起 unclean.leader.election.enable 默认为 false（KIP-106）；一些老文章描述的仍是旧默认值 true。本课：acks=1、min.insync.replicas=1，允许一台 broker 独自确认写入。',
      },
      highlight: { panel: 'cluster' },
    },
    {
      trigger: { at: 2000 },
      actions: [
        { type: 'fault', fault: { type: 'link', from: 'b1', to: 'b2', drop: 1 } },
        { type: 'fault', fault: { type: 'link', from: 'b1', to: 'b3', drop: 1 } },
      ],
      text: {
        en: 'The leader b1 loses its links to both followers. They can still reach the controller, so they stay alive, but they copy nothing more.',
        zh: 'leader b1 与两个 follower 之间断网。它们仍连得上 controller，所以还“活着”，但再也复制不到任何数据。',
      },
      highlight: { panel: 'cluster' },
    },
    {
      id: 'alone',
      trigger: { event: { type: 'isr-changed', partition: 'orders-0', 'isr.length': 1, 'isr.0': 1 } },
      text: {
        en: 'After replica.lag.time.max.ms the leader removes b2 and b3 from the ISR. The ISR is b1 alone, which min.insync.replicas=1 allows: everything p1 sends from now on is acknowledged and committed with a single copy.',
        zh: '过了 replica.lag.time.max.ms，leader 把 b2、b3 移出 ISR。ISR 只剩 b1，而 min.insync.replicas=1 允许这样：此后 p1 发送的一切都只凭一份副本就被确认、被提交。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      trigger: { at: 12000 },
      actions: [{ type: 'fault', fault: { type: 'crash', broker: 1 } }],
      text: {
        en: 'b1, the last replica in the ISR, is killed. Since the ISR shrank, Committed has grown, and all of those records exist only on b1.',
        zh: 'ISR 里最后一个副本 b1 被杀掉。自 ISR 收缩以来，“已提交”一直在涨，而这些记录只存在于 b1 上。',
      },
      highlight: { broker: 1 },
      since: 'alone',
      expect: { committed: '>0', lostAcked: 0 },
    },
    {
      trigger: { event: { type: 'partition-offline', partition: 'orders-0' } },
      text: {
        en: 'The controller fences b1 and finds no other ISR member to elect: orders-0 is offline. p1\'s sends wait and will eventually time out. Nothing acknowledged is lost; the records are on b1\'s disk, and a restart of b1 would bring them back. This is what the default chooses: unavailable rather than wrong.',
        zh: 'controller 隔离了 b1，却在 ISR 里找不到别的成员可选：orders-0 下线了。p1 的发送只能等待，最终超时。没有任何已确认的记录丢失：它们在 b1 的磁盘上，重启 b1 就能回来。这就是默认值的选择：宁可不可用，也不出错。',
      },
      highlight: { partition: 'orders-0' },
      expect: { lostAcked: 0 },
      predict: {
        question: {
          en: 'b1 cannot be restarted quickly, so an operator enables unclean.leader.election.enable on the topic. The network to b2 and b3 is fine again. What will happen?',
          zh: 'b1 一时无法重启，于是运维人员给主题开启 unclean.leader.election.enable。b2、b3 的网络已恢复。接下来会怎样？',
        },
        answers: [
          { text: { en: 'b2 or b3 becomes leader and copies the missing records from b1\'s disk', zh: 'b2 或 b3 成为 leader，并从 b1 的磁盘上补齐缺失的记录' }, correct: false },
          { text: { en: 'b2 or b3 becomes leader, and the records only b1 had are lost, acknowledged ones included', zh: 'b2 或 b3 成为 leader，只有 b1 才有的记录（包括已确认的）全部丢失' }, correct: true },
          { text: { en: 'Nothing: the setting only applies to partitions created afterwards', zh: '什么也不会发生：这个配置只对之后创建的分区生效' }, correct: false },
        ],
        why: {
          en: 'A new leader is elected from outside the ISR (an unclean election) and its log is the truth from then on: Lost, acknowledged jumps. When b1 returns it truncates its log to the new leader\'s, so the records are gone everywhere.',
          zh: '新 leader 从 ISR 之外选出（非干净选举），从此它的日志就是唯一的事实：“已确认却丢失”随之跳升。b1 回来后会按新 leader 截断自己的日志，这些记录在哪里都不复存在。',
        },
      },
    },
    {
      trigger: { at: 20000 },
      actions: [
        { type: 'fault', fault: { type: 'heal' } },
        { type: 'config', change: { scope: 'topic', topic: 'orders', key: 'unclean.leader.election.enable', value: true } },
      ],
      text: {
        en: 'The network heals and the operator runs kafka-configs.sh --alter to set unclean.leader.election.enable=true on orders. A KRaft controller does not act on it at once: it looks for leaderless partitions in a periodic check (10 s here).',
        zh: '网络恢复，运维人员用 kafka-configs.sh --alter 给 orders 设置 unclean.leader.election.enable=true。KRaft controller 并不会立刻行动：它在周期性检查中寻找没有 leader 的分区（本课每 10 秒一次）。',
      },
      highlight: { panel: 'cluster' },
      expect: { lostAcked: 0 },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0', unclean: true } },
      text: {
        en: 'An unclean election: a replica from outside the ISR leads orders-0 again, and Lost, acknowledged has jumped. Every record that only b1 had is gone, although p1 was told each one was written. The partition is available again.',
        zh: '一次非干净选举：一个 ISR 之外的副本重新成为 orders-0 的 leader，“已确认却丢失”跳了上去。只有 b1 才有的记录全部消失，尽管 p1 被告知每一条都写入成功了。分区恢复了可用。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: '>0' },
    },
    {
      trigger: { at: 45000 },
      text: {
        en: 'Choose per topic: leave it false (the default) for data that must not be lost, and keep min.insync.replicas=2 with acks=all so one broker never acknowledges alone; enable it only for data where availability matters more than every record.',
        zh: '按主题来选：必须不丢的数据保持 false（默认值），并用 acks=all + min.insync.replicas=2，让一台 broker 永远无法独自确认；只有可用性比每一条记录更重要的数据才考虑开启。',
      },
      highlight: { panel: 'fates' },
      expect: { lostAcked: '>0' },
    },
  ],
  expect: { lostAcked: '>0' },
};
