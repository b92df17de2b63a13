/**
 * A consumer-side anomaly's story: the record reaching the committed log,
 * each time an application processed it, and the group events around it
 * (crashes, stalls, rebalances, commits and failed commits), ending with why
 * it counts as lost, repeated, skipped or out of order. Steps render through
 * storyText.ts (codes prefixed "c-").
 */
import type { SimContext } from './context.ts';
import type { Group } from './consumerModel.ts';
import type { ConsumerWorld } from './consumerWorld.ts';
import type { StoryStep } from './story.ts';
import type { TraceEvent } from './trace.ts';

export type ConsumerAnomalyKind = 'lost-after-broker' | 'processed-twice' | 'processed-out-of-order' | 'skipped-by-reset';

type CEvent = Extract<TraceEvent, { type: 'consumer' }>;

const NOTABLE = new Set(['truncation-detected', 'truncation-reset', 'log-truncation', 'crashed', 'restarted', 'started', 'stalled', 'poll-timeout', 'session-expired', 'rebalance', 'stable', 'commit-failed', 'closing', 'closed', 'coordinator-loaded', 'removed', 'fenced', 'lost', 'revoked']);

/** Indices of each group's notable consumer events, cached per trace length. */
const cache = new WeakMap<TraceEvent[], { len: number; byGroup: Map<string, number[]>; commits: Map<string, number[]> }>();
function indexOf(ctx: SimContext) {
  let c = cache.get(ctx.trace);
  if (!c) cache.set(ctx.trace, (c = { len: 0, byGroup: new Map(), commits: new Map() }));
  for (; c.len < ctx.trace.length; c.len++) {
    const ev = ctx.trace[c.len];
    if (ev.type !== 'consumer') continue;
    const map = ev.what === 'committed' ? c.commits : NOTABLE.has(ev.what) ? c.byGroup : null;
    if (!map) continue;
    if (!map.has(ev.group)) map.set(ev.group, []);
    map.get(ev.group)!.push(c.len);
  }
  return c;
}

export function consumerStory(ctx: SimContext, w: ConsumerWorld, g: Group, id: number, partition: number, offset: number, kind: ConsumerAnomalyKind, other = -1): StoryStep[] {
  const m = ctx.msgs;
  const L = g.ledger;
  const pname = ctx.partitions[partition].name;
  const steps: StoryStep[] = [];
  const step = (t: number, code: string, args: Record<string, string | number>, event = -1) => steps.push({ t, code, args, event });
  step(m.sentAt[id], 'sent', { producer: ctx.producers[m.producer[id]].name, key: m.key[id] >= 0 ? `k${m.key[id]}` : '-', partition: pname });
  const processed = id < L.processed.length ? L.processed[id] : 0;
  let last = m.sentAt[id];
  if (processed > 0) {
    step(L.firstAt[id], 'c-processed', { consumer: w.members[L.firstBy[id]].name, generation: L.firstGen[id], offset, partition: pname });
    last = L.firstAt[id];
    for (const r of L.repeats.get(id) ?? []) {
      step(r.t, 'c-reprocessed', { consumer: w.members[r.member].name, generation: r.generation, life: r.life, offset, partition: pname });
      last = Math.max(last, r.t);
    }
  }
  const idx = indexOf(ctx);
  // The commit that first moved the group past this record.
  const re = new RegExp(`(?:^| )${pname.replace(/[-]/g, '\\-')}@(\\d+)`);
  let passedAt = Infinity;
  for (const i of idx.commits.get(g.id) ?? []) {
    const ev = ctx.trace[i] as CEvent;
    const hit = re.exec(String(ev.args?.offsets ?? ''));
    if (hit && Number(hit[1]) > offset) {
      step(ev.t, 'c-committed', { consumer: ev.consumer, offsets: String(ev.args?.offsets ?? ''), generation: ev.args?.generation ?? '' }, i);
      passedAt = ev.t;
      break;
    }
  }
  const to = Math.max(last, passedAt === Infinity ? last : passedAt, kind === 'lost-after-broker' ? ctx.now : last);
  let shown = 0;
  for (const i of idx.byGroup.get(g.id) ?? []) {
    const ev = ctx.trace[i] as CEvent;
    if (ev.t < m.sentAt[id] || ev.t > to || shown >= 10) continue;
    shown++;
    step(ev.t, `c-${ev.what}`, { ...(ev.args ?? {}), consumer: ev.consumer, group: ev.group }, i);
  }
  const end = (code: string, args: Record<string, string | number>) => step(Infinity, code, args);
  if (kind === 'lost-after-broker') end('c-lost-after-broker', { group: g.id, partition: pname, offset, committed: g.committed.get(partition)?.offset ?? -1 });
  else if (kind === 'skipped-by-reset') {
    const r = L.resets.find((x) => x.partition === partition && offset >= x.from && offset < x.to)!;
    end('c-skipped', { group: g.id, consumer: r.consumer, partition: pname, offset, to: r.to });
  } else if (kind === 'processed-twice') end('c-twice', { group: g.id, times: processed, offset, partition: pname });
  else end('c-out-of-order', { group: g.id, offset, partition: pname, other });
  steps.sort((a, b) => a.t - b.t);
  for (const s of steps) if (s.t === Infinity) s.t = ctx.now;
  return steps;
}

export const CONSUMER_STEPS_EN: Record<string, string> = {
  'c-processed': '{consumer} processed it (offset {offset} of {partition}, generation {generation})',
  'c-reprocessed': '{consumer} processed it again (generation {generation}, process life {life})',
  'c-committed': '{consumer} committed {offsets} (generation {generation}): the group will not read it again',
  'c-crashed': '{consumer} was killed (kill -9); {lostInQueue} records in its memory were never processed',
  'c-started': '{consumer} started',
  'c-restarted': '{consumer} restarted as a new process (new member id)',
  'c-stalled': '{consumer} stalled for {ms} ms (GC pause or slow downstream); its heartbeat thread kept running',
  'c-poll-timeout': '{consumer} did not call poll() within max.poll.interval.ms: its heartbeat thread left the group',
  'c-session-expired': 'the coordinator heard no heartbeat from {consumer} within session.timeout.ms and removed it',
  'c-rebalance': 'group {group} started a rebalance: {reason}',
  'c-stable': 'group {group} settled in generation {generation}',
  'c-commit-failed': 'a commit of {offsets} by {consumer} failed: {error}',
  'c-closing': '{consumer} began a clean close',
  'c-closed': '{consumer} closed and left the group',
  'c-coordinator-loaded': 'broker {broker} became the group coordinator and loaded the committed offsets',
  'c-removed': '{consumer} did not rejoin within the rebalance timeout and was removed',
  'c-fenced': '{consumer} learned from a heartbeat ({error}) that it was no longer in the group',
  'c-revoked': '{consumer} gave up all its partitions to rejoin the group (eager rebalance)',
  'c-lost': '{consumer} found it was no longer in the group: its partitions were already someone else\'s',
  'c-truncation-detected': 'truncation detected: the log of {partition} diverged at offset {divergedAt} after an unclean election ({consumer} was at offset {offset}); resetting to {divergedAt}',
  'c-truncation-reset': 'truncation detected on {partition}: the new leader knows no leader epoch of offset {offset}, so {consumer} falls back to auto.offset.reset',
  'c-log-truncation': '{consumer} got LogTruncationException: the log of {partition} diverged at offset {divergedAt} and auto.offset.reset=none, so it stops reading it',
  'c-lost-after-broker': 'group {group} has committed offset {committed} of {partition}, past offset {offset}, yet no member ever processed it: lost after the broker',
  'c-skipped': 'group {group} had no committed offset: auto.offset.reset started {consumer} at offset {to} of {partition}, so offset {offset} was never read',
  'c-twice': 'group {group} processed offset {offset} of {partition} {times} times',
  'c-out-of-order': 'group {group} processed offset {offset} of {partition} after offset {other} of the same key',
};

export const CONSUMER_STEPS_ZH: Record<string, string> = {
  'c-processed': '{consumer} 处理了它（{partition} 的 offset {offset}，第 {generation} 代）',
  'c-reprocessed': '{consumer} 再次处理了它（第 {generation} 代，进程第 {life} 次启动）',
  'c-committed': '{consumer} 提交了 {offsets}（第 {generation} 代）：消费组不会再读它',
  'c-crashed': '{consumer} 被强制杀死（kill -9）；内存中 {lostInQueue} 条记录从未被处理',
  'c-started': '{consumer} 启动',
  'c-restarted': '{consumer} 作为新进程重启（新的 member id）',
  'c-stalled': '{consumer} 卡顿 {ms} ms（GC 停顿或下游变慢）；心跳线程仍在运行',
  'c-poll-timeout': '{consumer} 超过 max.poll.interval.ms 未调用 poll()：心跳线程让它离开了消费组',
  'c-session-expired': '协调者在 session.timeout.ms 内没有收到 {consumer} 的心跳，将其移出消费组',
  'c-rebalance': '消费组 {group} 开始重平衡：{reason}',
  'c-stable': '消费组 {group} 在第 {generation} 代稳定下来',
  'c-commit-failed': '{consumer} 提交 {offsets} 失败：{error}',
  'c-closing': '{consumer} 开始正常关闭',
  'c-closed': '{consumer} 已关闭并离开消费组',
  'c-coordinator-loaded': 'broker {broker} 成为组协调者，并加载了已提交的 offset',
  'c-removed': '{consumer} 未在重平衡超时内重新加入，被移出消费组',
  'c-fenced': '{consumer} 从心跳响应（{error}）得知自己已不在消费组中',
  'c-revoked': '{consumer} 为重新加入消费组交出了全部分区（eager 重平衡）',
  'c-lost': '{consumer} 发现自己已不在消费组中：它的分区已归别人',
  'c-truncation-detected': '检测到日志截断：unclean 选举后 {partition} 的日志从 offset {divergedAt} 起出现分歧（{consumer} 当时在 offset {offset}）；重置到 {divergedAt}',
  'c-truncation-reset': '在 {partition} 上检测到截断：新 leader 不知道 offset {offset} 所属的 leader epoch，{consumer} 只能按 auto.offset.reset 重置',
  'c-log-truncation': '{consumer} 收到 LogTruncationException：{partition} 的日志在 offset {divergedAt} 处出现分歧且 auto.offset.reset=none，它不再读取该分区',
  'c-lost-after-broker': '消费组 {group} 在 {partition} 上已提交 offset {committed}，越过了 offset {offset}，但没有任何成员处理过它：在 broker 之后丢失',
  'c-skipped': '消费组 {group} 没有已提交的 offset：auto.offset.reset 让 {consumer} 从 {partition} 的 offset {to} 开始，offset {offset} 从未被读取',
  'c-twice': '消费组 {group} 把 {partition} 的 offset {offset} 处理了 {times} 次',
  'c-out-of-order': '消费组 {group} 在处理了同一 key 的 offset {other} 之后才处理 {partition} 的 offset {offset}',
};
