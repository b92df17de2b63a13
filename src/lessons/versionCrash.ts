/** Lesson: the same crash under two Kafka versions' defaults (acks=1 before 3.0, acks=all since, KIP-679). */
import type { Lesson } from './types.ts';

export const versionCrash: Lesson = {
  id: 'kafka-version-defaults',
  group: 'producer',
  title: { en: 'The same crash under two Kafka versions\' defaults', zh: '同一次崩溃，两个 Kafka 版本的默认值' },
  summary: {
    en: 'A producer that sets nothing runs on its version\'s defaults. Under Kafka 2.8 that is acks=1, and a leader crash loses acknowledged records; under 4.1 (acks=all since 3.0) the same crash loses none.',
    zh: '什么都不设置的生产者用的是所在版本的默认值。在 Kafka 2.8 下是 acks=1，leader 崩溃会丢掉已确认的记录；在 4.1 下（3.0 起默认 acks=all），同样的崩溃一条都不丢。',
  },
  scenario: { file: 'two-version-crash.json' },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'This cluster runs Kafka 2.8 (cluster.kafkaVersion). p1 sets no config at all, so it gets 2.8\'s defaults: acks=1, no idempotence, retries=2147483647. At 3 s both followers become slow (1.5 s between fetches), so they lag behind the leader b1.',
        zh: '这个集群运行 Kafka 2.8（cluster.kafkaVersion）。p1 没有设置任何配置，所以用的是 2.8 的默认值：acks=1、没有幂等、retries=2147483647。3 秒时两个 follower 都变慢（两次拉取之间隔 1.5 秒），于是落后于 leader b1。',
      },
      highlight: { panel: 'producers' },
    },
    {
      trigger: { at: 5900 },
      text: {
        en: 'In 0.1 s the leader b1 is killed. Every record so far was acknowledged as soon as b1 had it in its page cache; the followers have only part of them.',
        zh: '0.1 秒后 leader b1 会被杀掉。到目前为止的每条记录，只要进了 b1 的页缓存就被确认了；follower 只有其中一部分。',
      },
      highlight: { broker: 1 },
      expect: { lostAcked: 0 },
      predict: {
        question: {
          en: 'Will records the application saw acknowledged be lost?',
          zh: '应用看到已确认的记录会丢吗？',
        },
        answers: [
          { text: { en: 'Yes: with 2.8\'s default acks=1, a follower without them becomes leader', zh: '会：2.8 默认 acks=1，一个没有这些记录的 follower 会成为 leader' }, correct: true },
          { text: { en: 'No: Kafka waits for every in-sync replica by default', zh: '不会：Kafka 默认等所有同步副本' }, correct: false },
          { text: { en: 'No: unclean leader election is off, so only a full replica can lead', zh: '不会：unclean 选举关闭，只有完整的副本才能当 leader' }, correct: false },
        ],
        why: {
          en: 'Lost, acknowledged rises once b1 rejoins and truncates what only it had. acks=1 was the producer default until Kafka 3.0 (KIP-679); the followers were still in the ISR, so the election was clean, and still the newest acknowledged records were only on b1.',
          zh: 'b1 重新加入并截断只有它才有的记录后，“已确认却丢失”上升。Kafka 3.0 之前生产者默认 acks=1（KIP-679）；follower 仍在 ISR 中，所以这是一次干净的选举，但最新的已确认记录只在 b1 上。',
        },
      },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0' } },
      text: {
        en: 'The controller elected a follower from the ISR. It lacks the newest records b1 had acknowledged. They are still in b1\'s page cache, so for now they show as above the high watermark.',
        zh: 'controller 从 ISR 中选出了一个 follower。它缺少 b1 已确认的最新记录。这些记录还在 b1 的页缓存里，所以暂时显示为高水位之上。',
      },
      highlight: { partition: 'orders-0' },
    },
    {
      trigger: { at: 25000 },
      text: {
        en: 'b1 restarted at 20 s, followed the new leader and truncated its log to it: Lost, acknowledged now counts those records. Open two-version-crash-4.1.json: the same file with cluster.kafkaVersion 4.1. With acks=all by default, b1 answered only once the ISR had each record, so the same crash loses nothing; the price is latency (ackLatencyMs in its report).',
        zh: 'b1 在 20 秒重启，跟随新 leader 并把日志截断到与它一致：“已确认却丢失”现在计入了这些记录。打开 two-version-crash-4.1.json：同一个文件，只是 cluster.kafkaVersion 为 4.1。默认 acks=all 时，b1 要等 ISR 都有了记录才回复，所以同样的崩溃什么都不丢；代价是延迟（见其报告中的 ackLatencyMs）。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: '>0' },
    },
  ],
  expect: { lostAcked: '>0', duplicated: 0 },
};
