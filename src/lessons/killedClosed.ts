/** Lesson: a consumer killed vs closed. close() commits and leaves at once; kill -9 waits for session.timeout.ms and repeats work. */
import type { Lesson } from './types.ts';

const cfg = { 'auto.offset.reset': 'earliest' };

export const killedClosed: Lesson = {
  id: 'consumer-killed-vs-closed',
  group: 'consumer',
  title: { en: 'A consumer killed vs closed: the session timeout', zh: '消费者被杀，还是正常关闭：会话超时' },
  summary: {
    en: 'Two identical groups lose one member each at the same moment: one is killed (kill -9), the other closed (close()). The closed member leaves at once with its position committed; the killed one holds its partition until session.timeout.ms expires, and its successor repeats work.',
    zh: '两个一模一样的组在同一时刻各少一个成员：一个被杀（kill -9），一个被正常关闭（close()）。被关闭的成员提交位置后立即离开；被杀的成员一直占着分区直到 session.timeout.ms 过期，接手者还要重复它做过的工作。',
  },
  scenario: {
    name: 'Consumer killed vs closed',
    description: 'orders has 2 partitions, 200 records/s. Groups killed (c1, c2) and closed (c3, c4) are configured the same: Kafka defaults (auto-commit every 5 s, session.timeout.ms=45 s), processing inline at 2 ms a record. At 17.3 s c1 is killed and c3 is closed.',
    seed: 13,
    until: 90000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 200, count: 100000, keys: 8 }],
    consumers: [
      { name: 'c1', group: 'killed', topic: 'orders', config: cfg, processingMs: 2 },
      { name: 'c2', group: 'killed', topic: 'orders', config: cfg, processingMs: 2 },
      { name: 'c3', group: 'closed', topic: 'orders', config: cfg, processingMs: 2 },
      { name: 'c4', group: 'closed', topic: 'orders', config: cfg, processingMs: 2 },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'Two groups, configured alike with Kafka\'s defaults: auto-commit every 5 s, session.timeout.ms=45 s. Each member owns one of the two partitions. The only difference will be how one member stops.',
        zh: '两个组，配置完全相同，都用 Kafka 默认值：每 5 秒自动提交，session.timeout.ms=45 秒。每个成员负责两个分区中的一个。唯一的区别，是其中一个成员以什么方式停下来。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      id: 'stop',
      trigger: { at: 17300 },
      actions: [
        { type: 'fault', fault: { type: 'consumer-crash', consumer: 'c1' } },
        { type: 'fault', fault: { type: 'consumer-close', consumer: 'c3' } },
      ],
      text: {
        en: 'c1 (group killed) gets kill -9, as from an out-of-memory killer or a pulled plug. c3 (group closed) is stopped the way a deployment should stop it: close(), which commits the position of the records it processed and sends LeaveGroup.',
        zh: 'c1（killed 组）被 kill -9，就像被 OOM killer 杀掉或被拔了电源。c3（closed 组）按部署应有的方式停止：调用 close()，提交已处理记录的位置，并发送 LeaveGroup。',
      },
      highlight: { panel: 'consumers' },
      predict: {
        question: {
          en: 'How long until each group gives the stopped member\'s partition to the other member?',
          zh: '每个组要多久才会把停下的成员的分区交给另一个成员？',
        },
        answers: [
          { text: { en: 'Both within a second: the coordinator notices a missing member at once', zh: '两者都在一秒之内：协调者立刻就能发现成员不见了' }, correct: false },
          { text: { en: 'closed at once; killed only after session.timeout.ms (45 s)', zh: 'closed 组立刻；killed 组要等 session.timeout.ms（45 秒）之后' }, correct: true },
          { text: { en: 'Both after session.timeout.ms (45 s)', zh: '两者都要等 session.timeout.ms（45 秒）' }, correct: false },
        ],
        why: {
          en: 'LeaveGroup tells the coordinator right away, so group closed rebalances within a second. A killed process says nothing: the coordinator waits for session.timeout.ms without a heartbeat, and orders-0 of group killed is read by nobody for 45 s, while its lag grows.',
          zh: 'LeaveGroup 会立刻通知协调者，所以 closed 组一秒内就完成重平衡。被杀的进程什么也说不出：协调者要等 session.timeout.ms 收不到心跳，这 45 秒里 killed 组的 orders-0 无人读取，lag 一路上涨。',
        },
      },
    },
    {
      trigger: { event: { type: 'consumer', group: 'closed', what: 'stable', 'args.members': 'c4=[orders-0,orders-1]' } },
      text: {
        en: 'Group closed has already rebalanced: c4 owns both partitions and resumes orders-0 exactly where c3 committed. Group killed has not rebalanced at all: the coordinator still believes c1 is alive.',
        zh: 'closed 组已经完成重平衡：c4 接管两个分区，从 c3 提交的位置精确地继续读 orders-0。killed 组还完全没有重平衡：协调者仍以为 c1 活着。',
      },
      highlight: { panel: 'consumers' },
      since: 'stop',
      expect: { 'group.closed.rebalances': 1, 'group.killed.rebalances': 0 },
    },
    {
      trigger: { event: { type: 'consumer', group: 'killed', what: 'stable', 'args.members': 'c2=[orders-0,orders-1]' } },
      text: {
        en: 'Only now, 45 s later, has c1\'s session expired and group killed rebalanced: c2 owns both partitions. Its lag is far above group closed\'s: a whole partition waited. c2 resumes orders-0 from c1\'s last auto-commit, up to 5 s before the kill.',
        zh: '直到现在，45 秒之后，c1 的会话才过期，killed 组才完成重平衡：c2 接管了两个分区。它的 lag 远高于 closed 组：整整一个分区一直在等。c2 从 c1 最后一次自动提交处继续读 orders-0，那可能是被杀前 5 秒的位置。',
      },
      highlight: { panel: 'charts' },
      since: 'stop',
      expect: { 'group.killed.rebalances': 1, 'group.killed.lag': '>2000', 'group.closed.lag': '<1000' },
    },
    {
      trigger: { at: 80000 },
      text: {
        en: 'Group killed processed records twice (those c1 processed after its last auto-commit); group closed processed none twice and lost none. Shut consumers down with close() (e.g. from a shutdown hook with wakeup()), and for crashes choose session.timeout.ms knowing it is also how long a partition can sit unread.',
        zh: 'killed 组有记录被处理了两次（c1 在最后一次自动提交之后处理的那些）；closed 组没有重复也没有丢失。用 close() 关闭消费者（例如在 shutdown hook 里配合 wakeup()）；至于崩溃，设置 session.timeout.ms 时要清楚：它也是一个分区可能无人读取的时长。',
      },
      highlight: { panel: 'fates' },
      expect: { 'group.killed.processedTwice': '>0', 'group.closed.processedTwice': 0, 'group.closed.lostAfterBroker': 0 },
    },
  ],
  expect: { 'group.killed.processedTwice': '>0', 'group.closed.processedTwice': 0, lostAfterBroker: 0 },
};
