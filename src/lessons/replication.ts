/** Lesson: what a leader, its followers, the ISR and the high watermark are, watched on one partition. */
import type { Lesson } from './types.ts';

export const replication: Lesson = {
  group: 'broker',
  id: 'replication-basics',
  title: { en: 'Replication: leader, followers, ISR, high watermark', zh: '副本机制：leader、follower、ISR 与高水位' },
  summary: {
    en: 'One partition, three replicas. Watch the leader append, the followers fetch, the high watermark follow, and the ISR shrink and grow again when a follower is cut off.',
    zh: '一个分区，三个副本。看 leader 追加写入、follower 拉取、高水位随之推进；再切断一个 follower，看 ISR 如何收缩、又如何恢复。',
  },
  scenario: {
    name: 'Replication basics',
    description: 'Three brokers, one partition replicated three times, acks=all (Kafka default), a 100 ms network so messages can be seen travelling. replica.lag.time.max.ms is 10 s and replica.socket.timeout.ms 5 s here (Kafka defaults: 30 s each) so the ISR changes within the lesson.',
    seed: 1,
    until: 60000,
    cluster: { brokers: 3, config: { 'replica.lag.time.max.ms': 10000, 'replica.socket.timeout.ms': 5000 }, lab: { 'network.latency.ms': 100 } },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 10, count: 100000, keys: 4 }],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'Three brokers, b1 to b3. The topic orders has one partition, orders-0, with three replicas. One replica is the leader: it alone takes writes from producers. The other two are followers: they copy the leader by fetching from it, just as a consumer would.',
        zh: '三台 broker：b1 到 b3。主题 orders 只有一个分区 orders-0，有三个副本。其中一个是 leader，只有它接收生产者的写入；另外两个是 follower，像消费者一样向 leader 拉取（fetch）数据来复制。',
      },
      highlight: { panel: 'cluster' },
    },
    {
      trigger: { at: 2000 },
      text: {
        en: 'Each replica has a log end offset (LEO): the next offset it will write. The leader is always first. The high watermark (HW) is the offset every in-sync replica has reached; records below it are committed, and only those are visible to consumers. With acks=all the producer gets its acknowledgement when the HW passes its record.',
        zh: '每个副本都有自己的日志末端位移（LEO），即下一条要写入的位置，leader 总是最靠前。高水位（HW）是所有同步副本都已到达的位置：HW 以下的记录才算“已提交”，消费者也只能读到这些。acks=all 时，HW 越过某条记录，生产者才收到它的确认。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      id: 'cut',
      trigger: { at: 4000 },
      actions: [{ type: 'fault', fault: { type: 'partition', groups: [['b1'], ['b3']] } }],
      text: {
        en: 'Now we cut the link between b1 and b3 (b3 can still reach the controller). The leader still appends, b2 still fetches, but b3 no longer can. The in-sync replica set (ISR) still names b3, and acks=all waits for every ISR member.',
        zh: '现在切断 b1 与 b3 之间的网络（b3 仍能连上 controller）。leader 照常追加，b2 照常拉取，b3 却拉不到了。同步副本集合（ISR）里仍有 b3，而 acks=all 要等 ISR 里的每一个副本。',
      },
      highlight: { broker: 3 },
      expect: { lostAcked: 0 },
      predict: {
        question: {
          en: 'b3 can no longer fetch; b1 and b2 are fine. What happens to p1\'s acknowledgements (acks=all)?',
          zh: 'b3 再也拉取不到数据；b1 和 b2 一切正常。p1 的确认（acks=all）会怎样？',
        },
        answers: [
          { text: { en: 'They go on: two replicas out of three are enough', zh: '照常：三个副本里有两个就够了' }, correct: false },
          { text: { en: 'They stop until the leader removes b3 from the ISR, then resume', zh: '停下，直到 leader 把 b3 移出 ISR，然后恢复' }, correct: true },
          { text: { en: 'They stop until b3 is reconnected', zh: '停下，直到 b3 重新连上' }, correct: false },
        ],
        why: {
          en: 'acks=all waits for every replica in the ISR, and b3 is still in it: Committed does not move until the leader removes b3, after replica.lag.time.max.ms. Then the high watermark jumps and the waiting records are acknowledged, long before b3 is back.',
          zh: 'acks=all 等的是 ISR 中的每一个副本，而 b3 还在 ISR 里：“已提交”一直不动，直到过了 replica.lag.time.max.ms、leader 把 b3 移出。随后高水位跳升，积压的记录得到确认，远在 b3 回来之前。',
        },
      },
    },
    {
      trigger: { event: { type: 'isr-changed', partition: 'orders-0', 'isr.length': 2 } },
      text: {
        en: 'b3 has not caught up for replica.lag.time.max.ms (10 s in this lesson; 30 s by default), so the leader removes it from the ISR and tells the controller. Since the cut, Committed has not moved: every acknowledgement was waiting for b3. The ISR is now b1 and b2.',
        zh: 'b3 已经超过 replica.lag.time.max.ms（本课设为 10 秒，默认 30 秒）没有追上，leader 把它移出 ISR 并报告给 controller。自断网以来“已提交”一直没动：每个确认都在等 b3。此刻 ISR 只剩 b1 和 b2。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
      id: 'isr',
      since: 'cut',
      expect: { lostAcked: 0, committed: 0 },
    },
    {
      trigger: { at: 17000 },
      text: {
        en: 'The HW has jumped forward and the waiting records are acknowledged: Committed and Acknowledged grew by more than 100 in under two seconds. acks=all means "all replicas in the ISR", not "all replicas".',
        zh: 'HW 已经向前跳，积压的记录都得到了确认：“已提交”和“已确认”在不到两秒内各涨了 100 多条。acks=all 的意思是“ISR 里的所有副本”，而不是“所有副本”。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
      since: 'isr',
      expect: { committed: '>100', acked: '>100', lostAcked: 0 },
    },
    {
      trigger: { at: 20000 },
      actions: [{ type: 'fault', fault: { type: 'heal' } }],
      text: {
        en: 'We reconnect b3. Its last fetch was lost with the link; after replica.socket.timeout.ms (5 s here) it fetches again, from where it stopped, and copies the records it missed. Until it reaches the HW it stays out of the ISR: a write is not waiting for it.',
        zh: '恢复网络。b3 上一次的拉取请求随断网丢了，等过 replica.socket.timeout.ms（本课 5 秒）后重新拉取，从中断处补上错过的记录。在追上 HW 之前，它不在 ISR 里，写入也不会等它。',
      },
      highlight: { broker: 3 },
    },
    {
      trigger: { event: { type: 'isr-changed', partition: 'orders-0', 'isr.length': 3 } },
      text: {
        en: 'b3 has caught up with the leader, and the leader adds it back to the ISR. Three copies again. Nothing was lost: every acknowledged record is on every replica in the ISR, which is what makes a failover safe.',
        zh: 'b3 追上了 leader，重新加入 ISR，又是三份副本。整个过程没有丢任何数据：每条已确认的记录都在 ISR 的每个副本上，这正是故障切换安全的前提。',
      },
      highlight: { panel: 'cluster' },
      expect: { lostAcked: 0, lostUnacked: 0 },
    },
  ],
  expect: { lostAcked: 0, duplicated: 0, committed: '>100' },
};
