/** Lesson: order per partition. Keys pick the partition, one member reads a partition; a thread pool breaks the order, per-key queues keep it. */
import type { Lesson } from './types.ts';

export const keyOrder: Lesson = {
  id: 'ordering-per-partition',
  group: 'consumer',
  title: { en: 'Order per partition: keys, group members, worker threads', zh: '分区内有序：key、组成员与工作线程' },
  summary: {
    en: 'Kafka orders records within a partition, and a group gives each partition to one member. A consumer that hands records to a pool of threads loses that order; one queue per key keeps it with the same parallelism.',
    zh: 'Kafka 只在分区内保证顺序，而消费者组把每个分区只交给一个成员。把记录交给线程池处理的消费者会打乱这个顺序；按 key 分配到各自队列，则能在同样的并行度下保住顺序。',
  },
  scenario: { file: 'consumer-thread-pool-reorder.json' },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'p1 sends 8 keys to orders, which has 2 partitions. The default partitioner hashes the key (murmur2), so every record of a key lands in the same partition, in the order p1 sent it. Across partitions there is no order at all.',
        zh: 'p1 向有 2 个分区的 orders 发送 8 个 key。默认分区器对 key 做哈希（murmur2），所以同一个 key 的所有记录都进同一个分区，并保持 p1 的发送顺序。跨分区则没有任何顺序可言。',
      },
      highlight: { panel: 'logs' },
    },
    {
      trigger: { at: 2000 },
      text: {
        en: 'In a consumer group each partition has exactly one owner, so a key is read by one consumer, in offset order. Adding members beyond the number of partitions adds no parallelism. To go faster inside one consumer, applications add worker threads: group pool hands each record to the next free worker of four; group keyed hashes the key to one of four worker queues.',
        zh: '在消费者组里，每个分区恰好有一个所有者，所以一个 key 只被一个消费者按 offset 顺序读取。成员数超过分区数，不会增加并行度。想在一个消费者内部更快，应用就会加工作线程：pool 组把每条记录交给四个工作线程中下一个空闲的；keyed 组按 key 哈希到四个工作队列之一。',
      },
      highlight: { panel: 'consumers' },
      expect: { 'group.keyed.processedOutOfOrder': 0 },
      predict: {
        question: {
          en: 'Records take 2 to 6 ms each to process. Which group processes some records of a key out of order?',
          zh: '每条记录的处理耗时在 2 到 6 毫秒之间。哪个组会把同一个 key 的记录处理乱序？',
        },
        answers: [
          { text: { en: 'Neither: Kafka delivered them in order', zh: '都不会：Kafka 是按顺序交付的' }, correct: false },
          { text: { en: 'pool only', zh: '只有 pool 组' }, correct: true },
          { text: { en: 'Both: any multi-threaded consumer reorders', zh: '两个都会：只要多线程就会乱序' }, correct: false },
        ],
        why: {
          en: 'In group pool a later record of a key often finishes before an earlier one on another thread: Processed out of order grows for pool only. In group keyed all records of a key go through one queue, one at a time, so they stay in offset order although four threads work at once.',
          zh: 'pool 组里，同一 key 较晚的记录经常在另一个线程上先于较早的记录处理完：只有 pool 组的“处理顺序错乱”在涨。keyed 组里同一 key 的记录都经过同一个队列、一条接一条，所以即使四个线程同时工作，也保持 offset 顺序。',
        },
      },
    },
    {
      trigger: { at: 10000 },
      text: {
        en: 'Group pool has processed records of a key out of order; group keyed none. Kafka delivered both groups the same records in the same order: the reordering happened inside the application, after poll().',
        zh: 'pool 组出现了同一 key 的乱序处理，keyed 组一条也没有。Kafka 交给两组的是同样的记录、同样的顺序：乱序发生在应用内部，poll() 之后。',
      },
      highlight: { panel: 'fates' },
      expect: { 'group.pool.processedOutOfOrder': '>0', 'group.keyed.processedOutOfOrder': 0 },
    },
    {
      trigger: { at: 25000 },
      text: {
        en: 'With per-key queues, commit only offsets below the first record still unprocessed in any queue, or a crash skips work. And order per key also needs the producer side: idempotence, or a retry can reorder the log itself (the in-flight lesson).',
        zh: '用按 key 的队列时，只能提交比所有队列中第一条未处理记录更小的位移，否则崩溃就会跳过工作。而且“按 key 有序”还离不开生产端：要开幂等，否则一次重试就能把日志本身打乱（见在途请求那一课）。',
      },
      highlight: { panel: 'consumers' },
      expect: { 'group.pool.processedOutOfOrder': '>0', 'group.keyed.processedOutOfOrder': 0 },
    },
  ],
  expect: { 'group.pool.processedOutOfOrder': '>0', 'group.keyed.processedOutOfOrder': 0, lostAfterBroker: 0 },
};
