/**
 * Bounded memory (traceRetention.ts, logRetention.ts, runScenario's
 * `bounded`): a long run lets go of detail events once its reader has them
 * and compacts settled log batches, and nothing a user reads changes: the
 * same report, the same --trace file, every index still pointing at the same
 * event, and a timeline's seeks still reaching the uninterrupted run.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { runScenario } from '../../src/engine/sim/runScenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { traceLine } from '../../src/engine/checker/traceExport.ts';
import { isDetail, OMITTED } from '../../src/engine/sim/traceRetention.ts';
import { compactSettledBatches, type LogCursor } from '../../src/engine/broker/logRetention.ts';
import { runCli } from '../../src/cli/run.ts';
import { restoreCheckpoint, takeCheckpoint } from '../../src/engine/sim/checkpoint.ts';
import { deadForever } from '../../src/engine/sim/deadTimers.ts';
import { keptEvents } from '../../src/engine/sim/queueCheckpoint.ts';
import { Timeline } from '../../src/timeline/timeline.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';
import { batchesOf } from '../../src/engine/broker/log.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';
import { testTempDir } from '../support/tempDir.ts';

const file = (name: string) => join(import.meta.dirname, '../../public/scenarios', name);
const example = (name: string) => parseScenario(JSON.parse(readFileSync(file(name), 'utf8')));
const EXAMPLES = ['kip101-hw-truncation.json', 'consumer-unclean-truncation.json', 'power-loss-flush.json', 'producer-restart-resend.json'];

describe('bounded memory', () => {
  it.each(EXAMPLES)('%s: a bounded run gives the same report as one that keeps everything', (name) => {
    const s = example(name);
    const meta = { name: s.name, seed: s.seed, until: s.until, expect: s.expect };
    const full = buildReport(runScenario(s).ctx, meta);
    const bounded = buildReport(runScenario(s, { bounded: true }).ctx, meta);
    expect(JSON.stringify(bounded)).toBe(JSON.stringify(full));
  });

  it('a bounded run keeps every event but the detail ones at its index, and omits every detail one', () => {
    const s = example('consumer-unclean-truncation.json');
    const full = traceEvents(runScenario(s).ctx.trace);
    const compact = runScenario(s, { bounded: true }).ctx.trace;
    // An omitted event takes no room: only the others are kept.
    expect(compact.kept).toEqual(full.filter((e) => !isDetail(e)));
    const bounded = traceEvents(compact);
    expect(bounded).toHaveLength(full.length);
    expect(full.some(isDetail)).toBe(true);
    full.forEach((e, i) => {
      if (isDetail(e)) expect(bounded[i]).toBe(OMITTED);
      else expect(bounded[i]).toEqual(e);
    });
  });

  it('--trace, written as the run goes, holds every event of the full run, detail included, in order', () => {
    const out = join(testTempDir('krl-'), 'trace.jsonl');
    const r = runCli([file('consumer-unclean-truncation.json'), '--trace', out, '--json']);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const full = traceEvents(runScenario(example('consumer-unclean-truncation.json')).ctx.trace);
    expect(lines).toEqual(full.map(traceLine));
    expect(lines.some((l) => l.includes('"type":"omitted"'))).toBe(false);
  });

  it('compacting settled log batches as the run goes changes nothing in it, truncations after it included', () => {
    const s = example('consumer-unclean-truncation.json');
    const plain = runScenario(s);
    const sim = new Simulation(s);
    const cursor: LogCursor = new Map();
    let compacted = 0;
    for (let t = 0; t < s.until; ) {
      t = Math.min(s.until, t + 500);
      sim.runUntil(t);
      compacted += compactSettledBatches(sim.ctx, cursor);
    }
    // Log batches are written exact-size and frozen (their history kept apart): nothing is left to compact.
    expect(compacted).toBe(0);
    for (const br of sim.ctx.brokers) for (const r of br.replicas.values()) for (const b of batchesOf(r, sim.ctx.batches)) expect(Object.isFrozen(b) && Object.isFrozen(b.pb.msgs)).toBe(true);
    expect(JSON.stringify(traceEvents(sim.ctx.trace))).toBe(JSON.stringify(traceEvents(plain.ctx.trace)));
    expect(check(sim.ctx, { stories: true })).toEqual(check(plain.ctx, { stories: true }));
  });

  it('a timeline that let detail events go still seeks back and forward to the uninterrupted run', () => {
    const raw = { ...(BUSY as unknown as RawScenario), until: 60_000 };
    const straight = new Timeline(raw);
    straight.advanceTo(40_000);
    const tl = new Timeline(raw);
    tl.advanceTo(30_000);
    tl.checkpoints.retainDetail(tl.sim, tl.sim.ctx.trace.length, 1000, 1000);
    tl.advanceTo(40_000);
    tl.checkpoints.retainDetail(tl.sim, tl.sim.ctx.trace.length, 1000, 1000);
    const trace = traceEvents(tl.sim.ctx.trace);
    const omitted = trace.filter((e) => e === OMITTED).length;
    expect(omitted).toBeGreaterThan(10_000);
    tl.seek(20_000);
    tl.checkpoints.retainDetail(tl.sim, tl.sim.ctx.trace.length, 1000, 1000);
    tl.seek(40_000);
    const a = traceEvents(straight.sim.ctx.trace);
    const b = traceEvents(tl.sim.ctx.trace);
    expect(b).toHaveLength(a.length);
    // Every event is the uninterrupted run's, or (a detail one it had let go) omitted.
    const differ = a.findIndex((e, i) => b[i] !== OMITTED && JSON.stringify(b[i]) !== JSON.stringify(e));
    expect(differ).toBe(-1);
    expect(b.filter((e) => e === OMITTED).length).toBeGreaterThanOrEqual(omitted);
    expect(check(tl.sim.ctx, { stories: true })).toEqual(check(straight.sim.ctx, { stories: true }));
  });

  it('a checkpoint of a busy run keeps no queued timer that can never fire, shares an unchanged bucket with the next one, and its restore runs on to the uninterrupted run', () => {
    const s = parseScenario({ ...(BUSY as object), until: 30_000 });
    const straight = new Simulation(s);
    straight.runUntil(30_000);
    const sim = new Simulation(s);
    sim.runUntil(20_000);
    const queued = [...sim.ctx.queue.far.values()].flat();
    const dead = queued.filter((e) => deadForever(sim.ctx, e)).length;
    // The controller's tick sweeps most dead timers out (the next test); some died since the last sweep.
    expect(dead).toBeGreaterThan(0);
    const cp = takeCheckpoint(sim);
    const kept = [...cp.state.queue.far.values()].flatMap(keptEvents);
    expect(kept).toHaveLength(queued.length - dead);
    expect(kept.some((e) => deadForever(sim.ctx, e))).toBe(false);
    // Nothing ran: every bucket is the one the first checkpoint kept.
    const again = takeCheckpoint(sim);
    for (const [w, b] of cp.state.queue.far) expect(again.state.queue.far.get(w)).toBe(b);
    sim.runUntil(30_000);
    restoreCheckpoint(sim, cp, sim.ctx.trace);
    sim.runUntil(30_000);
    expect(JSON.stringify(traceEvents(sim.ctx.trace))).toBe(JSON.stringify(traceEvents(straight.ctx.trace)));
    expect(buildReport(sim.ctx, { name: s.name, seed: s.seed, until: s.until })).toEqual(buildReport(straight.ctx, { name: s.name, seed: s.seed, until: s.until }));
  });

  it('a timeout answered early leaves the queue within about a second, not when its window comes 30 s later', () => {
    const sim = new Simulation(parseScenario({ ...(BUSY as object), until: 30_000 }));
    sim.runUntil(20_000);
    const queued = [...sim.ctx.queue.far.values()].flat();
    const timeouts = queued.filter((e) => e.k === 'timer' && (e.body.type === 'fetch-timeout' || e.body.type === 'request-timeout'));
    // A follower fetches and a producer sends many times a second, each with a 30 s timeout: thousands were set in the last 30 s.
    // Only those of the last moments (still in flight, or answered since the last sweep) are still queued.
    expect(timeouts.length).toBeGreaterThan(0);
    expect(timeouts.length).toBeLessThan(200);
    expect(queued.filter((e) => deadForever(sim.ctx, e)).length).toBeLessThan(100);
  });
});
