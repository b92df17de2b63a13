/**
 * Consumer-side trace events in English or Chinese, rendered from their `what`
 * code and structured args (the pattern of reasons.ts). The English text is
 * also the event's `detail` (the CLI prints it), so the two never drift.
 * Kafka's terms (offset, rebalance, generation, poll(), config keys, error and
 * exception names) stay as they are in Chinese.
 */
import type { Lang } from './storyText.ts';

export type ConsumerEventCode =
  | 'polled' | 'revoked' | 'lost' | 'assigned' | 'out-of-range' | 'fenced' | 'poll-timeout'
  | 'coordinator-loaded' | 'stable' | 'rebalance' | 'removed' | 'session-expired'
  | 'truncation-reset' | 'truncation-detected' | 'log-truncation' | 'no-offset' | 'offset-reset'
  | 'started' | 'restarted' | 'crashed' | 'closing' | 'closed' | 'stalled' | 'commit-failed' | 'committed';

export type Args = Record<string, string | number>;

/** Why the coordinator starts a rebalance (args: member, leave). */
export type RebalanceReasonCode = 'member-joined' | 'member-rejoined' | 'member-left' | 'session-timeout' | 'coordinator-resumed';
export interface RebalanceReason {
  code: RebalanceReasonCode;
  args: Args;
}

/** LeaveGroup reasons as the Java client sends them (KIP-800); the coordinator quotes them. */
export const LEAVE_CLOSING = 'the consumer is being closed';
export const LEAVE_POLL_TIMEOUT = 'consumer poll timeout has expired';

/** Why a commit failed (args: brokerError, oldGeneration). */
export type CommitFailCause = 'rejoining' | 'not-in-group' | 'coordinator-unknown' | 'old-generation' | 'reassigned' | 'broker-error';

type Tpl = (a: Args) => string;

const REBALANCE: Record<Lang, Record<RebalanceReasonCode, Tpl>> = {
  en: {
    'member-joined': (a) => `${a.member} joined`,
    'member-rejoined': (a) => `${a.member} rejoined`,
    'member-left': (a) => `${a.member} left the group (${a.leave})`,
    'session-timeout': (a) => `${a.member}'s session timed out`,
    'coordinator-resumed': () => 'the new coordinator resumes an unfinished rebalance',
  },
  zh: {
    'member-joined': (a) => `${a.member} 加入`,
    'member-rejoined': (a) => `${a.member} 重新加入`,
    'member-left': (a) => `${a.member} 离开了消费组（${LEAVE_ZH[String(a.leave)] ?? a.leave}）`,
    'session-timeout': (a) => `${a.member} 的会话超时`,
    'coordinator-resumed': () => '新的协调者继续未完成的重平衡',
  },
};

const LEAVE_ZH: Record<string, string> = {
  [LEAVE_CLOSING]: '消费者正在关闭',
  [LEAVE_POLL_TIMEOUT]: 'poll 超时已到期',
};

const CAUSE: Record<Lang, Record<CommitFailCause, Tpl>> = {
  en: {
    rejoining: () => 'the consumer is rejoining the group',
    'not-in-group': () => 'the consumer is not part of an active group (it was kicked out or left)',
    'coordinator-unknown': () => 'the coordinator is unknown',
    'old-generation': (a) => `${a.brokerError} for generation ${a.oldGeneration}, which the member has already left`,
    reassigned: (a) => `${a.brokerError}: the group has rebalanced and assigned the partitions to another member`,
    'broker-error': (a) => `${a.brokerError}`,
  },
  zh: {
    rejoining: () => '消费者正在重新加入消费组',
    'not-in-group': () => '消费者不在活跃的消费组中：可能被踢出，也可能已经离开',
    'coordinator-unknown': () => '协调者未知',
    'old-generation': (a) => `${a.brokerError}：针对的是第 ${a.oldGeneration} 代，该成员已经离开了它`,
    reassigned: (a) => `${a.brokerError}：消费组已经重平衡，分区已分配给其他成员`,
    'broker-error': (a) => `${a.brokerError}`,
  },
};

/** A comma-separated partition list as a reader sees it. */
const list = (v: string | number | undefined, sep: string) => String(v ?? '').split(',').filter(Boolean).join(sep);

const EN: Record<ConsumerEventCode, Tpl> = {
  polled: (a) => `poll() returned ${a.records} records to ${a.consumer}: ${a.ranges}`,
  revoked: (a) => `${a.consumer} revoked ${list(a.partitions, ', ')} before rejoining`,
  lost: (a) => `${a.consumer} lost ${list(a.partitions, ', ')} before rejoining (it was no longer in the group)`,
  assigned: (a) => `${a.consumer} was assigned ${list(a.partitions, ', ') || 'nothing (more members than partitions)'} in generation ${a.generation}`,
  'out-of-range': (a) => `fetch at offset ${a.offset} of ${a.partition} answered OFFSET_OUT_OF_RANGE`,
  fenced: (a) => `heartbeat answered ${a.error}: ${a.consumer} is no longer in generation ${a.generation} and will rejoin`,
  'poll-timeout': (a) => `${a.consumer} has not called poll() for max.poll.interval.ms=${a.maxPollIntervalMs}: its heartbeat thread leaves the group`,
  'coordinator-loaded': (a) => `broker ${a.broker} became coordinator of group ${a.group} and loaded its offsets from __consumer_offsets`,
  stable: (a) => `group ${a.group} is stable in generation ${a.generation} (${a.protocol}): ${a.members}`,
  rebalance: (a) => `group ${a.group} is rebalancing: ${rebalanceReasonText(reasonOf(a), 'en')}`,
  removed: (a) => `${a.consumer} did not rejoin within the rebalance timeout (max.poll.interval.ms) and was removed`,
  'session-expired': (a) => `no heartbeat from ${a.consumer} for session.timeout.ms=${a.sessionTimeoutMs}: the coordinator removes it`,
  'truncation-reset': (a) => `truncation detected for ${a.partition} at offset ${a.offset}: leader ${a.leader} knows no epoch <= ${a.epoch}, so auto.offset.reset applies`,
  'truncation-detected': (a) =>
    `truncation detected on ${a.partition}: the log diverged at offset ${a.divergedAt} after an unclean election (leader ${a.leader}'s epoch ${a.epoch} ends there, ${a.consumer} was at ${a.offset}); resetting to ${a.divergedAt}`,
  'log-truncation': (a) =>
    a.divergedAt === '?'
      ? `LogTruncationException: truncation detected for ${a.partition} at offset ${a.offset} (leader ${a.leader} knows no epoch <= ${a.epoch}) and auto.offset.reset=none`
      : `LogTruncationException: truncation detected for ${a.partition} at offset ${a.offset}: the log diverged at offset ${a.divergedAt} (epoch ${a.epoch} ends there on leader ${a.leader}) and auto.offset.reset=none`,
  'no-offset': (a) => `NoOffsetForPartitionException: ${a.partition} has no committed offset and auto.offset.reset=none`,
  'offset-reset': (a) => `${a.consumer} has no valid offset for ${a.partition}: auto.offset.reset=${a.reset} starts it at offset ${a.offset}${Number(a.skipped) > 0 ? `, skipping ${a.skipped} records` : ''}`,
  started: (a) => `${a.consumer} started in group ${a.group}`,
  restarted: (a) => `${a.consumer} restarted (a new process: new member id) in group ${a.group}`,
  crashed: (a) =>
    `${a.consumer} was killed (kill -9)${Number(a.lostInQueue) > 0 ? `: ${a.lostInQueue} records handed to its in-memory ${a.inline ? 'batch' : 'queue'} were never processed` : ''}; positions not yet committed are gone`,
  closing: (a) => `${a.consumer} is closing cleanly: it finishes the records in hand, ${a.autoCommit ? 'commits its position (auto-commit on close), ' : ''}then leaves the group`,
  closed: (a) => `${a.consumer} closed and left the group`,
  stalled: (a) => `${a.consumer}'s application threads stall for ${a.ms} ms (GC pause / slow downstream); its heartbeat thread keeps running`,
  'commit-failed': (a) => `${a.auto ? 'auto-commit' : 'commit'} of ${a.offsets} by ${a.consumer} failed: ${a.error} (${causeText(a, 'en')})`,
  committed: (a) => `${a.consumer} committed ${a.offsets}${a.auto ? ' (auto-commit)' : ''} in generation ${a.generation}`,
};

const ZH: Record<ConsumerEventCode, Tpl> = {
  polled: (a) => `poll() 向 ${a.consumer} 返回了 ${a.records} 条记录：${a.ranges}`,
  revoked: (a) => `${a.consumer} 在重新加入前交出了 ${list(a.partitions, '、')}`,
  lost: (a) => `${a.consumer} 在重新加入前失去了 ${list(a.partitions, '、')}（它已不在消费组中）`,
  assigned: (a) => (list(a.partitions, '、') ? `${a.consumer} 在第 ${a.generation} 代分到了 ${list(a.partitions, '、')}` : `${a.consumer} 在第 ${a.generation} 代没有分到分区（成员多于分区）`),
  'out-of-range': (a) => `拉取 ${a.partition} 的 offset ${a.offset} 时收到 OFFSET_OUT_OF_RANGE`,
  fenced: (a) => `心跳返回 ${a.error}：${a.consumer} 已不在第 ${a.generation} 代中，将重新加入消费组`,
  'poll-timeout': (a) => `${a.consumer} 超过 max.poll.interval.ms=${a.maxPollIntervalMs} 没有调用 poll()：它的心跳线程让它离开消费组`,
  'coordinator-loaded': (a) => `broker ${a.broker} 成为消费组 ${a.group} 的协调者，并从 __consumer_offsets 加载了它的 offset`,
  stable: (a) => `消费组 ${a.group} 在第 ${a.generation} 代稳定下来（${a.protocol}）：${a.members}`,
  rebalance: (a) => `消费组 ${a.group} 开始重平衡：${rebalanceReasonText(reasonOf(a), 'zh')}`,
  removed: (a) => `${a.consumer} 没有在重平衡超时（max.poll.interval.ms）内重新加入，被移出消费组`,
  'session-expired': (a) => `协调者在 session.timeout.ms=${a.sessionTimeoutMs} 内没有收到 ${a.consumer} 的心跳，将其移出消费组`,
  'truncation-reset': (a) => `在 ${a.partition} 的 offset ${a.offset} 处检测到截断：leader ${a.leader} 不知道任何 <= ${a.epoch} 的 epoch，因此按 auto.offset.reset 重置`,
  'truncation-detected': (a) =>
    `在 ${a.partition} 上检测到截断：unclean 选举后日志在 offset ${a.divergedAt} 处分叉（leader ${a.leader} 的 epoch ${a.epoch} 在此结束，${a.consumer} 当时在 ${a.offset}）；重置到 ${a.divergedAt}`,
  'log-truncation': (a) =>
    a.divergedAt === '?'
      ? `LogTruncationException：在 ${a.partition} 的 offset ${a.offset} 处检测到截断（leader ${a.leader} 不知道任何 <= ${a.epoch} 的 epoch），且 auto.offset.reset=none`
      : `LogTruncationException：在 ${a.partition} 的 offset ${a.offset} 处检测到截断：日志在 offset ${a.divergedAt} 处分叉（leader ${a.leader} 上 epoch ${a.epoch} 在此结束），且 auto.offset.reset=none`,
  'no-offset': (a) => `NoOffsetForPartitionException：${a.partition} 没有已提交的 offset，且 auto.offset.reset=none`,
  'offset-reset': (a) => `${a.consumer} 在 ${a.partition} 上没有有效的 offset：auto.offset.reset=${a.reset} 让它从 offset ${a.offset} 开始${Number(a.skipped) > 0 ? `，跳过了 ${a.skipped} 条记录` : ''}`,
  started: (a) => `${a.consumer} 在消费组 ${a.group} 中启动`,
  restarted: (a) => `${a.consumer} 在消费组 ${a.group} 中重启（新进程，新的 member id）`,
  crashed: (a) =>
    `${a.consumer} 被强制杀死（kill -9）${Number(a.lostInQueue) > 0 ? `：已交给内存中${a.inline ? '批次' : '队列'}的 ${a.lostInQueue} 条记录从未被处理` : ''}；尚未提交的 position 都丢失了`,
  closing: (a) => `${a.consumer} 正在正常关闭：先处理完手头的记录，${a.autoCommit ? '提交当前 position（关闭时自动提交），' : ''}然后离开消费组`,
  closed: (a) => `${a.consumer} 已关闭并离开消费组`,
  stalled: (a) => `${a.consumer} 的应用线程卡顿 ${a.ms} ms（GC 停顿 / 下游变慢）；心跳线程仍在运行`,
  'commit-failed': (a) => `${a.consumer} ${a.auto ? '自动提交' : '提交'} ${a.offsets} 失败：${a.error}（${causeText(a, 'zh')}）`,
  committed: (a) => `${a.consumer} 在第 ${a.generation} 代提交了 ${a.offsets}${a.auto ? '（自动提交）' : ''}`,
};

/** A rebalance reason: its code and args (member, leave). Events carry the code as args.reason. */
export function rebalanceReasonText(r: { code: string; args: Args }, lang: Lang = 'en'): string {
  const f = REBALANCE[lang][r.code as RebalanceReasonCode];
  return f ? f(r.args) : r.code;
}

const reasonOf = (a: Args) => ({ code: String(a.reason ?? ''), args: a });

function causeText(a: Args, lang: Lang): string {
  const f = CAUSE[lang][String(a.cause) as CommitFailCause];
  return f ? f(a) : String(a.cause ?? '');
}

/** The event fields the text needs: who, which group, the code and its args. */
export interface ConsumerEventLike {
  consumer: string;
  group: string;
  what: string;
  detail?: string;
  args?: Args;
}

export function consumerEventText(ev: ConsumerEventLike, lang: Lang = 'en'): string {
  const f = (lang === 'zh' ? ZH : EN)[ev.what as ConsumerEventCode];
  if (!f) return ev.detail ?? ev.what;
  return f({ ...(ev.args ?? {}), consumer: ev.consumer, group: ev.group });
}

/** Every code, for tests that render them all. */
export const CONSUMER_EVENT_CODES = Object.keys(EN) as ConsumerEventCode[];
