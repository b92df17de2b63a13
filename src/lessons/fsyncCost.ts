/** Lesson: fsync is not free. flush.messages=1 loses nothing, but every append waits for the disk. */
import type { Lesson } from './types.ts';

export const fsyncCost: Lesson = {
  id: 'fsync-cost',
  group: 'broker',
  title: { en: 'The cost of fsync: flush.messages=1 and a disk that sets the pace', zh: 'fsync 的代价：flush.messages=1 与决定速度的磁盘' },
  summary: {
    en: 'With an fsync after every append nothing acknowledged can vanish with the page cache, but each append waits for the disk: the producer falls behind, waits seconds for its acknowledgements, and its batches time out.',
    zh: '每次追加后都 fsync，已确认的记录就不会随页缓存一起消失，但每次追加都要等磁盘：生产者跟不上，确认要等几秒，批次超时。',
  },
  scenario: { file: 'fsync-cost.json' },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'The durability lesson ended with flush.messages=1: fsync after every append, so a power cut cannot take acknowledged records. Here it is set for the whole cluster (log.flush.interval.messages=1). An fsync takes 5 ms on this disk, and one disk does one fsync at a time. The leader answers a produce request only after its fsync; a follower fetches again only after its own.',
        zh: '持久性那一课最后设置了 flush.messages=1：每次追加后都 fsync，断电就带不走已确认的记录。这里给整个集群设置（log.flush.interval.messages=1）。这块磁盘上一次 fsync 要 5 毫秒，一块磁盘一次只能做一个 fsync。leader 做完 fsync 才回复生产请求；follower 做完自己的 fsync 才再次拉取。',
      },
      highlight: { panel: 'producers' },
    },
    {
      trigger: { at: 5000 },
      text: {
        en: 'p1 sends 2000 records/s of 1 KB for 20 s: a batch holds 16 of them (batch.size 16384). Without fsync this cluster acknowledges them within a few milliseconds; look at how long p1\'s records wait now.',
        zh: 'p1 每秒发送 2000 条 1 KB 的记录，持续 20 秒：一个批次装 16 条（batch.size 16384）。不做 fsync 时，这个集群几毫秒内就能确认它们；看看 p1 的记录现在要等多久。',
      },
      highlight: { panel: 'charts' },
      expect: { lostUnackedKnown: 0, lostAcked: 0 },
      predict: {
        question: {
          en: 'What will fsync on every append do to this producer within the next seconds?',
          zh: '接下来几秒，每次追加都 fsync 会对这个生产者造成什么影响？',
        },
        answers: [
          { text: { en: 'Nothing visible: fsync only makes the data safer', zh: '看不出影响：fsync 只是让数据更安全' }, correct: false },
          { text: { en: 'Batches wait in the producer until delivery.timeout.ms fails them', zh: '批次在生产者里等待，直到 delivery.timeout.ms 让它们失败' }, correct: true },
          { text: { en: 'Acknowledged records are lost when the disk is busy', zh: '磁盘繁忙时已确认的记录会丢失' }, correct: false },
        ],
        why: {
          en: 'Each produce request now costs a leader fsync plus a follower fsync before acks=all is satisfied, so the partition takes far fewer batches per second than p1 sends. The backlog grows in the producer\'s buffer, and batches older than delivery.timeout.ms fail with TimeoutException: Lost, not acknowledged counts those the application was told about. Nothing acknowledged is lost.',
          zh: '现在每个生产请求都要先等 leader 的 fsync，再等 follower 的 fsync，acks=all 才满足，所以分区每秒能接受的批次远少于 p1 发出的。积压在生产者的缓冲区里越来越多，超过 delivery.timeout.ms 的批次以 TimeoutException 失败：“未确认且丢失”统计应用被告知的那些。已确认的记录一条都没丢。',
        },
      },
    },
    {
      trigger: { at: 10000 },
      text: {
        en: 'Half way: nothing has failed yet, but p1\'s buffer keeps growing. Every acknowledgement now comes seconds after its send(), because each batch waits behind the batches before it, and each of them behind two fsyncs.',
        zh: '过了一半：还没有任何失败，但 p1 的缓冲区越积越多。现在每次确认都在 send() 之后几秒才到，因为每个批次都排在前面的批次后面，而每个批次又要等两次 fsync。',
      },
      highlight: { panel: 'producers' },
      expect: { lostAcked: 0 },
    },
    {
      trigger: { at: 16000 },
      text: {
        en: 'TimeoutException after TimeoutException: the application was told, and the records acknowledged took seconds. Run fsync-cost.json without log.flush.interval.messages and compare ackLatencyMs in the two reports. In production Kafka leaves fsync to the OS and gets durability from replicas that cannot fail together.',
        zh: '一个接一个的 TimeoutException：应用被告知了，而确认了的记录也花了几秒。去掉 log.flush.interval.messages 运行 fsync-cost.json，比较两份报告中的 ackLatencyMs。生产环境里 Kafka 把 fsync 交给操作系统，靠不会一起出事的副本来保证持久。',
      },
      highlight: { count: 'lostUnackedKnown' },
      expect: { lostUnackedKnown: '>0', lostAcked: 0 },
    },
  ],
  expect: { lostAcked: 0, duplicated: 0 },
};
