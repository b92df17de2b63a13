/**
 * Replay with one change (src/timeline/variant.ts): the same seed and the same
 * command log, one setting changed from t=0, replayed by a second engine host
 * kept at the first one's time with 'goto'.
 */
import { describe, expect, it } from 'vitest';
import { LabHost } from '../../src/timeline/host.ts';
import { variantRun } from '../../src/timeline/variant.ts';
import type { Command, HostEvent, RunRecord, Update } from '../../src/timeline/protocol.ts';
import type { Summary } from '../../src/engine/checker/checker.ts';
import { lessonById } from '../../src/lessons/index.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';

function host() {
  let last: Update | null = null;
  let summary: Summary | null = null;
  let run: RunRecord | null = null;
  const errors: string[] = [];
  const h = new LabHost(
    (e: HostEvent) => {
      if (e.type === 'update') {
        last = e;
        if (e.snapshot.summary) summary = e.snapshot.summary as unknown as Summary;
        if (e.run) run = e.run;
      }
      if (e.type === 'error') errors.push(`${e.where}: ${e.reason}`);
    },
    () => 0,
  );
  return { send: (c: Command) => h.handle(c), t: () => last!.snapshot.t, summary: () => summary!, run: () => run!, errors };
}

const acksScenario = lessonById('acks-failover')!.scenario as RawScenario;

/** The acks lesson's crash by hand: leader killed at 6 s, back at 20 s. */
function acksOneRun() {
  const a = host();
  a.send({ type: 'load', scenario: acksScenario });
  a.send({ type: 'goto', t: 6000 });
  a.send({ type: 'fault', fault: { type: 'crash', broker: { leaderOf: 'orders-0' } } });
  a.send({ type: 'goto', t: 20000 });
  a.send({ type: 'fault', fault: { type: 'restart', broker: 1 } });
  a.send({ type: 'goto', t: 25000 });
  return a;
}

describe('replay with one change', () => {
  it('acks=1 failover loses acknowledged records; the same seed and faults with acks=all lose none, at the same simulated time', () => {
    const a = acksOneRun();
    expect(a.summary().lostAcked).toBeGreaterThan(0);
    const v = variantRun(a.run(), { scope: 'producer', producer: 'p1', key: 'acks', value: 'all' });
    if (!v.ok) throw new Error(v.reason);
    expect(v.run.log.map((e) => e.t)).toEqual([6000, 20000]);
    const b = host();
    b.send({ type: 'restore', run: v.run, t: a.t(), speed: 1 });
    expect(b.t()).toBe(25000);
    expect(b.summary().lostAcked).toBe(0);
    expect(b.summary().acked).toBeGreaterThan(0);
    expect([a.errors, b.errors]).toEqual([[], []]);
  });

  it('the acks lesson\'s comparison step is that moment: its faults at 6 s and 20 s, the comparison at 25 s with acks=all', () => {
    const steps = lessonById('acks-failover')!.steps;
    const i = steps.findIndex((x) => x.actions?.some((a) => a.type === 'compare'));
    expect(steps[i].trigger).toEqual({ at: 25000 });
    expect(steps[i].actions).toEqual([{ type: 'compare', change: { scope: 'producer', producer: 'p1', key: 'acks', value: 'all' } }]);
    const faults = steps.slice(0, i).flatMap((x) => (x.actions ?? []).map((a) => ['at' in x.trigger ? x.trigger.at : 'event', a]));
    expect(faults).toEqual([
      [6000, { type: 'fault', fault: { type: 'crash', broker: { leaderOf: 'orders-0' } } }],
      [20000, { type: 'fault', fault: { type: 'restart', broker: 1 } }],
    ]);
  });

  it('goto moves a follower back and forth and past its horizon, reaching the same counts as playing there', () => {
    const a = acksOneRun();
    const v = variantRun(a.run(), { scope: 'producer', producer: 'p1', key: 'acks', value: 'all' });
    if (!v.ok) throw new Error(v.reason);
    const b = host();
    b.send({ type: 'restore', run: v.run, t: 0, speed: 1 });
    b.send({ type: 'goto', t: 25000 });
    const at25 = b.summary();
    b.send({ type: 'goto', t: 4000 });
    expect(b.t()).toBe(4000);
    b.send({ type: 'goto', t: 25000 });
    expect(b.t()).toBe(25000);
    expect(b.summary()).toEqual(at25);
  });

  it('a logged change of the compared setting is dropped; other changes are planned over the changed scenario', () => {
    const run: RunRecord = {
      raw: acksScenario,
      log: [
        { t: 1000, change: { scope: 'producer', producer: 'p1', key: 'acks', value: 0 }, raw: {} },
        { t: 2000, change: { scope: 'topic', topic: 'orders', key: 'min.insync.replicas', value: 2 }, raw: {} },
      ],
    };
    const v = variantRun(run, { scope: 'producer', producer: 'p1', key: 'acks', value: 'all' });
    if (!v.ok) throw new Error(v.reason);
    expect(v.run.log.map((e) => e.t)).toEqual([2000]);
    const raw = v.run.log[0].raw as { producers: { config: Record<string, unknown> }[]; topics: { config: Record<string, unknown> }[] };
    expect(raw.producers[0].config.acks).toBe('all');
    expect(raw.topics[0].config['min.insync.replicas']).toBe(2);
  });

  it('a change Kafka would refuse is refused with its reason, naming the setting', () => {
    const v = variantRun({ raw: acksScenario, log: [] }, { scope: 'producer', producer: 'p1', key: 'acks', value: 7 });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.where).toContain('acks');
  });
});
