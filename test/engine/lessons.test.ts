/**
 * Every lesson doubles as a regression test: its scenario runs headless with
 * each step's actions applied where the step is reached, and every claim the
 * narration makes (per step and for the whole run) must hold. The lab's engine
 * host, driven with the commands the lesson player sends (play, pause-at,
 * fault, config), must stop at the same moments and end with the same counts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LESSONS } from '../../src/lessons/index.ts';
import { runLesson } from '../../src/lessons/runLesson.ts';
import { LESSON_GROUPS, type Lesson } from '../../src/lessons/types.ts';
import { predictionRevealProblems, predictionShapeProblems } from '../../src/lessons/predictions.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { matchesTrace } from '../../src/engine/checker/traceMatch.ts';
import type { TraceEvent } from '../../src/engine/core/trace.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { variantRun } from '../../src/timeline/variant.ts';
import { LabHost } from '../../src/timeline/host.ts';
import type { Command, HostEvent, Update } from '../../src/timeline/protocol.ts';
import type { Summary } from '../../src/engine/checker/checker.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const scenarioOf = (l: Lesson): RawScenario =>
  'file' in l.scenario ? (JSON.parse(readFileSync(join(import.meta.dirname, '../../public/scenarios', String(l.scenario.file)), 'utf8')) as RawScenario) : l.scenario;

const cjk = /[\u4e00-\u9fff]/;

describe('lessons', () => {
  it('cover replication, acks, durability, idempotence, ordering, consumer commits and rebalances, each with a unique id', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(16);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    const ids = LESSONS.map((l) => l.id).join(' ');
    for (const w of ['replication', 'acks', 'fsync', 'idempotence', 'reorder', 'auto-commit', 'rebalance']) expect(ids).toContain(w);
    for (const w of ['acks-0-1-all', 'min-insync-replicas', 'unclean-leader-election', 'kip101', 'producer-callback', 'commit-before-after', 'killed-vs-closed', 'ordering-per-partition', 'backlog-lag', 'end-to-end']) expect(ids).toContain(w);
  });

  it('each lesson sits in one group of the index, and every group has lessons', () => {
    for (const l of LESSONS) expect(LESSON_GROUPS).toContain(l.group);
    // The list is in index order, so a lesson has the same number in the menu and in npm run lessons.
    expect(LESSONS.map((l) => LESSON_GROUPS.indexOf(l.group))).toEqual(LESSONS.map((l) => LESSON_GROUPS.indexOf(l.group)).sort((a, b) => a - b));
    for (const g of LESSON_GROUPS) expect([g, LESSONS.filter((l) => l.group === g).length]).not.toEqual([g, 0]);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s asks at least one prediction: 2 to 4 answers, exactly one correct, in English and Chinese', (_id, l) => {
    expect(predictionShapeProblems(l)).toEqual([]);
    expect(l.steps.filter((s) => s.predict).length).toBeGreaterThanOrEqual(1);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: after each prediction the run reveals its answer (a claim false when asked, true one or two steps later)', (_id, l) => {
    expect(predictionRevealProblems(l, runLesson(l, scenarioOf(l)))).toEqual([]);
  });

  it('a prediction followed by steps that claim nothing new is refused', () => {
    const l = LESSONS.find((x) => x.id === 'acks-failover')!;
    const i = l.steps.findIndex((s) => s.predict);
    const blunt: Lesson = { ...l, steps: l.steps.map((s, j) => (j === i + 1 || j === i + 2 ? { ...s, expect: undefined } : s)) };
    expect(predictionRevealProblems(blunt, runLesson(blunt, scenarioOf(blunt)))).toEqual([`acks-failover step ${i + 1}: neither of the next two steps makes a claim that changes from false to true after the prediction, or one about what followed it`]);
    // A claim judged since a step after the question says nothing about the answer.
    const idem = LESSONS.find((x) => x.id === 'retries-idempotence')!;
    const k = idem.steps.findIndex((s) => s.predict);
    const late: Lesson = { ...idem, steps: idem.steps.map((s, j) => (j === k + 1 ? { ...s, expect: undefined } : s)) };
    expect(predictionRevealProblems(late, runLesson(late, scenarioOf(late)))).toHaveLength(1);
    const two: Lesson = { ...l, steps: l.steps.map((s, j) => (j === i ? { ...s, predict: { ...s.predict!, answers: s.predict!.answers.map((a) => ({ ...a, correct: true })) } } : s)) };
    expect(predictionShapeProblems(two)).toEqual([`acks-failover step ${i + 1}: 3 correct answers (exactly 1 expected)`]);
  });

  it('no narration shows an internal event id', () => {
    for (const l of LESSONS)
      for (const s of l.steps) {
        const all = [s.text, s.predict?.question, s.predict?.why, ...(s.predict?.answers.map((a) => a.text) ?? [])].flatMap((t) => (t ? [t.en, t.zh] : []));
        for (const t of all) expect([l.id, t]).not.toEqual([l.id, expect.stringMatching(/\b(ev|event)[-_#]?\d+\b|#\d{2,}/)]);
      }
  });

  it('the kip101 lesson is right that leader-epoch truncation (Kafka 0.11+) loses nothing in the same run', () => {
    const raw = scenarioOf(LESSONS.find((x) => x.id === 'kip101-leader-epoch')!) as { cluster: { lab: Record<string, unknown> } };
    const run = (truncation: string) => {
      const sim = new Simulation(parseScenario({ ...raw, cluster: { ...raw.cluster, lab: { ...raw.cluster.lab, truncation } } }));
      sim.runUntil(parseScenario(raw as RawScenario).until);
      return check(sim.ctx, { stories: false, maxAnomalies: 0 }).summary.lostAcked;
    };
    expect(run('high-watermark')).toBeGreaterThan(0);
    expect(run('leader-epoch')).toBe(0);
  });

  it('the ELR lesson is right about its comparison and its limit: the same run under Kafka 4.0 loses acknowledged records by the election, and 4.1 does not save a power loss of every replica at once', () => {
    const l = LESSONS.find((x) => x.id === 'eligible-leader-replicas')!;
    const raw = scenarioOf(l);
    const step = l.steps.findIndex((s) => s.actions?.some((a) => a.type === 'compare'));
    const compare = l.steps[step].actions!.find((a) => a.type === 'compare')!;
    expect(compare).toEqual({ type: 'compare', change: { scope: 'cluster', key: 'kafkaVersion', value: '4.0' } });
    // The replay beside the lesson (variant.ts): from t=0 with Kafka 4.0, seen at the moment the step is reached.
    const at = runLesson(l, raw).steps[step].t;
    const variant = variantRun({ raw, log: [] }, compare.change);
    if (!variant.ok) throw new Error(variant.reason);
    const sim = new Simulation(parseScenario(variant.run.raw));
    sim.runUntil(at);
    const elected = traceEvents(sim.ctx.trace).find((e) => e.type === 'leader-elected' && e.partition === 'orders-0' && e.t > 5000) as unknown as { leader: number; t: number } | undefined;
    expect(elected).toMatchObject({ leader: 1, t: 16001 });
    expect(check(sim.ctx, { stories: false, maxAnomalies: 0 }).summary.lostAcked).toBeGreaterThan(0);
    // The last step: every replica losing power together leaves no ELR member (each one's shutdown was unclean).
    const all = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/scenarios/power-loss-all.json'), 'utf8')) as { cluster: Record<string, unknown> };
    const lost = (kafkaVersion: string) => {
      const s = new Simulation(parseScenario({ ...all, cluster: { ...all.cluster, kafkaVersion } }));
      s.runUntil(parseScenario(all as RawScenario).until);
      return { lostAcked: check(s.ctx, { stories: false, maxAnomalies: 0 }).summary.lostAcked, lastKnown: traceEvents(s.ctx.trace).some((e) => e.type === 'leader-elected' && (e as unknown as { how?: string }).how === 'last-known-leader') };
    };
    expect(lost('4.1').lostAcked).toBeGreaterThan(0);
    expect(lost('4.1').lastKnown).toBe(true);
    expect(lost('4.1').lostAcked).toBe(lost('4.0').lostAcked);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: narrated in English and Chinese, steps in order', (_id, l) => {
    expect(() => parseScenario(scenarioOf(l))).not.toThrow();
    for (const t of [l.title, l.summary, ...l.steps.map((s) => s.text)]) {
      expect(t.en.trim().length).toBeGreaterThan(10);
      expect(t.zh).toMatch(cjk);
    }
    expect(l.steps.length).toBeGreaterThanOrEqual(4);
    expect(l.steps[0].trigger).toEqual({ at: 0 });
    expect(l.steps[0].actions ?? []).toEqual([]);
    expect(Object.keys(l.expect).length).toBeGreaterThan(0);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s shows what its narration claims', (_id, l) => {
    const run = runLesson(l, scenarioOf(l));
    for (let i = 1; i < run.steps.length; i++) expect(run.steps[i].t).toBeGreaterThanOrEqual(run.steps[i - 1].t);
    run.steps.forEach((s, i) => expect({ step: i + 1, failed: s.expectations.filter((e) => !e.ok) }).toEqual({ step: i + 1, failed: [] }));
    expect(run.expectations.filter((e) => !e.ok)).toEqual([]);
  });

  it('a step triggered by a trace event is reached when that event happens (acks lesson: the election after the crash)', () => {
    const l = LESSONS.find((x) => x.id === 'acks-failover')!;
    const run = runLesson(l, scenarioOf(l));
    const i = l.steps.findIndex((s) => 'event' in s.trigger);
    const elected = traceEvents(run.sim.ctx.trace).find((e) => e.type === 'leader-elected' && e.t > run.steps[i - 1].t);
    expect(elected?.t).toBe(run.steps[i].t);
    expect(run.steps[i].counts.lostAcked).toBeGreaterThan(0);
    expect(run.steps[i - 1].counts.lostAcked).toBe(0);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: the engine host, driven as the lesson player drives it, stops at the same moments with the same counts', (_id, l) => {
    const raw = scenarioOf(l);
    const expected = runLesson(l, raw);
    let wall = 0;
    let last: Update | null = null;
    let summary: Summary | null = null;
    const errors: string[] = [];
    const host = new LabHost(
      (e: HostEvent) => {
        if (e.type === 'update') {
          last = e;
          if (e.snapshot.summary) summary = e.snapshot.summary as unknown as Summary;
        }
        if (e.type === 'error') errors.push(`${e.where}: ${e.reason}`);
      },
      () => wall,
    );
    const send = (c: Command) => host.handle(c);
    const playTo = (pause: Command) => {
      send({ type: 'play' });
      send(pause);
      for (let n = 0; last!.playing && n < 100000; n++) {
        wall += 50;
        send({ type: 'frame', wallMs: wall });
      }
      return last!.snapshot.t;
    };
    send({ type: 'load', scenario: raw });
    send({ type: 'speed', speed: 20 });
    const times: number[] = [];
    l.steps.forEach((s, i) => {
      const after = times[i - 1] ?? -1;
      const t = playTo('at' in s.trigger ? { type: 'pause-at', t: s.trigger.at } : { type: 'pause-at', t: null, event: s.trigger.event, after });
      times.push(t);
      for (const a of s.actions ?? []) if (a.type !== 'compare') send(a.type === 'fault' ? { type: 'fault', fault: a.fault } : { type: 'config', change: a.change });
    });
    expect(errors).toEqual([]);
    expect(times).toEqual(expected.steps.map((s) => s.t));
    playTo({ type: 'pause-at', t: parseScenario(raw).until });
    const s = summary as unknown as Summary;
    for (const k of ['produced', 'acked', 'committed', 'lostAcked', 'lostUnacked', 'duplicated', 'reordered', 'processed', 'processedTwice', 'lostAfterBroker'] as const) expect([k, s[k]]).toEqual([k, expected.counts[k]]);
  });
  it('a trigger can name an event argument with a dotted key (backlog lesson: the stop where c4 joins with no partition)', () => {
    const e = { t: 5, type: 'consumer', consumer: 'c1', group: 'reports', what: 'stable', args: { members: 'c1=[orders-0] c4=[]', generation: 4 } } as unknown as TraceEvent;
    expect(matchesTrace(e, { type: 'consumer', what: 'stable', 'args.members': 'c1=[orders-0] c4=[]' })).toBe(true);
    expect(matchesTrace(e, { type: 'consumer', 'args.generation': 4 })).toBe(true);
    expect(matchesTrace(e, { type: 'consumer', 'args.members': 'c1=[orders-0]' })).toBe(false);
    expect(matchesTrace(e, { type: 'consumer', 'args.members.length': 5 })).toBe(false);
    const l = LESSONS.find((x) => x.id === 'backlog-lag')!;
    const run = runLesson(l, scenarioOf(l));
    const i = l.steps.findIndex((s) => 'event' in s.trigger && String(s.trigger.event['args.members']).endsWith('c4=[]'));
    const hit = traceEvents(run.sim.ctx.trace).find((x) => x.t === run.steps[i].t && x.type === 'consumer' && x.what === 'stable');
    expect((hit as { args?: Record<string, unknown> } | undefined)?.args?.members).toBe('c1=[orders-0] c2=[orders-1] c3=[orders-2] c4=[]');
  });
});
