/** Lesson: acks=all is not fsync. A crash keeps the page cache; a power cut of every replica does not; flush.messages=1 does. */
import type { Lesson } from './types.ts';

const restartAll = [1, 2, 3].map((b) => ({ type: 'fault' as const, fault: { type: 'restart' as const, broker: b } }));

export const durability: Lesson = {
  group: 'broker',
  id: 'acks-all-not-fsync',
  title: { en: 'acks=all is not fsync: page cache, power loss, flush.messages', zh: 'acks=all 不等于落盘：页缓存、断电与 flush.messages' },
  summary: {
    en: 'Kafka acknowledges a write once it is in the memory of every in-sync replica, not on their disks. A process crash loses nothing; a power cut of all replicas at once does, unless you pay for fsync.',
    zh: 'Kafka 在记录进入所有同步副本的内存后就确认，而不是写到磁盘上。进程崩溃不会丢；所有副本同时断电就会丢，除非你为 fsync 付出代价。',
  },
  scenario: {
    name: 'acks=all is not fsync',
    description: 'Three brokers, RF 3, min.insync.replicas=2, acks=all (the safe configuration). The request.timeout.ms of p1 is 10 s (30 s by default). Linux writes dirty pages back once they are 10 s old here (vm.dirty_expire_centisecs; 30 s by default). A kill -9, then a power cut of the whole rack, then the same with flush.messages=1.',
    seed: 3,
    until: 80000,
    cluster: { brokers: 3, config: { 'min.insync.replicas': 2 }, lab: { 'os.dirty.expire.ms': 10000 } },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 100, count: 100000, keys: 4, config: { 'request.timeout.ms': 10000 } }],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'The safe configuration from the acks failover lesson: acks=all, min.insync.replicas=2, three replicas. One often reads "Kafka writes to disk, so a crash loses nothing", or "acks=all means no loss". Kafka writes to the file system, which is not the same as the disk.',
        zh: '沿用 acks 故障切换那一课的安全配置：acks=all、min.insync.replicas=2、三副本。常听人说“Kafka 会持久化到磁盘，所以宕机不丢数据”，或者“acks=all 就不会丢”。但 Kafka 写的是文件系统，文件系统不等于磁盘。',
      },
      highlight: { panel: 'producers' },
    },
    {
      trigger: { at: 8000 },
      actions: [{ type: 'fault', fault: { type: 'crash', broker: { leaderOf: 'orders-0' } } }],
      text: {
        en: 'A write() puts the record in the OS page cache; by default Kafka never calls fsync (flush.messages and flush.ms are "never") and relies on replication. In each log, the part not yet written back to disk is marked as page cache. Now we kill the leader\'s process.',
        zh: 'write() 只把记录放进操作系统的页缓存（page cache）；默认情况下 Kafka 从不调用 fsync（flush.messages 和 flush.ms 都是“永不”），它依靠的是多副本。每个日志中尚未回写到磁盘的部分都标成了页缓存。现在杀掉 leader 进程。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0' } },
      text: {
        en: 'A new leader from the ISR, and nothing acknowledged is lost. Even on the killed broker, nothing is lost: the process died, the machine did not, and the OS still holds its page cache and will write it back.',
        zh: '从 ISR 选出了新 leader，没有任何已确认的记录丢失。就连被杀的那台 broker 上也没丢：死的是进程，不是机器，页缓存仍在操作系统手里，迟早会写回磁盘。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: 0 },
    },
    {
      trigger: { at: 18000 },
      actions: [{ type: 'fault', fault: { type: 'restart', broker: 1 } }],
      id: 'before-power',
      text: { en: 'We restart the killed broker; it recovers its log and rejoins the ISR.', zh: '重启被杀的 broker，它恢复日志后重新加入 ISR。' },
      highlight: { broker: 1 },
      expect: { lostAcked: 0 },
      predict: {
        question: {
          en: 'Next, the whole rack loses power: all three brokers at the same instant. acks=all, min.insync.replicas=2. What happens to the acknowledged records?',
          zh: '接下来整个机架断电：三台 broker 同一瞬间掉电。acks=all、min.insync.replicas=2。已确认的记录会怎样？',
        },
        answers: [
          { text: { en: 'None is lost: acks=all means the record was written to disk', zh: '一条不丢：acks=all 表示记录已写到磁盘' }, correct: false },
          { text: { en: 'Those still only in the page cache of every replica are lost', zh: '在每个副本上都还只在页缓存里的那些会丢' }, correct: true },
          { text: { en: 'Everything is lost, even what was written long ago', zh: '全部丢失，连很早以前写的也没了' }, correct: false },
        ],
        why: {
          en: 'acks=all is acknowledged once every ISR replica has the record in memory; Kafka leaves fsync to the OS by default and relies on replication (Kafka docs, broker config log.flush.interval.messages: use replication for durability and the OS\'s background flush). When every replica loses power at once, Lost, acknowledged jumps by what no disk had yet.',
          zh: 'acks=all 在每个 ISR 副本的内存里有了记录就确认；Kafka 默认把 fsync 交给操作系统，依靠多副本保证持久（Kafka 文档，broker 配置 log.flush.interval.messages：用复制保证持久性，由操作系统在后台刷盘）。所有副本同时断电时，“已确认却丢失”就会跳升，涨幅正是还没落到任何磁盘上的部分。',
        },
      },
    },
    {
      trigger: { at: 30000 },
      actions: [{ type: 'fault', fault: { type: 'power-loss', brokers: [1, 2, 3] } }],
      since: 'before-power',
      expect: { lostAcked: '>0' },
      text: {
        en: 'Now the whole rack loses power: all three brokers at the same instant. Everything that was only in page cache, on every replica, is gone. Replication protected us from one machine failing, not from all of them failing together. Nobody tells the producer either: a dead machine resets no connection, so p1 waits for request.timeout.ms (10 s here, 30 s by default).',
        zh: '现在整个机架断电：三台 broker 同一瞬间掉电。所有副本上只在页缓存里的数据，全部消失。多副本能防住一台机器出事，防不住所有机器一起出事。也没有谁通知生产者：断电的机器不会重置连接，p1 只能干等 request.timeout.ms（本课 10 秒，默认 30 秒）。',
      },
      highlight: { panel: 'cluster' },
    },
    {
      trigger: { at: 34000 },
      actions: restartAll,
      text: {
        en: 'Power returns and the brokers restart. Each recovers only what reached its disk. The OS writes a dirty page back once it is old enough (10 s here, 30 s by default): the last seconds of records were acknowledged to p1, and are on no disk at all.',
        zh: '来电了，broker 陆续重启。每台只能恢复已写到磁盘上的部分。操作系统要等脏页“够老”（本课 10 秒，默认 30 秒）才回写：最后这几秒的记录 p1 都收到了确认，却不在任何一块磁盘上。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      id: 'flush',
      trigger: { event: { type: 'leader-elected', partition: 'orders-0', previous: -1 } },
      actions: [{ type: 'config', change: { scope: 'topic', topic: 'orders', key: 'flush.messages', value: 1 } }],
      text: {
        en: 'The partition is back online, and Lost, acknowledged has jumped: acks=all did not mean "on disk". Now we set flush.messages=1 on the topic (a live change): the broker fsyncs after every append, before the record counts for the high watermark. On real disks this costs a great deal of throughput.',
        zh: '分区重新上线，而“已确认却丢失”跳了上去：acks=all 并不意味着“已落盘”。现在给主题设置 flush.messages=1（在线生效）：broker 每追加一条就 fsync 一次，之后这条记录才计入高水位。在真实磁盘上，这会让吞吐大打折扣。',
      },
      highlight: { count: 'lostAcked' },
      since: 'before-power',
      expect: { lostAcked: '>0' },
    },
    {
      trigger: { at: 50000 },
      actions: [{ type: 'fault', fault: { type: 'power-loss', brokers: [1, 2, 3] } }],
      text: { en: 'The same power cut, with every record fsynced.', zh: '同样的断电，这次每条记录都已 fsync。' },
      highlight: { panel: 'cluster' },
    },
    {
      trigger: { at: 54000 },
      actions: restartAll,
      text: { en: 'Power returns; the brokers recover their logs from disk.', zh: '来电，各 broker 从磁盘恢复日志。' },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0', previous: -1 } },
      text: {
        en: 'Nothing new is lost. The usual answer in production is not flush.messages=1 but replicas that cannot fail together: different racks or availability zones (broker.rack), and power that does not go out everywhere at once.',
        zh: '这次没有新的丢失。生产环境中通常的做法不是 flush.messages=1，而是让副本不会一起出事：分布到不同机架或可用区（broker.rack），并保证供电不会同时中断。',
      },
      highlight: { count: 'lostAcked' },
      since: 'flush',
      expect: { lostAcked: 0 },
    },
  ],
  expect: { lostAcked: '>0' },
};
