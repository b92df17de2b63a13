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
import type { Lesson } from '../../src/lessons/types.ts';
import type { RawScenario } from '../../src/engine/liveConfig.ts';
import { parseScenario } from '../../src/engine/scenario.ts';
import { LabHost } from '../../src/timeline/host.ts';
import type { Command, HostEvent, Update } from '../../src/timeline/protocol.ts';
import type { Summary } from '../../src/engine/checker.ts';

const scenarioOf = (l: Lesson): RawScenario =>
  'file' in l.scenario ? (JSON.parse(readFileSync(join(import.meta.dirname, '../../public/scenarios', String(l.scenario.file)), 'utf8')) as RawScenario) : l.scenario;

const cjk = /[\u4e00-\u9fff]/;

describe('lessons', () => {
  it('cover replication, acks, durability, idempotence, ordering, consumer commits and rebalances, each with a unique id', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(5);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    const ids = LESSONS.map((l) => l.id).join(' ');
    for (const w of ['replication', 'acks', 'fsync', 'idempotence', 'reorder', 'auto-commit', 'rebalance']) expect(ids).toContain(w);
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
    const elected = run.sim.ctx.trace.find((e) => e.type === 'leader-elected' && e.t > run.steps[i - 1].t);
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
      for (const a of s.actions ?? []) send(a.type === 'fault' ? { type: 'fault', fault: a.fault } : { type: 'config', change: a.change });
    });
    expect(errors).toEqual([]);
    expect(times).toEqual(expected.steps.map((s) => s.t));
    playTo({ type: 'pause-at', t: parseScenario(raw).until });
    const s = summary as unknown as Summary;
    for (const k of ['produced', 'acked', 'committed', 'lostAcked', 'lostUnacked', 'duplicated', 'reordered', 'processed', 'processedTwice', 'lostAfterBroker'] as const) expect([k, s[k]]).toEqual([k, expected.counts[k]]);
  });
});
