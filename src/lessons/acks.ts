/** Lesson: acks=1 loses acknowledged records on failover; acks=all with min.insync.replicas=2 does not. */
import type { Lesson } from './types.ts';

export const acks: Lesson = {
  group: 'producer',
  id: 'acks-failover',
  title: { en: 'acks=1 loses on failover; acks=all + min.insync.replicas does not', zh: 'acks=1 在故障切换时丢数据，acks=all + min.insync.replicas 不会' },
  summary: {
    en: 'The leader is killed while its followers lag. With acks=1, records the producer was told are safe disappear. Then the same crash with acks=all and min.insync.replicas=2.',
    zh: 'follower 落后时杀掉 leader。acks=1 下，生产者已被告知“写入成功”的记录消失了。再用 acks=all + min.insync.replicas=2 重演同样的崩溃。',
  },
  scenario: {
    name: 'acks=1 vs acks=all on a leader crash',
    description: 'Three brokers, RF 3, producer p1 with acks=1; both followers fetch 1.5 s late (slow disks). The leader is killed, later the same with acks=all and min.insync.replicas=2.',
    seed: 7,
    until: 70000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 100, count: 100000, keys: 4, config: { acks: 1 } }],
    faults: [
      { at: 3000, type: 'slow-follower', broker: 2, delayMs: 1500 },
      { at: 3000, type: 'slow-follower', broker: 3, delayMs: 1500 },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'p1 writes with acks=1: the leader acknowledges a record as soon as it is in its own log, without waiting for any follower. Many articles say acks=1 "only loses data if the leader dies before the followers copy it". Let us watch exactly that happen.',
        zh: 'p1 使用 acks=1：leader 把记录写进自己的日志就立即确认，不等任何 follower。很多文章说 acks=1“只有在 follower 还没同步、leader 就挂了时才会丢”。我们就来看这件事真实发生。',
      },
      highlight: { panel: 'producers' },
    },
    {
      trigger: { at: 5800 },
      text: {
        en: 'From 3 s on, both followers fetch 1.5 s late (slow disks, long GC pauses). Look at the log: the leader b1 is well ahead of b2 and b3. Every record between their log ends and b1\'s has already been acknowledged to p1.',
        zh: '从第 3 秒起，两个 follower 每次拉取都晚 1.5 秒（磁盘慢、GC 停顿）。看日志：leader b1 远远领先于 b2、b3。两者之间的每条记录，p1 都已经收到了“成功”。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      trigger: { at: 6000 },
      actions: [{ type: 'fault', fault: { type: 'crash', broker: { leaderOf: 'orders-0' } } }],
      text: {
        en: 'We kill the leader (kill -9). The producer\'s requests now fail with connection errors. The controller does not know yet: it waits for broker.session.timeout.ms (9 s) of missed heartbeats before it fences b1.',
        zh: '杀掉 leader（kill -9）。生产者的请求开始报连接错误。controller 此时还不知道：它要等 broker.session.timeout.ms（9 秒）收不到心跳，才把 b1 隔离（fence）。',
      },
      highlight: { broker: 1 },
      expect: { lostAcked: 0 },
      predict: {
        question: {
          en: 'acks=1, and the leader has just been killed while both followers lag. How many of the records p1 was told are written will survive?',
          zh: 'acks=1，leader 刚在两个 follower 都落后时被杀。p1 被告知已写入的记录，有多少能保住？',
        },
        answers: [
          { text: { en: 'All of them: they were acknowledged', zh: '全部：它们都已被确认' }, correct: false },
          { text: { en: 'All but those the followers had not copied yet', zh: '除了 follower 还没复制的那些，其余都能保住' }, correct: true },
          { text: { en: 'None: the new leader starts an empty log', zh: '一条也保不住：新 leader 从空日志开始' }, correct: false },
        ],
        why: {
          en: 'With acks=1 the leader acknowledges before any follower has the record (Kafka docs, producer config acks). The new leader is one of the lagging followers: what it had survives, and Lost, acknowledged counts the rest.',
          zh: 'acks=1 时 leader 在任何 follower 拿到记录之前就确认了（Kafka 文档，生产者配置 acks）。新 leader 是落后的 follower 之一：它有的记录保住了，“已确认却丢失”统计的是其余部分。',
        },
      },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0' } },
      text: {
        en: 'The controller elects a new leader from the ISR. Both followers were still in the ISR (they were slow, not 30 s behind), so this is a clean election, and yet the new leader lacks the records b1 had acknowledged. Look at Lost, acknowledged: records p1 was told were written are gone.',
        zh: 'controller 从 ISR 中选出新 leader。两个 follower 都还在 ISR 里（只是慢，并未落后 30 秒），所以这是一次“干净”的选举，可新 leader 上偏偏没有 b1 已确认的那些记录。看“已确认却丢失”：p1 被告知写入成功的记录，没了。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: '>0' },
    },
    {
      trigger: { at: 20000 },
      actions: [{ type: 'fault', fault: { type: 'restart', broker: 1 } }],
      text: {
        en: 'b1 comes back. Its log still holds the lost records, but it is now a follower: it asks the new leader where its leader epoch ended and truncates everything after that. No replica keeps them.',
        zh: 'b1 重启回来，它的日志里还留着那些记录，但它现在是 follower：按 leader epoch 向新 leader 询问分叉点，然后截断之后的所有内容。再没有任何副本保留它们。',
      },
      highlight: { broker: 1 },
    },
    {
      trigger: { event: { type: 'truncated', broker: 1 } },
      text: {
        en: 'Truncated. With acks=1, "acknowledged" meant "one broker had it in memory". Click a lost message in the fates panel to read its whole story.',
        zh: '截断完成。acks=1 下的“已确认”，只意味着“一台 broker 的内存里有它”。在消息结局面板中点一条丢失的消息，可以看到它的完整经历。',
      },
      highlight: { panel: 'fates' },
      expect: { lostAcked: '>0' },
    },
    {
      trigger: { at: 25000 },
      actions: [{ type: 'compare', change: { scope: 'producer', producer: 'p1', key: 'acks', value: 'all' } }],
      text: {
        en: 'Now the same crash with acks=all. Beside this run, the lab replays it with one change: acks=all on p1 from t=0, with the same seed, the same slow followers and the same kill at 6 s. At the same moment: in this run Lost, acknowledged is above zero; in the replay it is 0. With acks=all the leader acknowledged a record only once every ISR replica had it, so the follower that became leader had every acknowledged record (Kafka docs, producer config acks). Next closes the comparison.',
        zh: '现在看同样的崩溃换成 acks=all。实验室在本次运行旁边重放它，只改一处：p1 从 t=0 起使用 acks=all，随机种子、慢 follower、第 6 秒的 kill 都与本次相同。同一时刻对比：本次运行中“已确认却丢失”大于 0，重放中是 0。acks=all 时，leader 要等 ISR 中每个副本都有了这条记录才确认，所以当上 leader 的 follower 拥有每一条已确认的记录（Kafka 文档，生产者配置 acks）。点“下一步”关闭对比。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: '>0' },
    },
    {
      id: 'safe',
      trigger: { at: 30000 },
      actions: [
        { type: 'config', change: { scope: 'topic', topic: 'orders', key: 'min.insync.replicas', value: 2 } },
        { type: 'config', change: { scope: 'producer', producer: 'p1', key: 'acks', value: 'all' } },
      ],
      text: {
        en: 'Now the safe configuration: min.insync.replicas=2 on the topic (a live change) and acks=all on the producer (a producer cannot change its config, so the application starts a new one). The followers are just as slow as before. A record is acknowledged only once every ISR replica has it, and the ISR must hold at least two.',
        zh: '换成安全配置：主题设 min.insync.replicas=2（在线生效），生产者设 acks=all（生产者配置不能热改，应用会新建一个生产者）。follower 和之前一样慢。现在，只有 ISR 中每个副本都有了这条记录才会确认，并且 ISR 至少要有两个副本。',
      },
      highlight: { panel: 'producers' },
    },
    {
      trigger: { at: 40000 },
      actions: [{ type: 'fault', fault: { type: 'crash', broker: { leaderOf: 'orders-0' } } }],
      text: {
        en: 'The same crash: we kill the current leader while the followers lag.',
        zh: '同样的崩溃：在 follower 落后时，杀掉当前的 leader。',
      },
      highlight: { panel: 'cluster' },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0' } },
      text: {
        en: 'A new leader again, and Lost, acknowledged has not moved: every acknowledged record was on every ISR replica, so whichever one is elected has it. The price: each acknowledgement waited for the slow followers. And if the ISR falls below two, writes are refused (NOT_ENOUGH_REPLICAS) rather than accepted unsafely.',
        zh: '又选出了新 leader，而“已确认却丢失”的数字没有再涨：每条已确认的记录都在 ISR 的每个副本上，选谁都不会缺。代价是：每次确认都要等慢的 follower；而 ISR 少于两个时，写入会被拒绝（NOT_ENOUGH_REPLICAS），而不是冒险接受。',
      },
      highlight: { count: 'lostAcked' },
      since: 'safe',
      expect: { lostAcked: 0 },
    },
  ],
  expect: { lostAcked: '>0', duplicated: 0 },
};
