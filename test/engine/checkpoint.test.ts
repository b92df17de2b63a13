/**
 * Checkpoints (src/engine/sim/checkpoint.ts): restoring one and running on gives
 * exactly the run that never stopped: the same trace, byte for byte, and the
 * same checker result; the checkpoint can be restored again and again.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { restoreCheckpoint, restoreState, stateOf, takeCheckpoint } from '../../src/engine/sim/checkpoint.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../public/scenarios/${name}`, import.meta.url), 'utf8')) as unknown;

const digest = (sim: Simulation) => JSON.stringify({ trace: traceEvents(sim.ctx.trace), summary: check(sim.ctx, { stories: false, maxAnomalies: 50 }) });

describe('checkpoints', () => {
  for (const [name, raw, at, end] of [
    ['busy cluster with a consumer group', BUSY, 6000, 15000],
    ['consumer-autocommit-crash.json', example('consumer-autocommit-crash.json'), 13000, 40000],
    ['kip101-hw-truncation.json', example('kip101-hw-truncation.json'), 2000, 30000],
  ] as const) {
    it(`${name}: restoring a checkpoint taken at ${at} ms and running to ${end} ms gives the uninterrupted run`, () => {
      const straight = new Simulation(parseScenario(raw));
      straight.runUntil(end);
      const want = digest(straight);

      const sim = new Simulation(parseScenario(raw));
      sim.runUntil(at);
      const cp = takeCheckpoint(sim);
      sim.runUntil(end);
      expect(digest(sim)).toBe(want);
      const longest = sim.ctx.trace;
      // Back to the checkpoint from the end, twice: the checkpoint is not used up.
      for (let i = 0; i < 2; i++) {
        restoreCheckpoint(sim, cp, longest);
        expect(sim.now).toBe(at);
        sim.runUntil(end);
        expect(digest(sim)).toBe(want);
      }
    });
  }

  it('checkpoints restored one after another in a scrambled order (each restore writing into the state the last one left) each run on to the uninterrupted run', () => {
    const straight = new Simulation(parseScenario(BUSY));
    const want = new Map<number, string>();
    for (let t = 2000; t <= 9000; t += 500) {
      straight.runUntil(t + 300);
      want.set(t, digest(straight));
    }
    const sim = new Simulation(parseScenario(BUSY));
    const cps = [];
    for (let t = 2000; t <= 9000; t += 500) {
      sim.runUntil(t);
      cps.push(takeCheckpoint(sim));
    }
    sim.runUntil(9300);
    const longest = sim.ctx.trace;
    for (const i of [7, 14, 0, 9, 9, 3, 12, 5, 11, 1, 14, 6, 13, 2, 10, 4, 8, 0]) {
      restoreCheckpoint(sim, cps[i], longest);
      sim.runUntil(cps[i].t + 300);
      expect([cps[i].t, digest(sim)]).toEqual([cps[i].t, want.get(cps[i].t)]);
    }
  });

  it("the first checkpoint after a restore keeps the later windows' timers as the restored one did (the same frozen buckets), not each one again", () => {
    const sim = new Simulation(parseScenario(BUSY));
    sim.runUntil(20_000);
    const cp = takeCheckpoint(sim);
    sim.runUntil(21_000);
    restoreCheckpoint(sim, cp, sim.ctx.trace);
    const again = takeCheckpoint(sim);
    expect(again.state.queue.far.size).toBeGreaterThan(10);
    for (const [w, kept] of cp.state.queue.far) expect(again.state.queue.far.get(w)).toBe(kept);
  });

  it('the state is plain data: a structuredClone of it, put back, runs on to the uninterrupted run', () => {
    const raw = example('consumer-autocommit-crash.json');
    const straight = new Simulation(parseScenario(raw));
    straight.runUntil(30_000);
    const sim = new Simulation(parseScenario(raw));
    sim.runUntil(13_000);
    const saved = structuredClone(stateOf(sim.ctx)); // throws on a function or loses a class's prototype
    const trace = structuredClone(sim.ctx.trace);
    sim.runUntil(30_000);
    restoreState(sim, saved, trace);
    sim.runUntil(30_000);
    expect(digest(sim)).toBe(digest(straight));
  });

  it('an array in the state holds frozen values only or mutable ones only (the copy shares an array of frozen values whole)', () => {
    const sim = new Simulation(parseScenario(BUSY));
    sim.runUntil(20_000);
    const mixed: string[] = [];
    const walk = (v: unknown, path: string, seen: Set<object>): void => {
      if (v === null || typeof v !== 'object' || seen.has(v) || ArrayBuffer.isView(v)) return;
      seen.add(v);
      if (Array.isArray(v)) {
        const frozen = v.map((e) => typeof e === 'object' && e !== null && Object.isFrozen(e));
        if (frozen.length && frozen.some((f) => f !== frozen[0])) mixed.push(path);
        v.forEach((e, i) => walk(e, `${path}[${i}]`, seen));
      } else if (v instanceof Map) for (const [k, e] of v) walk(e, `${path}.get(${String(k)})`, seen);
      else if (v instanceof Set) for (const e of v) walk(e, `${path}{}`, seen);
      else if (!Object.isFrozen(v)) for (const [k, e] of Object.entries(v)) walk(e, `${path}.${k}`, seen);
    };
    walk(stateOf(sim.ctx), 'ctx', new Set());
    expect(mixed.slice(0, 5)).toEqual([]);
  });

  // core/sealed.ts seals what a timer's body holds, not the body: a restore may write into any live object no sealed event holds.
  const files = readdirSync(new URL('../../public/scenarios/', import.meta.url)).filter((f) => f.endsWith('.json')).sort();
  it.each(['the busy preset', ...files])(
    "%s: no queued timer's body stands in the state outside the queue (a restore could write into it, changing the timer every checkpoint shares)",
    (file) => {
      const scenario = parseScenario(file === 'the busy preset' ? { ...BUSY, until: 60_000 } : example(file));
      const sim = new Simulation(scenario);
      const until = scenario.until;
      const found: string[] = [];
      for (const f of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        sim.runUntil(Math.floor(f * until));
        const q = sim.ctx.queue;
        const bodies = new Set<object>();
        for (const e of [...q.heap, ...[...q.far.values()].flat()]) if (e.k === 'timer') bodies.add(e.body);
        const walk = (v: unknown, path: string, seen: Set<object>): void => {
          if (v === null || typeof v !== 'object' || seen.has(v) || ArrayBuffer.isView(v)) return;
          seen.add(v);
          if (bodies.has(v)) found.push(`${sim.now} ms: ${path}`);
          if (Array.isArray(v)) v.forEach((e, i) => walk(e, `${path}[${i}]`, seen));
          else if (v instanceof Map) for (const [k, e] of v) walk(e, `${path}.get(${String(k)})`, seen);
          else if (v instanceof Set) for (const e of v) walk(e, `${path}{}`, seen);
          else for (const [k, e] of Object.entries(v)) walk(e, `${path}.${k}`, seen);
        };
        const { queue: _q, ...rest } = stateOf(sim.ctx);
        walk(rest, 'ctx', new Set());
      }
      expect(found.slice(0, 5)).toEqual([]);
    },
  );
});
