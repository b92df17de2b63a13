/** Lesson: effectively-once end to end: an idempotent producer that re-sends, and a consumer whose sink is keyed by a unique id. */
import type { Lesson } from './types.ts';

const cfg = { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'session.timeout.ms': 10000 };
const member = (name: string, group: string, sink: string) => ({ name, group, topic: 'orders', config: cfg, commit: 'after-process', processingMs: 3, sink });

export const endToEnd: Lesson = {
  id: 'end-to-end-effectively-once',
  group: 'end-to-end',
  title: { en: 'Effectively once, end to end', zh: '端到端的“等效一次”' },
  summary: {
    en: 'A producer that re-sends failed records never loses one but writes some twice, even with idempotence. Two consumer groups read them: one writes every record it processes, the other keys its writes by the record\'s unique id. Only the second gets each record to take effect once.',
    zh: '重发失败记录的生产者不会丢数据，但即使开着幂等也会写重。两个消费者组读取它们：一个把处理的每条记录都写出去，另一个按记录的唯一 ID 写入。只有后者让每条记录恰好生效一次。',
  },
  scenario: {
    name: 'Effectively once: idempotent producer, idempotent sink',
    description: 'Three brokers, RF 3, min.insync.replicas=2; p1 with acks=all and idempotence (the defaults), request.timeout.ms=2 s, delivery.timeout.ms=6 s, re-sending a record whose send failed. From 5 s to 20 s b1\'s responses to p1 arrive 5 s late, after p1 has given up on them. Groups plain and unique (two members each) process, then commit; unique\'s sink skips a message id it has already written. At 20 s one member of each group is killed and restarted 2 s later.',
    seed: 19,
    until: 60000,
    cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } },
    topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 100, count: 100000, keys: 16, onError: 'resend', config: { 'request.timeout.ms': 2000, 'delivery.timeout.ms': 6000 } }],
    consumers: [member('c1', 'plain', 'plain'), member('c2', 'plain', 'plain'), member('c3', 'unique', 'idempotent'), member('c4', 'unique', 'idempotent')],
  },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'Kafka\'s exactly-once covers Kafka to Kafka (transactions, KIP-98). Writing to a database or calling a service is outside it. The usual recipe for the rest: never lose (acks=all, re-send on error, commit after processing) and make every effect idempotent, keyed by a unique id carried in the record.',
        zh: 'Kafka 的“恰好一次”只覆盖 Kafka 到 Kafka（事务，KIP-98）。写数据库、调用外部服务都在它的范围之外。其余部分的常见做法是：绝不丢（acks=all、出错就重发、处理后提交），再让每个副作用都幂等，以记录里携带的唯一 ID 为键。',
      },
      highlight: { panel: 'producers' },
    },
    {
      id: 'cut',
      trigger: { at: 5000 },
      actions: [{ type: 'fault', fault: { type: 'link', from: 'b1', to: 'p1', oneWay: true, delayMs: 5000 } }],
      text: {
        en: 'From now on b1\'s responses to p1 arrive 5 s late, after request.timeout.ms (2 s). b1 still writes what p1 sends; p1\'s sends time out after delivery.timeout.ms (6 s here) and the application sends those records again.',
        zh: '从现在起 b1 发给 p1 的响应全部晚到 5 秒，超过 request.timeout.ms（2 秒）。b1 照常写入 p1 发来的数据；p1 的发送在 delivery.timeout.ms（本课 6 秒）后超时，应用把这些记录再发一次。',
      },
      highlight: { broker: 1 },
      predict: {
        question: {
          en: 'p1 is idempotent and re-sends what failed. Group plain writes every record it processes; group unique skips a message id it has seen. What will the two sinks contain?',
          zh: 'p1 是幂等的，并会重发失败的记录。plain 组把处理的每条记录都写出去；unique 组遇到见过的消息 ID 就跳过。两个写入端最终会是什么样？',
        },
        answers: [
          { text: { en: 'Both exactly once: the idempotent producer wrote no duplicates', zh: '都恰好一次：幂等生产者没有写入重复' }, correct: false },
          { text: { en: 'plain has some records twice; unique has each record once', zh: 'plain 中有些记录出现两次；unique 中每条记录只有一次' }, correct: true },
          { text: { en: 'Both have duplicates: nothing can remove a duplicate once it is in the log', zh: '两者都有重复：重复一旦进了日志就无法去除' }, correct: false },
        ],
        why: {
          en: 'The re-sends are new sends to the broker (idempotence recognises only its own retries), so Duplicated grows in the log. Both groups read the copies: plain processes them twice, unique recognises the message id and drops them (deduplicated), so its Processed twice stays at 0.',
          zh: '重发对 broker 来说是新的发送（幂等只认得出生产者自己的重试），所以日志里的“重复”在增长。两个组都读到了这些副本：plain 处理了两次，unique 认出消息 ID 并丢弃（去重），它的“被处理两次”保持为 0。',
        },
      },
    },
    {
      id: 'healed',
      trigger: { at: 20000 },
      actions: [
        { type: 'fault', fault: { type: 'heal' } },
        { type: 'fault', fault: { type: 'consumer-crash', consumer: 'c1' } },
        { type: 'fault', fault: { type: 'consumer-crash', consumer: 'c3' } },
      ],
      text: {
        en: 'The link heals now. Meanwhile every request still reached b1, re-sends included: Duplicated counts the records that are in the log twice. Group plain processed them twice; group unique processed none twice and dropped the repeats. Now we also kill one member of each group.',
        zh: '网络此刻恢复。在此期间每个请求（包括重发）都到达了 b1：“重复”统计的就是在日志里出现两次的记录。plain 组把它们处理了两次；unique 组没有重复处理，而是丢弃了这些重复。现在再把每组各杀掉一个成员。',
      },
      highlight: { count: 'duplicated' },
      since: 'cut',
      expect: { duplicated: '>0', 'group.plain.processedTwice': '>0', 'group.unique.processedTwice': 0, 'group.unique.deduplicated': '>0', lostUnacked: 0 },
    },
    {
      trigger: { at: 22000 },
      actions: [
        { type: 'fault', fault: { type: 'consumer-restart', consumer: 'c1' } },
        { type: 'fault', fault: { type: 'consumer-restart', consumer: 'c3' } },
      ],
      text: {
        en: 'The killed members restart. Both groups commit after processing, so a crash can repeat records but never skip one; for group unique a repeat is just another id it has already written.',
        zh: '被杀的成员重启。两组都是处理后提交，所以崩溃只可能让记录重来，绝不会跳过；对 unique 组而言，重来的记录不过是又一个它已写过的 ID。',
      },
      highlight: { panel: 'consumers' },
    },
    {
      trigger: { at: 50000 },
      text: {
        en: 'End to end: nothing lost (Never processed is 0 in both groups) and in group unique every record took effect once. The unique id must be in the record itself (set by the producing application), because a re-send gets a new offset; and the sink must check and write in one transaction of its own.',
        zh: '端到端：没有丢失（两组的“从未被处理”都是 0），而在 unique 组中每条记录都恰好生效一次。唯一 ID 必须放在记录本身里（由生产方应用设置），因为重发的记录会得到新的 offset；写入端还要在它自己的一个事务里完成“检查并写入”。',
      },
      highlight: { panel: 'fates' },
      expect: { lostAfterBroker: 0, 'group.unique.processedTwice': 0, 'group.plain.processedTwice': '>0' },
    },
  ],
  expect: { duplicated: '>0', lostAfterBroker: 0, 'group.unique.processedTwice': 0, 'group.unique.deduplicated': '>0', 'group.plain.processedTwice': '>0' },
};
