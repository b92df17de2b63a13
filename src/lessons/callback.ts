/** Lesson: the send callback. An error ignored is a record lost; a record re-sent may be a duplicate that idempotence cannot see. */
import type { Lesson } from './types.ts';

export const callback: Lesson = {
  id: 'producer-callback',
  group: 'producer',
  title: { en: 'The send callback: ignore the error, or send again?', zh: '发送回调：忽略错误，还是重新发送？' },
  summary: {
    en: 'The leader\'s responses stop reaching the producer in time. Retries are unlimited, yet delivery.timeout.ms fails the sends. An application that ignores the error loses records; one that sends them again writes duplicates, even with idempotence on.',
    zh: 'leader 的响应没能及时到达生产者。重试次数不设上限，但 delivery.timeout.ms 到期后发送仍会失败。忽略错误的应用丢了记录；重新发送的应用则写入了重复，哪怕开着幂等。',
  },
  scenario: {
    name: 'Send callback: ignored vs re-sent',
    description: 'Three brokers, RF 3, min.insync.replicas=2, p1 with Kafka\'s defaults (acks=all, idempotence, retries=2147483647) but request.timeout.ms=2 s and delivery.timeout.ms=6 s (30 s and 2 minutes by default). From 3 s to 12 s, then from 18 s to 27 s, every response from the leader b1 to p1 arrives 5 s late, after p1 has given up on it (a lost response would do the same to the first requests, but then no new connection could be opened: the TCP handshake needs an answer too). The application first ignores a failed send, then (from 15 s) sends the record again.',
    seed: 8,
    until: 45000,
    cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 50, count: 100000, keys: 4, onError: 'ignore', config: { 'request.timeout.ms': 2000, 'delivery.timeout.ms': 6000 } }],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'producer.send() returns at once; the outcome arrives later, in the callback (or the Future). p1 runs Kafka\'s defaults: acks=all, enable.idempotence=true, retries=2147483647. Its application logs a failed send and moves on: it ignores the error.',
        zh: 'producer.send() 立即返回，结果稍后才在回调（或 Future）里送达。p1 使用 Kafka 默认配置：acks=all、enable.idempotence=true、retries=2147483647。它的应用遇到发送失败时记一条日志就继续：忽略了这个错误。',
      },
      highlight: { panel: 'producers' },
    },
    {
      id: 'cut',
      trigger: { at: 3000 },
      actions: [{ type: 'fault', fault: { type: 'link', from: 'b1', to: 'p1', oneWay: true, delayMs: 5000 } }],
      text: {
        en: 'From now on every response from the leader b1 to p1 arrives 5 s late, long after request.timeout.ms (2 s). The requests still arrive, and b1 writes them. p1 sees only timeouts and retries.',
        zh: '从现在起，leader b1 发给 p1 的每一个响应都晚到 5 秒，远超 request.timeout.ms（2 秒）。请求照常到达，b1 也照常写入。p1 只看到超时，然后重试。',
      },
      highlight: { broker: 1 },
    },
    {
      // Half a second after the first callbacks fail: the first to fail is a batch b1 wrote (its answer lost);
      // the records behind it, still in p1's buffer, expire unsent a moment later (delivery.timeout.ms, KIP-91).
      trigger: { at: 9500 },
      text: {
        en: 'The callback reports a TimeoutException. retries is practically unlimited, but it is not what bounds a send: delivery.timeout.ms is (the total time from send() to the callback, KIP-91; Kafka docs, producer config retries). The application ignored the error, so those records count as Lost, not acknowledged, and nothing will send them again.',
        zh: '回调报告了 TimeoutException。retries 几乎不设上限，但真正限制一次发送的不是它，而是 delivery.timeout.ms（从 send() 到回调的总时间，KIP-91；Kafka 文档，生产者配置 retries）。应用忽略了这个错误，于是这些记录计入“未确认且丢失”，再也不会有人重发它们。',
      },
      highlight: { count: 'lostUnacked' },
      expect: { lostUnacked: '>0', lostUnackedKnown: '>0' },
    },
    {
      trigger: { at: 12000 },
      actions: [{ type: 'fault', fault: { type: 'heal' } }],
      text: {
        en: 'The link heals. Look at Committed: it is above Acknowledged. Some of the records whose callback said "failed" had in fact been written by b1; an error in the callback means "not known to be written", not "not written".',
        zh: '网络恢复。看“已提交”：它比“已确认”还多。一些回调说“失败”的记录，其实早已被 b1 写入；回调里的错误意思是“不知道写没写成”，而不是“没写”。',
      },
      highlight: { count: 'committed' },
      since: 'cut',
      expect: { recovered: '>0' },
    },
    {
      trigger: { at: 15000 },
      actions: [{ type: 'config', change: { scope: 'producer', producer: 'p1', key: 'onError', value: 'resend' } }],
      text: {
        en: 'A new version of the application: when the callback reports an error, it calls send() again with the same record. Idempotence stays on.',
        zh: '应用换了新版本：回调报错时，它用同一条记录再调用一次 send()。幂等仍然开着。',
      },
      highlight: { panel: 'producers' },
    },
    {
      id: 'cut2',
      trigger: { at: 18000 },
      actions: [{ type: 'fault', fault: { type: 'link', from: 'b1', to: 'p1', oneWay: true, delayMs: 5000 } }],
      text: {
        en: 'The same fault again: for 9 s b1\'s responses to p1 arrive too late.',
        zh: '同样的故障再来一次：9 秒内 b1 发给 p1 的响应都来得太晚。',
      },
      highlight: { broker: 1 },
      predict: {
        question: {
          en: 'Failed sends are now sent again, and enable.idempotence=true. What will the re-sends do?',
          zh: '失败的发送现在会被重新发送，并且 enable.idempotence=true。这些重发会带来什么？',
        },
        answers: [
          { text: { en: 'Nothing is lost and nothing duplicated: idempotence recognises the re-sends', zh: '不丢也不重：幂等能认出这些重发' }, correct: false },
          { text: { en: 'Nothing is lost, but some records are written twice', zh: '不丢，但有些记录被写了两次' }, correct: true },
          { text: { en: 'The same loss as before: a re-send fails the same way', zh: '和之前一样丢：重发也会以同样的方式失败' }, correct: false },
        ],
        why: {
          en: 'Duplicated grows while Lost, not acknowledged does not. Idempotence numbers the batches of one producer session and recognises its own retries; a second send() is a new record with a new sequence number, so the broker writes it again (Kafka docs, enable.idempotence; KIP-98). Only the consumer side can remove that duplicate, by a unique id.',
          zh: '“重复”在涨，“未确认且丢失”不变。幂等给一次生产者会话的批次编号，只认得出它自己的重试；再调用一次 send() 就是一条新记录、新序号，broker 会再写一遍（Kafka 文档 enable.idempotence；KIP-98）。这种重复只能在消费端用唯一 ID 去掉。',
        },
      },
    },
    {
      trigger: { at: 27000 },
      actions: [{ type: 'fault', fault: { type: 'heal' } }],
      text: {
        en: 'The link heals. Since the second fault, Duplicated has grown and Lost, not acknowledged has not: every failed send was sent again, and those b1 had already written are now in the log twice.',
        zh: '网络恢复。自第二次故障以来，“重复”在涨，“未确认且丢失”没变：每个失败的发送都被重发了，而 b1 早已写入的那些，如今在日志里出现了两次。',
      },
      highlight: { count: 'duplicated' },
      since: 'cut2',
      expect: { duplicated: '>0', lostUnacked: 0 },
    },
    {
      trigger: { at: 40000 },
      text: {
        en: 'Ignore the error and you may lose; send again and you may duplicate. Neither is exactly-once. Pick the one you can repair: re-send, and make the consumer idempotent by a unique id in each record (the end-to-end lesson).',
        zh: '忽略错误可能丢，重新发送可能重。两者都不是“恰好一次”。选那个你能补救的：重新发送，并让消费端凭每条记录里的唯一 ID 做到幂等（见端到端那一课）。',
      },
      highlight: { panel: 'fates' },
      since: 'cut2',
      expect: { duplicated: '>0', lostUnacked: 0 },
    },
  ],
  expect: { lostUnacked: '>0', duplicated: '>0', lostAcked: 0 },
};
