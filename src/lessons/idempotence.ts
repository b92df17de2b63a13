/** Lesson: retries write duplicates without idempotence; idempotence drops them; a restarted producer is a new producer. */
import type { Lesson } from './types.ts';

export const idempotence: Lesson = {
  group: 'producer',
  id: 'retries-idempotence',
  title: { en: 'Retries, duplicates and the idempotent producer', zh: '重试、重复与幂等生产者' },
  summary: {
    en: 'A lost response makes the producer resend a batch the leader already wrote. Without idempotence that is a duplicate; with it the leader recognises the retry. But idempotence lives in one producer session: a restarted producer has a new id.',
    zh: '响应丢了，生产者就会重发一批 leader 其实已经写入的数据。没有幂等时这就是重复；开启幂等后 leader 能认出这是重试。但幂等只在一次生产者会话内有效：重启后的生产者拿到的是新的 ID。',
  },
  scenario: {
    name: 'Retries, duplicates and idempotence',
    description: 'Three brokers, RF 3, min.insync.replicas=2, p1 with acks=all and enable.idempotence=false, request.timeout.ms=2000. The leader\'s responses to p1 are lost 20% of the time.',
    seed: 5,
    until: 50000,
    cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [
      {
        name: 'p1',
        topic: 'orders',
        rate: 50,
        count: 100000,
        keys: 4,
        config: { acks: 'all', 'enable.idempotence': false, 'request.timeout.ms': 2000, 'delivery.timeout.ms': 20000 },
      },
    ],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'p1 sends with acks=all, retries at Kafka\'s default (practically forever) and enable.idempotence=false, as many older guides configure it. "Retries make sure nothing is lost" is true; what else they do is the subject of this lesson.',
        zh: 'p1 使用 acks=all，retries 为 Kafka 默认值（几乎无限），并关闭了幂等（enable.idempotence=false），很多老教程都这么配。“重试保证不丢”没错；重试还会带来什么，正是这一课要看的。',
      },
      highlight: { panel: 'producers' },
    },
    {
      trigger: { at: 2000 },
      actions: [{ type: 'fault', fault: { type: 'link', from: 'b1', to: 'p1', oneWay: true, drop: 0.2 } }],
      text: {
        en: 'From now on, one in five responses from the leader b1 to p1 is lost on the way. The requests themselves arrive, and b1 writes them.',
        zh: '从现在起，leader b1 发给 p1 的响应有五分之一会在路上丢失。请求本身照常到达，b1 也照常写入。',
      },
      highlight: { broker: 1 },
    },
    {
      trigger: { event: { type: 'produce-error', producer: 'p1' } },
      text: {
        en: 'A request got no answer within request.timeout.ms (2 s). The producer cannot know whether b1 wrote it, so it closes the connection and sends the batch again. b1 did write it, and writes it a second time.',
        zh: '有一个请求在 request.timeout.ms（2 秒）内没有收到响应。生产者无从知道 b1 是否已写入，于是断开连接、重发这一批。其实 b1 已经写过了，于是又写了一遍。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      trigger: { at: 12000 },
      actions: [
        { type: 'fault', fault: { type: 'heal' } },
        { type: 'config', change: { scope: 'producer', producer: 'p1', key: 'enable.idempotence', value: true } },
      ],
      text: {
        en: 'Duplicated counts the records written more than once. Now we turn idempotence on (the default since Kafka 3.0). The application starts a new producer: it gets a producer id, and numbers every batch per partition. The leader remembers the last five sequence numbers of each producer id.',
        zh: '“重复”统计的是被写了不止一次的记录。现在开启幂等（Kafka 3.0 起的默认值）。应用会新建一个生产者：它拿到一个 producer id，并给每个分区的每一批数据编上序号。leader 记住每个 producer id 最近五批的序号。',
      },
      highlight: { count: 'duplicated' },
      expect: { duplicated: '>0' },
    },
    {
      id: 'idem',
      trigger: { at: 15000 },
      actions: [{ type: 'fault', fault: { type: 'link', from: 'b1', to: 'p1', oneWay: true, drop: 0.2 } }],
      text: {
        en: 'We healed the link for a moment so the old producer could finish its retries as it closed (close() sends what it holds); those last retries still added duplicates. Now the same lossy link again, for the idempotent producer.',
        zh: '刚才短暂恢复了网络，让旧生产者在 close() 时把手里的重试发完，这些最后的重试仍然制造了重复。现在让同样的丢包再来一次，这回面对的是幂等生产者。',
      },
      highlight: { broker: 1 },
      predict: {
        question: {
          en: 'The same lossy link, now for the idempotent producer. Over the next 11 s, how many new duplicates will its retries write?',
          zh: '同样的丢包，这次面对的是幂等生产者。接下来 11 秒里，它的重试会写入多少新的重复？',
        },
        answers: [
          { text: { en: 'About as many as before', zh: '和之前差不多' }, correct: false },
          { text: { en: 'None', zh: '一条也没有' }, correct: true },
          { text: { en: 'None, because the producer no longer retries', zh: '一条也没有，因为生产者不再重试了' }, correct: false },
        ],
        why: {
          en: 'The producer still retries, but every retry carries the same producer id and sequence number, and the leader answers a batch it already has with its original offset instead of appending it again (KIP-98): Duplicated does not grow.',
          zh: '生产者照样重试，但每次重试都带着相同的 producer id 和序号，leader 对已经有的批次直接回复原来的 offset，不再追加（KIP-98）：“重复”不再增长。',
        },
      },
    },
    {
      id: 'restart',
      trigger: { at: 26000 },
      actions: [{ type: 'fault', fault: { type: 'producer-restart', producer: 'p1' } }],
      text: {
        en: 'The link is as lossy as before, yet no new duplicates: a retry carries the same producer id and sequence, and the leader answers with the original offset instead of writing it again. Now the application process restarts. Its new producer gets a new producer id (a producer id belongs to one producer instance, KIP-98), and the records still in the old one\'s buffer died with the process.',
        zh: '网络照样丢包，却没有新的重复：重试带着同样的 producer id 和序号，leader 直接回复原来的 offset，不再重复写入。现在应用进程重启了。新生产者拿到新的 producer id（producer id 只属于一个生产者实例，KIP-98），旧生产者缓冲区里还没发出去的记录随进程一起没了。',
      },
      highlight: { panel: 'producers' },
      since: 'idem',
      expect: { duplicated: 0 },
    },
    {
      trigger: { at: 30000 },
      actions: [{ type: 'fault', fault: { type: 'heal' } }],
      text: {
        en: 'Lost, not acknowledged: records that were in the buffer; nobody told the application. The new producer id also means the broker cannot relate anything it sends to the old session: if the application re-sent what it was unsure of, idempotence could not catch it. Its other limit: sequence numbers are kept per partition, so idempotence says nothing about order or repeats across partitions. Exactly-once across restarts needs transactions (transactional.id) or an idempotent consumer (the end-to-end lesson). We heal the network.',
        zh: '“未确认且丢失”就是当时还在缓冲区里的记录，应用并不知情。新的 producer id 还意味着：broker 无法把它发送的任何东西与旧会话联系起来，如果应用把没把握的消息重新发一遍，幂等是拦不住的。它的另一个局限：序号按分区维护，所以幂等对跨分区的顺序或重复毫无约束。跨重启的“恰好一次”要靠事务（transactional.id）或消费端幂等（见端到端那一课）。最后恢复网络。',
      },
      highlight: { count: 'lostUnacked' },
      since: 'restart',
      expect: { duplicated: 0 },
    },
  ],
  expect: { duplicated: '>0', lostAcked: 0 },
};
