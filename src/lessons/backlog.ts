/** Lesson: backlog. Lag grows when consumers are slower than producers; more members help up to the partition count, not beyond. */
import type { Lesson } from './types.ts';

const member = (name: string, startAt: number | null) => ({ name, group: 'reports', topic: 'orders', config: { 'auto.offset.reset': 'earliest', 'auto.commit.interval.ms': 1000 }, processingMs: 8, startAt });

export const backlog: Lesson = {
  id: 'backlog-lag',
  group: 'consumer',
  title: { en: 'Backlog: lag, more consumers, idle consumers', zh: '积压：lag、增加消费者与闲置的消费者' },
  summary: {
    en: 'One consumer reads slower than p1 writes, and the lag grows. Members are added one by one: lag falls once the group can keep up, and a member beyond the number of partitions gets nothing to do.',
    zh: '一个消费者读得比 p1 写得慢，lag 不断增长。逐个增加成员：当组的处理能力跟上之后 lag 开始下降，而超出分区数的成员无事可做。',
  },
  scenario: {
    name: 'Backlog and consumer lag',
    description: 'orders has 3 partitions; p1 writes 300 records/s. Group reports processes at 8 ms a record, 125 records/s per member, and auto-commits every second (auto.commit.interval.ms=1000; 5 s by default) so the lag it reports follows its progress closely. c1 starts alone; c2, c3 and c4 are started at 15 s, 25 s and 40 s.',
    seed: 31,
    until: 70000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 3, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 300, count: 1000000, keys: 12 }],
    consumers: [member('c1', 0), member('c2', null), member('c3', null), member('c4', null)],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'Lag is how far a group is behind: the high watermark minus the group\'s committed offset, per partition. p1 writes 300 records/s into 3 partitions; c1 processes 125/s. Watch the lag chart.',
        zh: 'lag 是一个组落后的程度：每个分区的高水位减去该组已提交的位移。p1 每秒向 3 个分区写 300 条；c1 每秒处理 125 条。请看 lag 图表。',
      },
      highlight: { panel: 'charts' },
    },
    {
      id: 'one',
      trigger: { at: 5000 },
      text: {
        en: 'c1 owns all three partitions and falls further behind every second. Nothing is lost: the records wait in the log (for retention.ms, 7 days by default).',
        zh: 'c1 独自负责三个分区，每秒都落后得更多。没有丢任何数据：记录在日志里等着（保留 retention.ms，默认 7 天）。',
      },
      highlight: { panel: 'charts' },
    },
    {
      id: 'add2',
      trigger: { at: 15000 },
      actions: [{ type: 'fault', fault: { type: 'consumer-add', consumer: 'c2' } }],
      text: {
        en: 'The lag has grown since 5 s. We start a second member, c2. The group rebalances and splits the partitions between c1 and c2: 250 records/s together, still less than 300.',
        zh: '自第 5 秒起 lag 一直在涨。启动第二个成员 c2。组内重平衡，把分区分给 c1 和 c2：合计每秒 250 条，仍然少于 300。',
      },
      highlight: { panel: 'consumers' },
      since: 'one',
      expect: { 'group.reports.lag': '>0' },
    },
    {
      id: 'add3',
      trigger: { at: 25000 },
      actions: [{ type: 'fault', fault: { type: 'consumer-add', consumer: 'c3' } }],
      text: {
        en: 'With two members the lag still grew: they are faster, not fast enough, and each rebalance pauses the group. A third member, c3: one partition each, 375 records/s.',
        zh: '两个成员时 lag 仍在增长：快了，但不够快，而且每次重平衡都会让组暂停一下。启动第三个成员 c3：每人一个分区，合计每秒 375 条。',
      },
      highlight: { panel: 'consumers' },
      since: 'add2',
      expect: { 'group.reports.lag': '>0' },
    },
    {
      id: 'three',
      trigger: { event: { type: 'consumer', group: 'reports', what: 'stable', 'args.members': 'c1=[orders-0] c2=[orders-1] c3=[orders-2]' } },
      text: {
        en: 'The group is stable with three members, one partition each.',
        zh: '组已稳定：三个成员，每人一个分区。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      id: 'add4',
      trigger: { at: 40000 },
      actions: [{ type: 'fault', fault: { type: 'consumer-add', consumer: 'c4' } }],
      text: {
        en: 'Since the third member joined, the lag has been falling: 375 records/s out, 300 in. Now a fourth member, c4.',
        zh: '第三个成员加入以后，lag 一直在下降：每秒处理 375 条，写入 300 条。现在启动第四个成员 c4。',
      },
      highlight: { panel: 'charts' },
      since: 'three',
      expect: { 'group.reports.lag': '<0' },
      predict: {
        question: {
          en: 'Three members, one per partition, and the lag is falling. c4 is starting now: how much faster will the lag fall?',
          zh: '三个成员，每人一个分区，lag 正在下降。现在启动 c4：lag 会下降得快多少？',
        },
        answers: [
          { text: { en: 'A third faster: four members share the work', zh: '快三分之一：四个成员分摊工作' }, correct: false },
          { text: { en: 'Not at all: the fourth member gets no partition', zh: '一点也不会：第四个成员分不到分区' }, correct: true },
          { text: { en: 'Slower: four members compete for the same records', zh: '更慢：四个成员争抢同样的记录' }, correct: false },
        ],
        why: {
          en: 'A partition is read by one member of a group, so a group has at most as many busy members as partitions. The coordinator gives c4 an empty assignment (shown in the consumers panel); the three others keep their partitions. More parallelism needs more partitions (a new run here; in production plan it early, since adding partitions moves keys).',
          zh: '一个分区只能由组内一个成员读取，所以一个组里忙碌的成员最多和分区一样多。协调者给 c4 分配了空集（见消费者面板）；其余三个保留各自的分区。要更多并行就得有更多分区（在本实验中需要新开一次运行；生产中要尽早规划，因为增加分区会改变 key 的去向）。',
        },
      },
    },
    {
      trigger: { event: { type: 'consumer', group: 'reports', what: 'stable', 'args.members': 'c1=[orders-0] c2=[orders-1] c3=[orders-2] c4=[]' } },
      text: {
        en: 'The group is stable again: c1, c2 and c3 keep their partitions and c4 has none. It heartbeats, polls and does nothing: an idle member, a standby for when another one leaves.',
        zh: '组再次稳定：c1、c2、c3 保留各自的分区，c4 一个也没有。它照常发心跳、调 poll()，却什么也不做：一个闲置成员，只在别的成员离开时顶上。',
      },
      highlight: { panel: 'consumers' },
      since: 'add4',
      expect: { 'group.reports.lag': '<0' },
    },
    {
      trigger: { at: 55000 },
      text: {
        en: 'The lag keeps falling at the pace three members set, and nothing was lost while it was high. Consumers beyond the partition count are spares; to go faster still, add partitions (and members), or make each record cheaper to process.',
        zh: 'lag 按三个成员的速度继续下降，积压期间没有丢任何数据。超出分区数的消费者只是备用；想更快，就得增加分区（和成员），或者让每条记录处理得更快。',
      },
      highlight: { panel: 'charts' },
      since: 'add4',
      expect: { 'group.reports.lag': '<0', lostAfterBroker: 0 },
    },
  ],
  expect: { lostAfterBroker: 0 },
};
