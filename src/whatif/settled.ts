/**
 * When a what-if run may stop before its `until`: once nothing left in it can
 * change what the checker counts. The counts read two things only: each
 * send's callback status, and the committed log (the leader's records below
 * its high watermark). So the run is settled when
 * - nothing from outside is still to come: no fault, no producer still to
 *   send (app-send), no consumer (a consumer keeps polling and committing,
 *   and processes what it reads: its counts move on their own);
 * - every producer is idle: nothing accumulated, in flight or waiting for
 *   metadata, so every status is final; and no produce request is still on
 *   its way (acks=0 keeps none in flight, outside());
 * - every partition's committed log is at rest: its leader's broker is
 *   running, registered, unfenced and not stopping, knows it leads in the
 *   controller's epoch, and no network fault is in force, so it keeps
 *   heartbeating and stays leader; its high watermark is at
 *   its log end (no record is still to be committed); every ISR member holds
 *   the same log end and high watermark, and no ISR change is pending.
 * From then on no record and no status moves. Leadership changes only when
 * the controller fences the leader (missed heartbeats) or the leader stops,
 * which takes a fault; there is no preferred-leader rebalancing. Brokers still
 * restarting or catching up outside the ISR only fetch from the leader, and
 * the page cache may still hold unflushed records: that matters only to a
 * power loss, which would be a fault. Faults already applied (a slow follower)
 * may still shrink the ISR, which moves no record. test/whatif/settled.test.ts
 * holds the stopped runs' outcomes equal to whole runs' (the oracle).
 */
import type { SimContext, SimEvent } from '../engine/core/context.ts';
import { isQuiet } from '../engine/core/network.ts';
import { earliestWhere } from '../engine/core/eventQueue.ts';
import type { Simulation } from '../engine/sim/simulation.ts';

/**
 * An event that may still change the outcome: one from outside the cluster's
 * own rhythm, or a produce request on its way. With acks=0 the producer
 * keeps nothing of a request it sent (its records count as acknowledged at
 * once), so a request still crossing the network, or held by TCP until a
 * partition heals, would append records after the producer looks idle.
 */
function outside(e: SimEvent, until: number): boolean {
  if (e.t > until) return false;
  if (e.k === 'fault') return true;
  if (e.k === 'net') return e.body.type === 'produce';
  return e.k === 'timer' && e.body.type === 'app-send';
}

export function settled(ctx: SimContext, until: number): boolean {
  if (ctx.consumers || !isQuiet(ctx.net) || ctx.net.held.length > 0) return false;
  for (const p of ctx.producers) {
    if (p.requests.size > 0 || p.metadataPending) return false;
    for (const q of p.queues.values()) if (q.length) return false;
  }
  for (const cp of ctx.controller.partitions) {
    if (cp.leader <= 0) return false;
    const br = ctx.brokers[cp.leader - 1];
    if (br.status !== 'running' || !br.registered || br.fenced || br.stopping || br.shuttingDown) return false;
    // The leader knows it leads in the controller's epoch: a broker still following an older leader may yet truncate.
    const meta = br.meta.get(cp.id);
    if (!meta || meta.leader !== cp.leader || meta.leaderEpoch !== cp.leaderEpoch) return false;
    const leader = br.replicas.get(cp.id);
    if (!leader || leader.hw !== leader.leo || leader.pendingIsr) return false;
    for (const b of cp.isr) {
      const r = ctx.brokers[b - 1].replicas.get(cp.id);
      if (!r || r.leo !== leader.leo || r.hw !== leader.leo) return false;
    }
  }
  // Every queued event, the far windows' too (core/eventQueue.ts).
  return earliestWhere(ctx.queue, (e) => outside(e, until), Infinity) === Infinity;
}

/** How often (simulated ms) a run looks whether it has settled: as often as the controller ticks. */
const CHECK_EVERY_MS = 250;

/** Runs every event up to `until`, or until the run has settled; returns the simulated time it stopped at. */
export function runUntilSettled(sim: Simulation, until: number): number {
  let nextCheck = CHECK_EVERY_MS;
  for (;;) {
    // Through the simulation, so timers that can never fire usefully are dropped unhandled (sim/deadTimers.ts).
    const t = sim.nextEventTime();
    if (t === undefined || t > until) return until;
    sim.step();
    if (sim.ctx.now >= nextCheck) {
      if (settled(sim.ctx, until)) return sim.ctx.now;
      nextCheck = sim.ctx.now + CHECK_EVERY_MS;
    }
  }
}
