/**
 * A message's story: each step of its life on each replica and the events
 * that doomed it, as structured steps (codes and arguments) that the CLI and
 * the UI say in English or Chinese (src/i18n: step.<code>).
 */
import type { SimContext } from '../core/context.ts';
import { SendStatus } from '../core/messages.ts';
import type { MessageId } from '../core/model.ts';
import type { TraceEvent } from '../core/trace.ts';
import type { Reason } from '../core/reasons.ts';
import type { AnomalyKind } from './checker.ts';
import { batchesHolding, committedReplica } from '../broker/committedLog.ts';
import { historyOf } from '../broker/batchHistory.ts';
import { indexOfKept, keptFrom, traceAt, type Trace } from '../core/traceLog.ts';

export interface StoryStep {
  t: number;
  code: string;
  args: Record<string, string | number>;
  /** Index of the trace event this step cites, or -1. */
  event: number;
  /** Why, when the step has a reason: said in the reader's language for {reason}. */
  why?: Reason;
}

const CONTEXT_TYPES = new Set(['broker-crashed', 'broker-stopped', 'broker-fenced', 'broker-restarted', 'leader-elected', 'partition-offline', 'isr-changed', 'produce-error', 'producer-restarted', 'fault']);

/** Indices of the trace events worth citing, cached per trace length. */
const notableCache = new WeakMap<Trace, { len: number; idx: number[] }>();
function notable(ctx: SimContext): number[] {
  const tr = ctx.trace;
  let c = notableCache.get(tr);
  if (!c) notableCache.set(tr, (c = { len: 0, idx: [] }));
  // Only kept events: an omitted one is a detail event, never a notable one (core/traceLog.ts).
  for (let j = keptFrom(tr, c.len); j < tr.kept.length; j++) if (CONTEXT_TYPES.has(tr.kept[j].type)) c.idx.push(indexOfKept(tr, j));
  c.len = tr.length;
  return c.idx;
}

export function storyOf(ctx: SimContext, id: MessageId, kind: AnomalyKind, found: { offsets: number[]; overtakenBy?: { message: MessageId; offset: number } }): StoryStep[] {
  const m = ctx.msgs;
  const p = ctx.producers[m.producer[id]];
  const part = ctx.partitions[m.partition[id]];
  const steps: StoryStep[] = [];
  const step = (t: number, code: string, args: Record<string, string | number>, event = -1, why?: Reason) => steps.push(why ? { t, code, args, event, why } : { t, code, args, event });
  step(m.sentAt[id], 'sent', { producer: p.name, key: m.key[id] >= 0 ? `k${m.key[id]}` : '-', partition: part.name });
  let from = m.sentAt[id];
  let to = from;
  for (const b of batchesHolding(ctx, id)) {
    const offset = b.baseOffset + b.pb.msgs.indexOf(id);
    for (const h of historyOf(ctx.history, b.id)) {
      if (h.what === 'flushed') continue;
      to = Math.max(to, h.t);
      if (h.what === 'appended') step(h.t, 'appended', { broker: h.broker, offset, epoch: b.leaderEpoch, attempt: b.pb.attempts });
      else if (h.what === 'replicated') step(h.t, 'replicated', { broker: h.broker, offset });
      else {
        const ev = traceAt(ctx.trace, h.cause);
        const why = ev && ev.type === 'truncated' ? ev.why : undefined;
        step(h.t, h.what, { broker: h.broker, offset }, h.cause, why);
      }
    }
  }
  const st = m.status[id];
  // The restarted application sent it again: a new send under a new producer id.
  if (m.restartResends[id] > 0) {
    for (const i of notable(ctx)) {
      const ev = traceAt(ctx.trace, i)!;
      if (ev.type === 'producer-restarted' && ev.producer === p.name && ev.resentRecords && ev.t >= m.sentAt[id]) {
        step(ev.t, 'resent-after-restart', { producer: p.name, pid: ev.pid }, i);
        to = Math.max(to, ev.t);
        break;
      }
    }
  }
  if (st === SendStatus.Acked) {
    const acks = String(p.config.acks);
    step(m.ackedAt[id], acks === '0' ? 'acked-blind' : 'acked', { broker: m.ackBroker[id], producer: p.name, acks, offset: m.ackOffset[id] }, m.settleCause[id]);
    to = Math.max(to, m.ackedAt[id]);
  } else if (st === SendStatus.Failed) {
    const ev = traceAt(ctx.trace, m.settleCause[id]);
    step(ev ? ev.t : to, 'failed', { error: m.error[id] ?? '?', producer: p.name, resends: m.resends[id] }, m.settleCause[id]);
  } else if (st === SendStatus.Dropped) {
    const ev = [...notable(ctx)].map((i) => [i, traceAt(ctx.trace, i)!] as const).find(([, e]) => e.type === 'producer-restarted' && e.producer === p.name && e.t >= m.sentAt[id]);
    step(ev ? ev[1].t : to, 'dropped', { producer: p.name }, ev ? ev[0] : -1);
  }
  // A lost record's fate is sealed by what happens later (an election, a truncation): look to the end.
  if (kind === 'lost-write' || kind === 'lost-unacked' || kind === 'unseen') to = ctx.now;
  // The events around it: faults, elections and ISR changes of its partition, errors of its producer.
  const cited = new Set(steps.map((s) => s.event));
  let errors = 0;
  for (const i of notable(ctx)) {
    const ev = traceAt(ctx.trace, i)!;
    if (ev.t < from - 1 || ev.t > to || cited.has(i)) continue;
    if (ev.type === 'produce-error') {
      if (kind === 'lost-write' || kind === 'unseen') continue;
      if (ev.producer !== p.name || ev.partition !== part.name || errors++ >= 3) continue;
      step(ev.t, 'produce-error', { producer: ev.producer, error: ev.error, broker: ev.broker, attempt: ev.attempt }, i);
    } else if (ev.type === 'leader-elected') {
      if (ev.partition !== part.name) continue;
      const code = ev.how === 'elr' ? 'elected-elr' : ev.how === 'last-known-leader' ? 'elected-last-known' : ev.unclean ? 'elected-unclean' : 'elected';
      step(ev.t, code, { broker: ev.leader, epoch: ev.epoch, isr: ev.isr.join(','), partition: ev.partition, leo: ev.leaderLeo }, i);
    } else if (ev.type === 'partition-offline') {
      if (ev.partition !== part.name) continue;
      if (ev.elr) step(ev.t, 'offline-elr', { partition: ev.partition, isr: ev.isr.join(','), elr: ev.elr.join(',') }, i);
      else step(ev.t, 'offline', { partition: ev.partition, isr: ev.isr.join(',') }, i);
    } else if (ev.type === 'isr-changed') {
      if (ev.partition !== part.name) continue;
      if (ev.elr?.length) step(ev.t, 'isr-elr', { partition: ev.partition, isr: ev.isr.join(','), elr: ev.elr.join(',') }, i, ev.why);
      else step(ev.t, 'isr', { partition: ev.partition, isr: ev.isr.join(',') }, i, ev.why);
    } else if (ev.type === 'broker-crashed' || ev.type === 'broker-stopped' || ev.type === 'broker-restarted') {
      if (!part.assignment.includes(ev.broker)) continue;
      step(ev.t, ev.type === 'broker-crashed' ? (ev.how === 'power loss' ? 'power-loss' : 'crashed') : ev.type === 'broker-stopped' ? 'stopped' : 'restarted', { broker: ev.broker }, i);
    } else if (ev.type === 'producer-restarted') {
      if (ev.producer !== p.name) continue;
      step(ev.t, 'producer-restarted', { producer: ev.producer }, i);
    } else if (ev.type === 'fault' && (ev.fault.type === 'partition' || ev.fault.type === 'isolate' || ev.fault.type === 'link' || ev.fault.type === 'heal')) {
      step(ev.t, 'network', { what: ev.fault.type, ...describeNet(ev.fault) }, i);
    }
  }
  const r = committedReplica(ctx, part.id);
  const leader = ctx.controller.partitions[part.id];
  if (kind === 'lost-write' || kind === 'lost-unacked') step(Infinity, 'absent', { partition: part.name, broker: r ? r.broker : -1, hw: r ? r.hw : 0, epoch: leader.leaderEpoch });
  if (kind === 'duplicate') step(Infinity, 'duplicate', { partition: part.name, offsets: found.offsets.join(', ') });
  if (kind === 'nonmonotonic-send' && found.overtakenBy) {
    const o = found.overtakenBy;
    step(Infinity, 'overtaken', { partition: part.name, offset: found.offsets[0], other: o.message, otherOffset: o.offset, otherSent: m.sentAt[o.message] });
  }
  if (kind === 'unseen') step(Infinity, 'unseen', { partition: part.name, broker: r ? r.broker : -1, hw: r ? r.hw : 0 });
  steps.sort((a, b) => a.t - b.t);
  for (const s of steps) if (s.t === Infinity) s.t = ctx.now;
  return steps;
}

/** The network change in symbols (groups, a link); "the leader of" a partition as its name, for the text to say. */
function describeNet(f: Extract<TraceEvent, { type: 'fault' }>['fault']): { detail: string } | { leaderOf: string } {
  if (f.type === 'partition') return { detail: f.groups.map((g) => `{${g.join(' ')}}`).join(' | ') };
  if (f.type === 'isolate') return typeof f.node === 'string' ? { detail: f.node } : { leaderOf: f.node.leaderOf };
  if (f.type === 'link') return { detail: `${f.from}${f.oneWay ? ' -> ' : ' <-> '}${f.to}` };
  return { detail: '' };
}
