/**
 * Lesson: eligible leader replicas (KIP-966). The safe settings (RF 3,
 * min.insync.replicas=2, acks=all, unclean election off) and still, before
 * Kafka 4.1, the last replica in the ISR can lose power, come back with an
 * empty page cache and be elected "cleanly". With the ELR the controller
 * waits for a replica that left the ISR while the high watermark was frozen.
 * Rules: PartitionChangeBuilder (maybePopulateTargetElr, electAnyLeader,
 * isValidNewLeader), ClusterControlManager.registerBroker (PreviousBrokerEpoch),
 * docs "Eligible Leader Replicas" (4.0, 4.1).
 */
import type { Lesson } from './types.ts';

export const eligibleLeaderReplicas: Lesson = {
  id: 'eligible-leader-replicas',
  group: 'broker',
  title: { en: 'Power loss of the last in-sync replica: eligible leader replicas (Kafka 4.1)', zh: '最后一个同步副本断电：合格 leader 副本（Kafka 4.1）' },
  summary: {
    en: 'With every safe setting, Kafka before 4.1 can still lose acknowledged records: the last replica in the ISR loses power, comes back without what was in its page cache, and is elected. With eligible leader replicas (KIP-966, on by default for new clusters from 4.1) the controller waits for a replica that still has every committed record.',
    zh: '所有安全配置都开着，4.1 之前的 Kafka 仍可能丢掉已确认的记录：ISR 里最后一个副本断电，回来时页缓存里的数据没了，它却当选了。有了合格 leader 副本（KIP-966，4.1 起新建集群默认开启），controller 会等一个仍然拥有全部已提交记录的副本。',
  },
  scenario: { file: 'elr-last-leader-power-loss.json' },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'Kafka 4.1 with the settings often given as the cure for broker-side loss: replication factor 3, min.insync.replicas=2, acks=all (the producer default since 3.0) and unclean.leader.election.enable=false (the default). On a new 4.1 cluster the feature eligible.leader.replicas.version is 1 (KIP-966). During maintenance b3 and then b2 are stopped cleanly; then b1 loses power.',
        zh: '一个 Kafka 4.1 集群，用的是常被当作“broker 端不丢数据”解药的配置：副本数 3、min.insync.replicas=2、acks=all（3.0 起的生产者默认值）、unclean.leader.election.enable=false（默认值）。新建的 4.1 集群中 eligible.leader.replicas.version 特性为 1（KIP-966）。维护期间先后干净地停掉 b3 和 b2；随后 b1 断电。',
      },
      highlight: { panel: 'cluster' },
    },
    {
      trigger: { event: { type: 'isr-changed', partition: 'orders-0', 'isr.length': 1, 'elr.0': 2 } },
      text: {
        en: 'b3 left the ISR at 2 s, while [1,2] still met min.insync.replicas. Now b2 has left too and the ISR is [1], below 2: acks=all sends are refused with NOT_ENOUGH_REPLICAS and the high watermark cannot move (the strict min-ISR rule, Kafka 3.7+). So b2 holds every committed record, and the controller records it as an eligible leader replica: orders-0 shows ELR [2]. b3 is not in it, since records were committed without it.',
        zh: 'b3 在 2 秒时离开 ISR，那时 [1,2] 仍满足 min.insync.replicas。现在 b2 也离开了，ISR 只剩 [1]，低于 2：acks=all 的发送被拒（NOT_ENOUGH_REPLICAS），高水位也不能前进（严格最小 ISR 规则，Kafka 3.7+）。所以 b2 拥有每一条已提交的记录，controller 把它记为合格 leader 副本：orders-0 显示 ELR [2]。b3 不在其中，因为在它离开后还有记录被提交。',
      },
      highlight: { partition: 'orders-0' },
      expect: { committed: '>0', lostAcked: 0 },
    },
    {
      trigger: { event: { type: 'broker-crashed', broker: 1 } },
      text: {
        en: 'b1 loses power. Kafka wrote its records to the page cache and, by default, does not fsync them (flush.messages and flush.ms are unlimited: the OS writes pages back in its own time); the OS had not done so yet, so b1\'s log is gone. Lost, acknowledged jumps: the fates panel judges by the leader\'s log, and b1 is still the leader, since the controller only notices when its heartbeats stop. Every acknowledged record is on b2\'s disk (a clean shutdown flushes every log), but b2 is stopped.',
        zh: 'b1 断电。Kafka 把记录写进页缓存，默认不对它们做 fsync（flush.messages 和 flush.ms 不设上限：由操作系统自行把页写回磁盘）；操作系统还没来得及写回，所以 b1 的日志没了。“已确认却丢失”跳了上去：消息结局面板以 leader 的日志为准，而 b1 仍是 leader，因为 controller 要等它的心跳停了才会发觉。每条已确认的记录都在 b2 的磁盘上（干净关闭会把所有日志刷盘），但 b2 已停止。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: '>0' },
    },
    {
      trigger: { event: { type: 'partition-offline', partition: 'orders-0' } },
      text: {
        en: 'b1 was restarted at 8 s, but the controller refuses a new registration while the old one\'s session is alive. At 13.25 s, broker.session.timeout.ms (9 s) after b1\'s last heartbeat, it fences b1. b1 was the last ISR member; with the ELR the ISR may become empty: ISR [], and b1 joins the ELR, [1,2], since the controller cannot tell yet that b1 lost its log. No member is unfenced, so orders-0 is offline, and Lost, acknowledged still counts against b1, the first candidate.',
        zh: 'b1 在 8 秒时已重启，但只要旧会话还有效，controller 就拒绝它重新注册。13.25 秒，距 b1 最后一次心跳已过 broker.session.timeout.ms（9 秒），controller 隔离了 b1。b1 是 ISR 的最后一个成员；有了 ELR，ISR 可以变为空：ISR []，b1 进入 ELR，成为 [1,2]，因为 controller 还不知道 b1 的日志没了。没有一个成员未被隔离，所以 orders-0 下线，“已确认却丢失”仍按第一个候选者 b1 来算。',
      },
      highlight: { partition: 'orders-0' },
      expect: { lostAcked: '>0' },
      predict: {
        question: {
          en: 'b1 is running again, with an empty log. b2, which has every acknowledged record, stays stopped until 20 s. What will the controller do with orders-0?',
          zh: 'b1 已重新运行，日志是空的。拥有全部已确认记录的 b2 要到 20 秒才启动。controller 会怎么处理 orders-0？',
        },
        answers: [
          { text: { en: 'Elect b1 as soon as it is unfenced: it was the last replica in the ISR, so the election is clean', zh: 'b1 一解除隔离就选它：它是 ISR 里最后一个副本，所以这是干净选举' }, correct: false },
          { text: { en: 'Keep orders-0 offline until b2 is back, then elect b2: nothing acknowledged is lost', zh: '让 orders-0 保持下线，等 b2 回来再选 b2：已确认的记录一条不丢' }, correct: true },
          { text: { en: 'Elect b1, which copies the missing records from b2 once b2 is back', zh: '选 b1，等 b2 回来后 b1 从 b2 补齐缺失的记录' }, correct: false },
        ],
        why: {
          en: 'b1 registers again without a clean shutdown behind it (no matching PreviousBrokerEpoch), so the controller takes it out of the ELR: the pill will read ELR [2] and Lost, acknowledged falls back to 0. While the ISR is empty only an ELR member may lead, so orders-0 waits for b2. Under Kafka 4.0 the first answer is what happens, and a leader\'s log is the truth: b2 truncates to b1\'s empty log.',
          zh: 'b1 重新注册时，背后不是一次干净关闭（没有匹配的 PreviousBrokerEpoch），所以 controller 把它移出 ELR：标签会变成 ELR [2]，“已确认却丢失”回到 0。ISR 为空时只有 ELR 成员可以当 leader，所以 orders-0 一直等 b2。在 Kafka 4.0 下发生的正是第一个答案，而 leader 的日志就是事实：b2 会按 b1 的空日志截断。',
        },
      },
    },
    {
      id: 'unclean',
      trigger: { event: { type: 'isr-changed', partition: 'orders-0', 'why.code': 'unclean-shutdown' } },
      text: {
        en: 'b1 registers. A broker that shuts down cleanly leaves its broker epoch in a file and sends it back as PreviousBrokerEpoch; b1 lost power and has none, so the controller removes it from the ELR: ELR [2]. Lost, acknowledged falls back to 0: the candidate is now b2, which has every committed record.',
        zh: 'b1 注册了。干净关闭的 broker 会把自己的 broker epoch 写进一个文件，重启注册时作为 PreviousBrokerEpoch 发回；b1 是断电的，拿不出来，所以 controller 把它移出 ELR：ELR [2]。“已确认却丢失”回到 0：现在的候选者是拥有全部已提交记录的 b2。',
      },
      highlight: { partition: 'orders-0' },
      expect: { lostAcked: 0 },
    },
    {
      trigger: { event: { type: 'broker-unfenced', broker: 1 } },
      text: {
        en: 'b1 is unfenced: alive, caught up on metadata, able to lead. Under Kafka 4.0 it would be elected now. Here orders-0 stays offline, because while the ISR is empty only an ELR member may lead: the controller waits for b2. Producers keep retrying within delivery.timeout.ms (2 minutes).',
        zh: 'b1 解除隔离：活着，元数据已追上，可以当 leader。在 Kafka 4.0 下它此刻就会当选。这里 orders-0 仍然下线，因为 ISR 为空时只有 ELR 成员可以当 leader：controller 在等 b2。生产者在 delivery.timeout.ms（2 分钟）内不断重试。',
      },
      highlight: { partition: 'orders-0' },
      since: 'unclean',
      expect: { lostAcked: 0 },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0', how: 'elr' } },
      actions: [{ type: 'compare', change: { scope: 'cluster', key: 'kafkaVersion', value: '4.0' } }],
      text: {
        en: 'b2 is back from its clean shutdown, still in the ELR, and once unfenced it is elected from it: ISR [2], and b1 follows b2 and copies everything back. Lost, acknowledged: 0. Beside this run the lab replays it under Kafka 4.0, where the ELR is off by default: there b1 was elected at 16 s with its empty log, b2 truncated to match, and Lost, acknowledged is above 0. Next closes the comparison.',
        zh: 'b2 从干净关闭中回来，仍在 ELR 里，一解除隔离就从 ELR 当选：ISR [2]，b1 跟随 b2 并把数据全部复制回来。“已确认却丢失”：0。实验室在本次运行旁边用 Kafka 4.0 重放它，4.0 默认不开启 ELR：那边 b1 在 16 秒带着空日志当选，b2 截断到与它一致，“已确认却丢失”大于 0。点“下一步”关闭对比。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: 0 },
    },
    {
      trigger: { at: 30000 },
      text: {
        en: 'The safe settings were never enough on their own: under the defaults of Kafka 4.0 and older, this run loses acknowledged records with all of them. The ELR has limits too. If every replica loses power at once, none shut down cleanly, the ELR empties, and the controller elects the last known leader once it is back: what no disk had is gone (power-loss-all.json, in 4.0 and 4.1 alike). Against that, only flushing (flush.messages, at a cost) or replicas spread over racks with separate power (broker.rack) help.',
        zh: '安全配置本身从来都不够：按 Kafka 4.0 及更早版本的默认值，这次运行在全部安全配置下仍会丢失已确认的记录。ELR 也有极限：如果所有副本同时断电，没有一个是干净关闭的，ELR 被清空，controller 会在最后已知的 leader 回来后选它：没有落盘的数据就没了（power-loss-all.json，4.0 和 4.1 都一样）。对此只有刷盘（flush.messages，有代价）或把副本分散到供电各自独立的机架上（broker.rack）才有用。',
      },
      highlight: { panel: 'fates' },
      expect: { lostAcked: 0, duplicated: 0 },
    },
  ],
  expect: { lostAcked: 0, duplicated: 0, acked: 600 },
};
