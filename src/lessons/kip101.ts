/** Lesson: truncating to the high watermark (before Kafka 0.11) loses acknowledged records; KIP-101's leader epoch does not. */
import type { Lesson } from './types.ts';

export const kip101: Lesson = {
  id: 'kip101-leader-epoch',
  group: 'broker',
  title: { en: 'High watermark truncation vs leader epoch (KIP-101)', zh: '按高水位截断，还是按 leader epoch 截断（KIP-101）' },
  summary: {
    en: 'The lab runs the truncation rule of Kafka before 0.11: a follower that restarts or follows a new leader cuts its log back to its own high watermark. Two leader changes in a row lose records acknowledged with acks=all.',
    zh: '本课的集群使用 Kafka 0.11 之前的截断规则：follower 重启或跟随新 leader 时，把日志截回到自己的高水位。连续两次 leader 变更，就丢掉了 acks=all 已确认的记录。',
  },
  scenario: { file: 'kip101-hw-truncation.json' },
  steps: [
    {
      trigger: { at: 0 },
      text: {
        en: 'acks=all, min.insync.replicas=2, three replicas: the safe configuration. But this cluster runs the pre-0.11 rule (lab setting truncation: high-watermark): a follower that follows a new leader first cuts its log back to its own high watermark. A follower learns the high watermark only on its next fetch, so its copy always lags the leader\'s.',
        zh: 'acks=all、min.insync.replicas=2、三副本：安全配置。但这个集群用的是 0.11 之前的规则（实验设置 truncation: high-watermark）：follower 跟随新 leader 时，先把日志截回到自己的高水位。follower 要到下一次拉取才知道新的高水位，所以它的高水位总是落后于 leader。',
      },
      highlight: { panel: 'logs', partition: 'orders-0' },
    },
    {
      trigger: { at: 4900 },
      text: {
        en: 'Everything acknowledged so far is committed. In a moment b1 shuts down cleanly, b2 becomes leader, and b2 is killed 2 ms later.',
        zh: '到目前为止，所有已确认的记录都已提交。马上 b1 会正常关闭，b2 成为 leader，2 毫秒后 b2 被杀掉。',
      },
      highlight: { panel: 'cluster' },
      expect: { lostAcked: 0 },
    },
    {
      trigger: { event: { type: 'truncated', partition: 'orders-0', broker: 3 } },
      text: {
        en: 'b3 has become a follower of b2 and, by the old rule, cut its log back to its own high watermark: the last records, which b1 had acknowledged to p1 with acks=all, are no longer in b3\'s log. b3 would fetch them again from b2, but b2 has just been killed.',
        zh: 'b3 成为 b2 的 follower，并按旧规则把日志截回到自己的高水位：最后几条记录（b1 已经以 acks=all 确认给 p1）不在 b3 的日志里了。b3 本可以从 b2 重新拉取，但 b2 刚刚被杀。',
      },
      highlight: { broker: 3 },
      expect: { lostAcked: 0 },
      predict: {
        question: {
          en: 'b2 is dead, b1 is shut down; b3 is the only replica left in the ISR. When the controller elects b3, what happens to the records b3 just truncated?',
          zh: 'b2 死了，b1 已关闭；b3 是 ISR 里剩下的唯一副本。controller 选出 b3 后，b3 刚刚截掉的那些记录会怎样？',
        },
        answers: [
          { text: { en: 'They are lost, although they were acknowledged with acks=all', zh: '丢失，尽管它们是以 acks=all 确认的' }, correct: true },
          { text: { en: 'b3 fetches them back from b1\'s disk first', zh: 'b3 会先从 b1 的磁盘上把它们拉回来' }, correct: false },
          { text: { en: 'Nothing happens to them: truncation only removes records nobody acknowledged', zh: '不受影响：截断只删除没人确认过的记录' }, correct: false },
        ],
        why: {
          en: 'b3 is a clean choice (it is in the ISR), and it leads with the log it has: Lost, acknowledged counts the records it cut. KIP-101 (Kafka 0.11) replaced the high watermark with the leader epoch: a follower asks the leader where its epoch ended (OffsetsForLeaderEpoch) and truncates only what the leader does not have.',
          zh: 'b3 是干净的选择（它在 ISR 里），它就带着现有的日志当 leader：“已确认却丢失”统计的正是它截掉的记录。KIP-101（Kafka 0.11）用 leader epoch 取代了高水位：follower 向 leader 询问自己的 epoch 结束在哪里（OffsetsForLeaderEpoch），只截断 leader 没有的部分。',
        },
      },
    },
    {
      trigger: { event: { type: 'leader-elected', partition: 'orders-0', leader: 3, unclean: false } },
      text: {
        en: 'After broker.session.timeout.ms the controller fences b2 and elects b3, a clean election from the ISR. Lost, acknowledged has gone up: the records b3 truncated were acknowledged with acks=all and min.insync.replicas=2, and no replica that can lead has them.',
        zh: '过了 broker.session.timeout.ms，controller 隔离 b2 并选出 b3：一次从 ISR 中进行的干净选举。“已确认却丢失”上升了：b3 截掉的记录是在 acks=all、min.insync.replicas=2 下确认的，而能当 leader 的副本里没有一个拥有它们。',
      },
      highlight: { count: 'lostAcked' },
      expect: { lostAcked: '>0' },
    },
    {
      trigger: { at: 20000 },
      text: {
        en: 'The example public/scenarios/kip101-hw-truncation.json says it: set the cluster\'s lab.truncation to leader-epoch, Kafka\'s behaviour since 0.11, and the same shutdown and crash lose nothing, because b3 keeps every record b2 has.',
        zh: '示例 public/scenarios/kip101-hw-truncation.json 中说明了：把集群的 lab.truncation 改成 leader-epoch（Kafka 0.11 起的行为），同样的关闭与崩溃就不丢任何数据，因为 b3 会保留 b2 拥有的每一条记录。',
      },
      highlight: { panel: 'fates' },
      expect: { lostAcked: '>0' },
    },
  ],
  expect: { lostAcked: '>0' },
};
