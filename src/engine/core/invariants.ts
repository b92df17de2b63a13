/**
 * Invariants of the replication protocol, checked by the property tests after
 * every event. Each returns a sentence per violation, empty when all hold.
 */
import type { SimContext } from './context.ts';
import { newSpan, spanOf } from './logColumns.ts';
import { logIdAt } from './replicaLog.ts';

/** Must hold in every run, whatever the faults and settings. */
export function structuralViolations(ctx: SimContext): string[] {
  const out: string[] = [];
  const span = newSpan();
  for (const br of ctx.brokers) {
    for (const r of br.replicas.values()) {
      const where = `b${br.id} ${ctx.partitions[r.partition].name}`;
      if (r.hw < 0 || r.hw > r.leo) out.push(`${where}: HW ${r.hw} outside [0, LEO ${r.leo}]`);
      if (r.flushed > r.leo) out.push(`${where}: flushed ${r.flushed} above LEO ${r.leo}`);
      let next = 0;
      let epoch = -1;
      for (let i = 0; i < r.log.length; i++) {
        const b = spanOf(ctx.batches, logIdAt(r.log, i), span);
        if (b.baseOffset !== next) out.push(`${where}: gap or overlap at offset ${next} (batch starts at ${b.baseOffset})`);
        if (b.leaderEpoch < epoch) out.push(`${where}: leader epoch goes back from ${epoch} to ${b.leaderEpoch} at offset ${b.baseOffset}`);
        next = b.endOffset;
        epoch = b.leaderEpoch;
      }
      if (next !== r.leo) out.push(`${where}: LEO ${r.leo} but the log ends at ${next}`);
      for (let i = 1; i < r.epochCache.length; i++) {
        const a = r.epochCache[i - 1];
        const b = r.epochCache[i];
        if (b.epoch <= a.epoch || b.startOffset < a.startOffset) out.push(`${where}: epoch cache out of order at ${JSON.stringify(b)}`);
      }
    }
  }
  for (const p of ctx.controller.partitions) {
    const name = ctx.partitions[p.id].name;
    // KIP-966: with the ELR feature on, a leaderless partition's ISR may be empty.
    if (p.isr.length === 0 && !(ctx.controller.elr && p.leader < 0)) out.push(`${name}: empty ISR`);
    if (p.elr.some((b) => p.isr.includes(b))) out.push(`${name}: ELR [${p.elr}] overlaps ISR [${p.isr}]`);
    if (p.leader >= 0 && !p.isr.includes(p.leader)) out.push(`${name}: leader ${p.leader} not in ISR [${p.isr}]`);
  }
  return out;
}

/**
 * With clean elections, leader-epoch truncation and no power loss: every
 * member of the ISR holds at least the leader's high watermark, so any of
 * them can take over without losing a committed record.
 */
export function isrViolations(ctx: SimContext): string[] {
  const out: string[] = [];
  for (const p of ctx.controller.partitions) {
    if (p.leader < 0) continue;
    const leader = ctx.brokers[p.leader - 1];
    const meta = leader.meta.get(p.id);
    if (leader.status !== 'running' || !meta || meta.leader !== leader.id || meta.leaderEpoch !== p.leaderEpoch) continue;
    const hw = leader.replicas.get(p.id)!.hw;
    for (const b of p.isr) {
      const leo = ctx.brokers[b - 1].replicas.get(p.id)!.leo;
      if (leo < hw) out.push(`${ctx.partitions[p.id].name}: ISR member b${b} has LEO ${leo} below leader b${p.leader}'s HW ${hw}`);
    }
  }
  return out;
}
