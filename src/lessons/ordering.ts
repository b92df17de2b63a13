/** Lesson: retries reorder a key when several requests are in flight without idempotence. */
import type { Lesson } from './types.ts';

export const ordering: Lesson = {
  group: 'producer',
  id: 'reorder-in-flight',
  title: { en: 'Several requests in flight: retries reorder a key', zh: '多个请求在途：重试打乱同一 key 的顺序' },
  summary: {
    en: 'Kafka keeps the order of a partition\'s log, not the order you called send(). With max.in.flight.requests.per.connection=5 and no idempotence, a retried batch lands after later ones.',
    zh: 'Kafka 保证的是分区日志里的顺序，而不是你调用 send() 的顺序。max.in.flight.requests.per.connection=5 且未开幂等时，重试的批次会落在后发的批次之后。',
  },
  scenario: {
    name: 'Retries reorder records of a key',
    description: 'Three brokers, RF 3, p1 with enable.idempotence=false and max.in.flight.requests.per.connection=5, two keys, 200 records/s, request.timeout.ms=2000.',
    seed: 4,
    until: 40000,
    cluster: { brokers: 3 },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [
      {
        name: 'p1',
        topic: 'orders',
        rate: 200,
        count: 100000,
        keys: 2,
        config: { 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 5, 'request.timeout.ms': 2000, 'delivery.timeout.ms': 30000 },
      },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'Records with the same key go to the same partition, and a partition is an ordered log, so "Kafka keeps the order per key". That is only half the story: p1 may have up to five requests to the leader in flight at once, and idempotence is off.',
        zh: '同一个 key 的记录进同一个分区，分区是有序日志，所以“Kafka 保证同一 key 有序”。这只说对了一半：p1 同时可以有最多 5 个请求在途，而且幂等是关闭的。',
      },
      highlight: { panel: 'producers' },
    },
    {
      trigger: { at: 1000 },
      actions: [{ type: 'fault', fault: { type: 'link', from: 'b1', to: 'p1', drop: 0.1 } }],
      text: {
        en: 'The link between p1 and the leader b1 now loses one message in ten, in both directions.',
        zh: '现在 p1 与 leader b1 之间的网络双向丢包，十个丢一个。',
      },
      highlight: { broker: 1 },
    },
    {
      trigger: { event: { type: 'produce-error', producer: 'p1' } },
      text: {
        en: 'A request timed out. p1 did not wait for it: up to four more requests, with later records of the same keys, were sent behind it.',
        zh: '一个请求超时了。p1 并没有等它：在它后面，又有最多四个请求（带着同一 key 更靠后的记录）发了出去。',
      },
      predict: {
        question: {
          en: 'p1 retries the timed-out batch. Where do its records end up in the log?',
          zh: 'p1 重试这个超时的批次。它的记录最终落在日志的哪里？',
        },
        answers: [
          { text: { en: 'In their original place: Kafka keeps the order of a key', zh: '原来的位置：Kafka 会保持同一 key 的顺序' }, correct: false },
          { text: { en: 'After later records of the same keys', zh: '排在同一 key 更晚的记录之后' }, correct: true },
          { text: { en: 'Nowhere: a timed-out batch is dropped', zh: '哪儿也不在：超时的批次会被丢弃' }, correct: false },
        ],
        why: {
          en: 'The requests sent after it had already been written, and a log only appends: the retry lands at the end, after records of its keys that were sent later, and Reordered grows. A consumer reads them in log order. Kafka docs, producer config max.in.flight.requests.per.connection: with retries and more than one in flight without idempotence, records may be reordered.',
          zh: '后发的请求已经写入，而日志只能追加：重试的批次落在末尾，排在同一 key 较晚发送的记录之后，“乱序”随之增长。消费者按日志顺序读到的就是这个乱序。Kafka 文档，生产者配置 max.in.flight.requests.per.connection：未开幂等、有重试且在途请求多于一个时，记录可能被重排。',
        },
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      trigger: { at: 8000 },
      actions: [
        { type: 'fault', fault: { type: 'heal' } },
        { type: 'config', change: { scope: 'producer', producer: 'p1', key: 'enable.idempotence', value: true } },
      ],
      text: {
        en: 'Reordered counts records that landed after a later record of their key. The fix: enable.idempotence=true (the default). With sequence numbers, the leader refuses a batch that arrives out of turn (OUT_OF_ORDER_SEQUENCE_NUMBER) and the producer resends in order; order holds with up to five requests in flight. The older fix, max.in.flight.requests.per.connection=1, also keeps order, at the cost of throughput.',
        zh: '“乱序”统计的是落在同 key 后续记录之后的记录。解决办法：enable.idempotence=true（默认值）。有了序号，leader 会拒绝不按顺序到达的批次（OUT_OF_ORDER_SEQUENCE_NUMBER），生产者再按顺序重发；最多 5 个在途请求也能保序。老办法 max.in.flight.requests.per.connection=1 同样保序，但牺牲吞吐。',
      },
      highlight: { count: 'reordered' },
      expect: { reordered: '>0' },
    },
    {
      id: 'fix',
      trigger: { at: 10000 },
      actions: [{ type: 'fault', fault: { type: 'link', from: 'b1', to: 'p1', drop: 0.1 } }],
      text: {
        en: 'The network was healed for two seconds while the old producer closed. Now the same lossy link again, for the new, idempotent producer.',
        zh: '旧生产者关闭期间，网络恢复了两秒。现在同样的丢包再来一次，面对的是新的幂等生产者。',
      },
      highlight: { broker: 1 },
    },
    {
      trigger: { at: 22000 },
      text: {
        en: 'The same lossy link for 12 s, and Reordered has not grown. Note what idempotence does not fix: two producers, or an application that re-sends after an error, still write in whatever order they send.',
        zh: '同样的丢包持续了 12 秒，“乱序”没有再增加。但要注意幂等管不到的：两个生产者之间，或者应用在出错后自己重发，写入顺序仍取决于它们各自发送的先后。',
      },
      highlight: { count: 'reordered' },
      since: 'fix',
      expect: { reordered: 0 },
    },
  ],
  expect: { reordered: '>0' },
};
