/**
 * What the consumer observer reports (consumerObserver.ts keeps the state):
 * each group's counts (the settled ones of every partition plus the live
 * ones), and the first few consumer-side anomalies of each kind.
 */
import type { SimContext } from '../engine/core/context.ts';
import type { GroupSummary } from '../engine/checker/consumerChecker.ts';
import type { AnomalySnap } from '../engine/checker/snapshot.ts';
import type { ConsumerWorld } from '../engine/core/consumerModel.ts';
import { groupLag } from '../engine/consumer/consumerLag.ts';
import type { ConsumerState, Counts } from './consumerObserverState.ts';

export function groupSummaries(ctx: SimContext, st: ConsumerState): GroupSummary[] {
  const w = ctx.consumers as ConsumerWorld;
  return st.gs.map((s) => {
    const c = { ...s.live };
    for (const ps of s.parts.values()) for (const k of Object.keys(c) as (keyof Counts)[]) c[k] += ps.settled[k];
    let commitsFailed = 0;
    const g = w.groups[s.gi];
    for (const mem of w.members) if (mem.group === g.index) commitsFailed += mem.commitsFailed;
    return { group: g.id, topic: g.topic, state: g.state, generation: g.generation, coordinator: w.offsetsLeader.get(g.index) ?? -1, ...c, processed: g.ledger.processedCount, deduplicated: g.ledger.deduplicated, commitsFailed, rebalances: g.rebalances.length, lag: groupLag(ctx, w, g).lag, lagOverTime: [] };
  });
}

export function consumerAnomalies(st: ConsumerState, perKind: number): AnomalySnap[] {
  const out: AnomalySnap[] = [];
  const taken = new Map<string, number>();
  for (const s of st.gs) for (const a of [...[...s.parts.values()].flatMap((p) => p.found), ...s.liveFound]) {
    const n = taken.get(a.kind) ?? 0;
    if (n < perKind) out.push(a);
    taken.set(a.kind, n + 1);
  }
  return out;
}
