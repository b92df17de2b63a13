/**
 * Chart samples, one every SAMPLE_MS of simulated time, read from the
 * observer (no checker run) and the replicas' offsets. The host keeps only
 * those the view has not received yet; the view keeps a bounded history and
 * thins out old data (labStore). `from` tells the view which of its samples a
 * fork made obsolete.
 */
import type { Simulation } from '../engine/sim/simulation.ts';
import { groupLag } from '../engine/consumer/consumerLag.ts';
import type { Summary } from '../engine/checker/checker.ts';
import { lastStanding } from '../engine/core/model.ts';
import type { ChartSample } from './protocol.ts';
import type { ConsumerWorld } from '../engine/core/consumerModel.ts';

export class Sampler {
  private last = -1;
  private pending: ChartSample[] = [];
  /** Drop the view's samples at or after this time (a fork); MAX_SAFE_INTEGER: none. */
  private from = Number.MAX_SAFE_INTEGER;

  reset(): void {
    this.last = -1;
    this.pending = [];
    this.from = 0;
  }

  /** The future forked at `t`: samples after it are obsolete. */
  forkAt(t: number): void {
    this.from = Math.min(this.from, t + 1);
    this.last = Math.min(this.last, t);
    this.pending = this.pending.filter((s) => s.t <= t);
  }

  /** Is a sample at `t` new (not taken before, as when a seek replays what was played)? */
  wants(t: number): boolean {
    return t > this.last;
  }

  take(sim: Simulation, s: Summary): void {
    const t = sim.now;
    if (t <= this.last) return;
    this.last = t;
    const ctx = sim.ctx;
    const w = ctx.consumers as ConsumerWorld | null;
    this.pending.push({
      t,
      leo: ctx.partitions.map((p) => p.assignment.map((b) => ctx.brokers[b - 1].replicas.get(p.id)?.leo ?? 0)),
      hw: ctx.partitions.map((p) => {
        const cp = ctx.controller.partitions[p.id];
        const b = cp.leader > 0 ? cp.leader : lastStanding(cp);
        return b ? (ctx.brokers[b - 1].replicas.get(p.id)?.hw ?? 0) : 0;
      }),
      lag: w ? w.groups.map((g) => groupLag(ctx, w, g).lag) : [],
      processedTwice: s.processedTwice,
      lostAfterBroker: s.lostAfterBroker,
      lostAcked: s.lostAcked,
      lostUnacked: s.lostUnacked,
      duplicated: s.duplicated,
      reordered: s.reordered,
    });
  }

  /** Hands over what is pending (and where the view should cut first). */
  drain(): { samplesFrom: number; samples: ChartSample[] } {
    const out = { samplesFrom: this.from, samples: this.pending };
    this.pending = [];
    this.from = Number.MAX_SAFE_INTEGER;
    return out;
  }
}
