/** 事件原因（引擎的 Reason 代码，见 src/engine/core/reasons.ts）的中文。 */
import type { Message } from '../format.ts';
import type { reasonsEn } from '../en/reasons.ts';

export const reasonsZh: Record<keyof typeof reasonsEn, Message> = {
  'reason.isr-lagging': 'broker {brokers} 在 replica.lag.time.max.ms={lag} 内没有追上 leader {leader}',
  'reason.isr-caught-up': 'broker {broker} 追上了 leader {leader}（LEO {leo} >= HW {hw}）',
  'reason.fenced-shutdown': 'broker {broker} 完成了受控关闭（已不再是任何分区的 leader）',
  'reason.fenced-heartbeats': 'broker {broker} 在 broker.session.timeout.ms={timeout} 内没有发送心跳',
  'reason.fenced-reregistered': 'broker {broker} 重启后重新注册（之前的会话已过期）',
  'reason.shutting-down': 'broker {broker} 正在关闭',
  'reason.broker-back': 'broker {broker} 恢复了',
  'reason.diverging-epoch': '日志与 leader {leader}（epoch {leaderEpoch}）分叉：leader 的 epoch {epoch} 在 offset {endOffset} 结束',
  'reason.no-epoch': 'leader {leader} 不知道不晚于我们的任何 epoch，截断到高水位',
  'reason.offset-out-of-range': 'offset {offset} 超出 leader {leader} 的日志末端 {leo}（OFFSET_OUT_OF_RANGE）',
  'reason.legacy-follower-hw': '成为 broker {leader} 在 epoch {epoch} 的 follower：截断到自己的高水位 {hw}（0.11 之前的规则）',
  'reason.legacy-restart-hw': '重启：截断到检查点中的高水位 {hw}（0.11 之前的规则）',
  'reason.flush-messages': 'flush.messages={n}',
  'reason.flush-ms': 'flush.ms={ms}',
  'reason.os-writeback': '操作系统回写脏页',
  'reason.unclean-shutdown': 'broker {broker} 重新注册，但之前不是干净关闭（kill -9 或断电：未刷盘的记录可能已丢失），因此 controller 把它移出 ISR 和合格 leader 副本（ELR，KIP-966）',
  'reason.min-isr-changed': '{partition} 的 min.insync.replicas 改了（现在是 {minIsr}）：controller 清空了它的合格 leader 副本（ELR）',
  'reason.unclean-check': 'controller 的定期检查（unclean.leader.election.interval.ms={interval}）发现 {partition} 没有 leader，且 unclean.leader.election.enable 为 true',
};
