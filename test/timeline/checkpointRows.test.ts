/**
 * Checkpoints share the columns of the message table, a group's ledger and
 * the observer's state below the lowest row written since the last one, and a
 * restore leaves those chunks in place in the live arrays
 * (engine/core/changedRows.ts). With chunks of 8, nearly every write lands in
 * an old chunk: a write that does not mark its row shows here as a seek
 * whose state, or counts, differ from the uninterrupted run's.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { LabHost } from '../../src/timeline/host.ts';
import { Timeline } from '../../src/timeline/timeline.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { useChunkSize } from '../../src/engine/sim/chunks.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { MAX_SPEED, type HostEvent, type Update } from '../../src/timeline/protocol.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';
import type { SimContext } from '../../src/engine/core/context.ts';
import type { Observer } from '../../src/timeline/observer.ts';

useChunkSize(8);

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`checkpoint rows: fast-check seed ${seed} (FC_SEED=${seed} replays it)`);

/** The message table and the ledgers, as text. */
const columns = (ctx: SimContext): string =>
  createHash('sha256')
    .update(JSON.stringify([ctx.msgs, ctx.consumers?.groups.map((g) => g.ledger)], (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)))
    .digest('hex');

const withoutLag = (s: ReturnType<typeof check>['summary']) => ({ ...s, consumerGroups: s.consumerGroups.map((g) => ({ ...g, lagOverTime: [] })) });

describe('checkpoints with tracked rows', () => {
  it("after any seek, with chunks of 8, the host's messages, ledgers, counts and fates equal the uninterrupted run's", () => {
    let wall = 0;
    let last: Update | null = null;
    const host = new LabHost((e: HostEvent) => e.type === 'update' && (last = e), () => (wall += 3));
    const raw = { ...(BUSY as unknown as RawScenario), until: 20_000 };
    host.handle({ type: 'load', scenario: raw });
    host.handle({ type: 'speed', speed: MAX_SPEED });
    host.handle({ type: 'play' });
    for (let i = 0; last!.playing && i < 100_000; i++) host.handle({ type: 'frame', wallMs: i * 16 });
    const sim = () => (host as unknown as { tl: Timeline }).tl.sim;
    const oracle = new Timeline(raw);
    oracle.advanceTo(20_000);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 5 }), (ts) => {
        for (const t of ts) {
          host.handle({ type: 'seek', t });
          oracle.seek(t);
          expect(columns(sim().ctx), `columns at ${t} ms`).toBe(columns(oracle.sim.ctx));
          expect(last!.snapshot.t).toBe(t);
          // The observer restored beside the checkpoint, brought to t: the checker's counts and fates.
          const want = check(oracle.sim.ctx, { stories: false, fates: true });
          const obs = (host as unknown as { obs: Observer }).obs;
          expect([t, withoutLag(obs.summary())]).toEqual([t, withoutLag(want.summary)]);
          expect([t, obs.fates()]).toEqual([t, want.fates]);
        }
      }),
      { seed, numRuns: 6 },
    );
  });
});
