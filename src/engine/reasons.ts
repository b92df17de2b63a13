/**
 * Why something happened, as a code with arguments, so the CLI and the lab can
 * say it in English or Chinese. Trace events keep an English `reason` too.
 */
export type ReasonCode =
  | 'isr-lagging'
  | 'isr-caught-up'
  | 'fenced-heartbeats'
  | 'fenced-reregistered'
  | 'shutting-down'
  | 'broker-back'
  | 'diverging-epoch'
  | 'no-epoch'
  | 'offset-out-of-range'
  | 'legacy-follower-hw'
  | 'legacy-restart-hw'
  | 'flush-messages'
  | 'flush-ms'
  | 'os-writeback'
  | 'unclean-check';

export interface Reason {
  code: ReasonCode;
  args: Record<string, string | number>;
}

const EN: Record<ReasonCode, string> = {
  'isr-lagging': 'broker {brokers} had not caught up with leader {leader} for replica.lag.time.max.ms={lag}',
  'isr-caught-up': 'broker {broker} caught up with leader {leader} (LEO {leo} >= HW {hw})',
  'fenced-heartbeats': 'broker {broker} missed heartbeats for broker.session.timeout.ms={timeout}',
  'fenced-reregistered': 'broker {broker} registered again after a restart (its previous session expired)',
  'shutting-down': 'broker {broker} is shutting down',
  'broker-back': 'broker {broker} is back',
  'diverging-epoch': "log diverges from leader {leader} (epoch {leaderEpoch}): the leader's epoch {epoch} ends at offset {endOffset}",
  'no-epoch': 'leader {leader} knows no epoch at or before ours; truncating to the high watermark',
  'offset-out-of-range': "offset {offset} is past leader {leader}'s log end {leo} (OFFSET_OUT_OF_RANGE)",
  'legacy-follower-hw': 'became follower of broker {leader} in epoch {epoch}: truncating to own high watermark {hw} (pre-0.11 rule)',
  'legacy-restart-hw': 'restart: truncating to the checkpointed high watermark {hw} (pre-0.11 rule)',
  'flush-messages': 'flush.messages={n}',
  'flush-ms': 'flush.ms={ms}',
  'os-writeback': 'OS writeback of dirty pages',
  'unclean-check': 'the controller\'s periodic check (unclean.leader.election.interval.ms={interval}) found {partition} without a leader, and unclean.leader.election.enable is true',
};

const ZH: Record<ReasonCode, string> = {
  'isr-lagging': 'broker {brokers} 在 replica.lag.time.max.ms={lag} 内没有追上 leader {leader}',
  'isr-caught-up': 'broker {broker} 追上了 leader {leader}（LEO {leo} >= HW {hw}）',
  'fenced-heartbeats': 'broker {broker} 在 broker.session.timeout.ms={timeout} 内没有发送心跳',
  'fenced-reregistered': 'broker {broker} 重启后重新注册（之前的会话已过期）',
  'shutting-down': 'broker {broker} 正在关闭',
  'broker-back': 'broker {broker} 恢复了',
  'diverging-epoch': '日志与 leader {leader}（epoch {leaderEpoch}）分叉：leader 的 epoch {epoch} 在 offset {endOffset} 结束',
  'no-epoch': 'leader {leader} 不知道不晚于我们的任何 epoch，截断到高水位',
  'offset-out-of-range': 'offset {offset} 超出 leader {leader} 的日志末端 {leo}（OFFSET_OUT_OF_RANGE）',
  'legacy-follower-hw': '成为 broker {leader} 在 epoch {epoch} 的 follower：截断到自己的高水位 {hw}（0.11 之前的规则）',
  'legacy-restart-hw': '重启：截断到检查点中的高水位 {hw}（0.11 之前的规则）',
  'flush-messages': 'flush.messages={n}',
  'flush-ms': 'flush.ms={ms}',
  'os-writeback': '操作系统回写脏页',
  'unclean-check': 'controller 的定期检查（unclean.leader.election.interval.ms={interval}）发现 {partition} 没有 leader，且 unclean.leader.election.enable 为 true',
};

export function reasonText(r: Reason, lang: 'en' | 'zh' = 'en'): string {
  const tpl = (lang === 'zh' ? ZH : EN)[r.code] ?? r.code;
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(r.args[k] ?? ''));
}

/** The fields a trace event carries for a reason: the code and its English text. */
export function because(code: ReasonCode, args: Record<string, string | number> = {}): { reason: string; why: Reason } {
  const why = { code, args };
  return { reason: reasonText(why), why };
}
