/**
 * Runs a lesson headless, as the lab's player does in the browser: to each
 * step's trigger, then the step's actions, the way the engine host applies the
 * same commands (LabHost.act: inject a fault now, or plan and apply a config
 * change); then on to the scenario's end. Returns when each step was reached
 * and whether every claim held. Pure: no DOM, no clock.
 */
import { Simulation } from '../engine/sim/simulation.ts';
import { parseScenario } from '../engine/scenario/scenario.ts';
import { check } from '../engine/checker/checker.ts';
import { applyChange, planChange, withSpareMembers, type RawScenario } from '../engine/config/liveConfig.ts';
import { matchesTrace } from '../engine/checker/traceMatch.ts';
import type { ExpectationResult } from '../engine/checker/expectations.ts';
import type { Fault } from '../engine/core/faults.ts';
import { flatCounts, judge, type Counts } from './claims.ts';
import type { Lesson, LessonAction } from './types.ts';
import { traceAt } from '../engine/core/traceLog.ts';

export interface StepRun {
  /** Simulated ms at which the step was reached. */
  t: number;
  counts: Counts;
  expectations: ExpectationResult[];
}

export interface LessonRun {
  steps: StepRun[];
  counts: Counts;
  expectations: ExpectationResult[];
  sim: Simulation;
}

/** Applies one step action to a running simulation; returns the scenario JSON after it. Throws on a change the lab could not make live. */
export function applyAction(sim: Simulation, raw: RawScenario, a: LessonAction): RawScenario {
  const t = sim.now;
  // A comparison is a second run beside this one (variantRun); this run goes on unchanged.
  if (a.type === 'compare') return raw;
  if (a.type === 'fault') {
    sim.inject(a.fault as Fault);
    sim.runUntil(t);
    return raw;
  }
  const plan = planChange(raw, a.change);
  if (!plan.ok) throw new Error(`${plan.where}: ${plan.reason}`);
  if (plan.mode === 'new-run') throw new Error(`${a.change.key}: starts a new run; a lesson step can only make live changes`);
  applyChange(sim.ctx, a.change, plan.raw);
  sim.runUntil(t);
  return plan.raw;
}

export function runLesson(lesson: Lesson, scenario: RawScenario): LessonRun {
  let raw = withSpareMembers(scenario);
  const parsed = parseScenario(raw);
  const sim = new Simulation(parsed);
  const steps: StepRun[] = [];
  const byId = new Map<string, Counts>();
  let prev = 0;
  lesson.steps.forEach((step, i) => {
    const where = `${lesson.id} step ${i + 1}`;
    const trig = step.trigger;
    if ('at' in trig) {
      if (trig.at < prev) throw new Error(`${where}: at ${trig.at} is before the previous step (${prev})`);
      sim.runUntil(trig.at);
    } else {
      const trace = sim.ctx.trace;
      let seen = trace.length;
      let hit = false;
      while (!hit) {
        const n = sim.nextEventTime();
        if (n === undefined || n > parsed.until) throw new Error(`${where}: no ${JSON.stringify(trig.event)} after ${prev} ms`);
        sim.runUntil(Math.max(n, sim.now + 1));
        for (; seen < trace.length && !hit; seen++) hit = traceAt(trace, seen)!.t > prev && matchesTrace(traceAt(trace, seen)!, trig.event);
      }
    }
    const t = sim.now;
    for (const a of step.actions ?? []) raw = applyAction(sim, raw, a);
    const counts = flatCounts(check(sim.ctx, { stories: false, maxAnomalies: 0 }).summary);
    const before = step.since !== undefined ? byId.get(step.since) : undefined;
    if (step.since !== undefined && !before) throw new Error(`${where}: since "${step.since}" names no earlier step`);
    steps.push({ t, counts, expectations: step.expect ? judge(step.expect, counts, before) : [] });
    if (step.id) byId.set(step.id, counts);
    prev = t;
  });
  sim.runUntil(parsed.until);
  const counts = flatCounts(check(sim.ctx, { stories: false, maxAnomalies: 0 }).summary);
  return { steps, counts, expectations: judge(lesson.expect, counts), sim };
}
