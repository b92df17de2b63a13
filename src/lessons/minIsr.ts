/** Lesson: min.insync.replicas is a floor for rejecting acks=all writes, and (Kafka 3.7+) a floor for the high watermark. */
import type { Lesson } from './types.ts';

export const minIsr: Lesson = {
  id: 'min-insync-replicas',
  group: 'broker',
  title: { en: 'min.insync.replicas and NOT_ENOUGH_REPLICAS', zh: 'min.insync.replicas 与 NOT_ENOUGH_REPLICAS' },
  summary: {
    en: 'Both followers are cut off and leave the ISR. The acks=all producer is refused with NOT_ENOUGH_REPLICAS; the acks=1 producer is still acknowledged, but since Kafka 3.7 its records stay above the high watermark, invisible to consumers, until the ISR is back to the minimum.',
    zh: '两个 follower 被切断并移出 ISR。acks=all 的生产者被 NOT_ENOUGH_REPLICAS 拒绝；acks=1 的生产者仍然收到确认，但从 Kafka 3.7 起，它的记录停在高水位之上、消费者看不到，直到 ISR 恢复到最小值。',
  },
  scenario: {
    name: 'min.insync.replicas: acks=all refused, acks=1 hidden',
    description: 'Three brokers, RF 3, min.insync.replicas=2, replica.lag.time.max.ms=5 s (30 s by default). p1 writes with acks=all, p2 with acks=1, both to orders. At 3 s the leader b1 loses its links to b2 and b3; at 25 s the network heals.',
    seed: 21,
    until: 45000,
    cluster: { brokers: 3, config: { 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 5000, 'replica.socket.timeout.ms': 5000 } },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [
      { name: 'p1', topic: 'orders', rate: 50, count: 100000, keys: 4, config: { acks: 'all', 'request.timeout.ms': 5000 } },
      { name: 'p2', topic: 'orders', rate: 50, count: 100000, keys: 4, config: { acks: 1, 'enable.idempotence': false } },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'min.insync.replicas=2 on a topic with three replicas. A common belief: "acks=all then waits for two replicas". It does not. acks=all waits for every replica in the ISR, here all three; min.insync.replicas is the floor below which the leader refuses acks=all writes (Kafka docs, topic config min.insync.replicas). p1 writes with acks=all, p2 with acks=1.',
        zh: '三副本的主题上设置 min.insync.replicas=2。常见的误解是“于是 acks=all 只等两个副本”。并非如此：acks=all 等的是 ISR 中的每一个副本（这里是三个）；min.insync.replicas 是一条下限，ISR 低于它时 leader 拒绝 acks=all 的写入（Kafka 文档，主题配置 min.insync.replicas）。p1 使用 acks=all，p2 使用 acks=1。',
      },
      highlight: { panel: 'producers' },
    },
    {
      id: 'cut',
      trigger: { at: 3000 },
      actions: [
        { type: 'fault', fault: { type: 'link', from: 'b1', to: 'b2', drop: 1 } },
        { type: 'fault', fault: { type: 'link', from: 'b1', to: 'b3', drop: 1 } },
      ],
      text: {
        en: 'The leader b1 loses its links to b2 and b3. They stay in the ISR until replica.lag.time.max.ms (5 s here, 30 s by default) has passed without them catching up.',
        zh: 'leader b1 与 b2、b3 之间的网络断了。在 replica.lag.time.max.ms（本课 5 秒，默认 30 秒）内没追上之前，它们仍留在 ISR 里。',
      },
      highlight: { panel: 'cluster' },
    },
    {
      id: 'shrunk',
      trigger: { event: { type: 'isr-changed', partition: 'orders-0', 'isr.length': 1, 'isr.0': 1 } },
      text: {
        en: 'The leader has removed b2 and b3 from the ISR: it is b1 alone. Until now Committed had not moved since the cut: acks=all waited for b2 and b3, although two replicas (b1 and one more) would have met min.insync.replicas.',
        zh: 'leader 把 b2、b3 移出了 ISR，只剩 b1。在此之前，自断网起“已提交”一直没动：acks=all 在等 b2 和 b3，尽管两个副本（b1 加一个）就已满足 min.insync.replicas。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
      since: 'cut',
      expect: { committed: 0 },
      predict: {
        question: {
          en: 'The ISR (1 replica) is now below min.insync.replicas (2). What happens to the two producers\' new writes?',
          zh: 'ISR（1 个副本）现在低于 min.insync.replicas（2）。两个生产者接下来的写入会怎样？',
        },
        answers: [
          { text: { en: 'Both are refused with NOT_ENOUGH_REPLICAS', zh: '两者都被 NOT_ENOUGH_REPLICAS 拒绝' }, correct: false },
          { text: { en: 'p1 is refused; p2 is acknowledged, but its records are not committed', zh: 'p1 被拒绝；p2 收到确认，但它的记录不会被提交' }, correct: true },
          { text: { en: 'Both are acknowledged and committed: the ISR is just b1 now', zh: '两者都被确认并提交：现在 ISR 只有 b1' }, correct: false },
        ],
        why: {
          en: 'p1\'s requests come back with NOT_ENOUGH_REPLICAS and are retried. p2 uses acks=1, which min.insync.replicas does not apply to, so Acknowledged keeps growing; but Committed stays still: since Kafka 3.7 the leader does not advance the high watermark while the ISR is below min.insync.replicas (KAFKA-15583, part of KIP-966). Consumers cannot read p2\'s records.',
          zh: 'p1 的请求收到 NOT_ENOUGH_REPLICAS，并不断重试。p2 用的是 acks=1，min.insync.replicas 管不到它，所以“已确认”还在涨；但“已提交”纹丝不动：从 Kafka 3.7 起，ISR 低于 min.insync.replicas 时 leader 不再推进高水位（KAFKA-15583，属于 KIP-966）。消费者读不到 p2 的这些记录。',
        },
      },
    },
    {
      trigger: { event: { type: 'produce-error', producer: 'p1', error: 'NOT_ENOUGH_REPLICAS' } },
      text: {
        en: 'NOT_ENOUGH_REPLICAS: the leader refused p1\'s batch before appending it. It is a retriable error, so p1 retries until delivery.timeout.ms (2 minutes by default). Meanwhile Acknowledged has grown (p2) and Committed has not: p2\'s records sit above the high watermark, in Acked, not yet committed.',
        zh: 'NOT_ENOUGH_REPLICAS：leader 在追加之前就拒绝了 p1 的批次。这是可重试的错误，p1 会一直重试到 delivery.timeout.ms（默认 2 分钟）。与此同时“已确认”在涨（来自 p2），“已提交”没动：p2 的记录停在高水位之上，计入“已确认、尚未提交”。',
      },
      highlight: { count: 'unseen' },
      since: 'shrunk',
      expect: { committed: 0, acked: '>0', unseen: '>0' },
    },
    {
      trigger: { at: 25000 },
      actions: [{ type: 'fault', fault: { type: 'heal' } }],
      text: {
        en: 'The network heals. Until now, nothing written after the ISR shrank was committed. If b1 had died in the meantime, every acks=1 record it alone held would have been lost: that is why the high watermark waits.',
        zh: '网络恢复。到此为止，ISR 收缩之后写入的记录一条也没有提交。假如 b1 在这期间死掉，只有它持有的 acks=1 记录就全丢了：这正是高水位要等的原因。',
      },
      highlight: { panel: 'cluster' },
      since: 'shrunk',
      expect: { committed: 0 },
    },
    {
      id: 'healed',
      trigger: { event: { type: 'isr-changed', partition: 'orders-0', 'isr.length': 2, 'isr.1': 2 } },
      text: {
        en: 'b2 has caught up and is back in the ISR: two replicas, the minimum again. The high watermark can move.',
        zh: 'b2 追上来，回到了 ISR：又有两个副本，达到了最小值。高水位可以前进了。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      trigger: { at: 32000 },
      text: {
        en: 'Committed has jumped: p2\'s waiting records and p1\'s retried ones are committed and readable, and nothing acknowledged was lost. min.insync.replicas traded availability (p1 waited) for safety.',
        zh: '“已提交”一下子涨了上去：p2 等待中的记录和 p1 重试的记录都已提交、可以被读取，没有丢失任何已确认的记录。min.insync.replicas 用可用性（p1 在等）换来了安全。',
      },
      highlight: { count: 'committed' },
      since: 'healed',
      expect: { committed: '>500', lostAcked: 0 },
    },
  ],
  expect: { lostAcked: 0 },
};
