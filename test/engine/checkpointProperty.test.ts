/**
 * A checkpoint taken at any moment of any example, restored after the run has
 * gone on past it, gives the uninterrupted run byte for byte. Every file in
 * public/scenarios, at a random moment of its whole run. The run takes a few
 * checkpoints close together (as the lab does, so later ones share chunks
 * with earlier ones, engine/sim/chunks.ts), goes on, then each is restored
 * and run on to a moment CHECK ms past the last; there the trace and the
 * whole state must equal the uninterrupted run's (the same state runs on to
 * the same future; its queue compared without the timers that can never
 * fire, which a checkpoint leaves out, sim/queueCheckpoint.ts). The newest
 * is also restored into a new simulation. A checkpoint taken after a restore
 * is restored too.
 * CHECKPOINT_FULL=1 also runs every restore to the example's end and compares
 * the trace and the CLI's --json report, at 3 moments per example.
 * The seed is printed; FC_SEED=<n> replays a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { restoreCheckpoint, stateOf, takeCheckpoint, type Checkpoint } from '../../src/engine/sim/checkpoint.ts';
import { useChunkSize } from '../../src/engine/sim/chunks.ts';
import { deadForever } from '../../src/engine/sim/deadTimers.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const FULL = !!process.env.CHECKPOINT_FULL;
/** Simulated ms between the checkpoints a run takes, and from the last to the moment compared. */
const GAP = 700;
const CHECK = 1500;
const dir = new URL('../../public/scenarios/', import.meta.url);
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

const scenarioOf = (file: string): Scenario => parseScenario(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));

/** The state without queued timers that can never fire (deadTimers.ts): the queue drops them unhandled, a checkpoint leaves them out. */
function liveState(sim: Simulation): object {
  const s = stateOf(sim.ctx);
  const far = new Map([...s.queue.far].map(([w, b]) => [w, b.filter((e) => !deadForever(sim.ctx, e))]));
  return { ...s, queue: { ...s.queue, far } };
}

/** The state and trace as text: Maps, Sets and typed arrays spelled out. */
const stateText = (sim: Simulation): string =>
  JSON.stringify({ now: sim.now, state: liveState(sim), trace: traceEvents(sim.ctx.trace) }, (_k, v: unknown) => {
    if (v instanceof Map) return { map: [...v] };
    if (v instanceof Set) return { set: [...v] };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return { typed: v.constructor.name, values: Array.from(v as Float64Array, (x) => (Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x)) };
    return v;
  });
const endText = (sim: Simulation, s: Scenario): string => JSON.stringify({ trace: traceEvents(sim.ctx.trace), report: buildReport(sim.ctx, { name: s.name, seed: s.seed, until: s.until }) });

// Chunks of 8: the examples' arrays are short, and every one of them longer than 16 is then chunked and shared.
useChunkSize(8);

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

console.log(`checkpoint property: fast-check seed ${seed} (FC_SEED=${seed} replays it)${FULL ? ', every restore run to the end' : ''}`);

describe('checkpoint restore over every example', () => {
  it.each(examples)('%s: restoring a checkpoint taken at a random moment of the run, after running on past it, gives the uninterrupted run byte for byte', (file) => {
    const s = scenarioOf(file);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (point) => {
        const at = Math.floor(point * s.until);
        const sim = new Simulation(s);
        const cps: Checkpoint[] = [];
        for (let i = 0; i < 3; i++) {
          sim.runUntil(Math.min(s.until, at + i * GAP));
          cps.push(takeCheckpoint(sim));
        }
        const check = Math.min(s.until, at + 2 * GAP + CHECK);
        sim.runUntil(check);
        const want = stateText(sim);
        let wantEnd = '';
        if (FULL) {
          sim.runUntil(s.until);
          wantEnd = endText(sim, s);
        }
        const longest = sim.ctx.trace;
        const again = (cp: Checkpoint, into = sim): void => {
          restoreCheckpoint(into, cp, longest);
          expect(into.now).toBe(cp.t);
          into.runUntil(check);
          expect(stateText(into) === want, `restored at ${cp.t} ms, compared at ${check} ms`).toBe(true);
          if (FULL) {
            into.runUntil(s.until);
            expect(endText(into, s) === wantEnd, `restored at ${cp.t} ms, run to the end`).toBe(true);
          }
        };
        // Into a new simulation first: no live array to write over, every chunk is read (a restore into
        // the run's own arrays leaves in place what did not change since, engine/core/changedRows.ts).
        again(cps[2], new Simulation(s));
        // Newest first (it shares chunks with the older ones), then a checkpoint taken right after a restore.
        for (const cp of [...cps].reverse()) again(cp);
        restoreCheckpoint(sim, cps[0], longest);
        sim.runUntil(Math.min(s.until, at + GAP / 2));
        again(takeCheckpoint(sim));
      }),
      { seed, numRuns: FULL ? 3 : 1 },
    );
  }, 600_000);
});
