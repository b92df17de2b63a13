/**
 * The timeline (src/timeline/timeline.ts) in Node: seek is deterministic
 * replay (the state after a seek is the uninterrupted run's, byte for byte),
 * acting after a seek back forks the future, pause-at reports where it
 * stopped, and the host's maximum speed stays within its budget of an
 * injected clock and jumps over idle stretches. The host's observer, restored beside a checkpoint, still
 * equals the full checker after any seek.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Timeline } from '../../src/timeline/timeline.ts';
import { LabHost } from '../../src/timeline/host.ts';
import { pauseRule } from '../../src/timeline/pauseAt.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';
import { MAX_SPEED, type HostEvent, type Update } from '../../src/timeline/protocol.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';
import { createHash } from 'node:crypto';
import { traceAt, traceEvents } from '../../src/engine/core/traceLog.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { withSpareMembers } from '../../src/engine/config/liveConfig.ts';
import { restores } from '../../src/engine/core/restores.ts';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../public/scenarios/${name}`, import.meta.url), 'utf8')) as RawScenario;
/** The time, a hash of the whole trace, and the checker's counts (a failure prints the counts, not megabytes of trace). */
const digest = (tl: Timeline) => ({ t: tl.now, trace: createHash('sha256').update(JSON.stringify(traceEvents(tl.sim.ctx.trace))).digest('hex'), summary: check(tl.sim.ctx, { stories: false }).summary });

describe('the timeline', () => {
  it('a seek back or forward reaches the state of the uninterrupted run, byte for byte, commands included', () => {
    const raw = { ...(BUSY as unknown as RawScenario), until: 40_000 };
    const straight = new Timeline(raw);
    straight.advanceTo(8000);
    straight.act({ fault: { type: 'crash', broker: 2 } });
    const want = new Map<number, ReturnType<typeof digest>>();
    for (const t of [9000, 12_500, 20_000, 30_000]) {
      straight.advanceTo(t);
      want.set(t, digest(straight));
    }
    const tl = new Timeline(raw);
    tl.advanceTo(8000);
    tl.act({ fault: { type: 'crash', broker: 2 } });
    tl.advanceTo(30_000);
    for (const t of [12_500, 9000, 30_000, 20_000, 9000]) {
      tl.seek(t);
      expect(digest(tl)).toEqual(want.get(t));
    }
  });

  it('the restores a timeline rehearses while it plays (at 10 s and 40 s) change nothing: its trace and counts are the bare engine\'s, then and after', () => {
    const raw = { ...(BUSY as unknown as RawScenario), until: 60_000 };
    const tl = new Timeline(raw);
    const sim = new Simulation(parseScenario(withSpareMembers(raw)));
    const bare = () => ({ t: sim.now, trace: createHash('sha256').update(JSON.stringify(traceEvents(sim.ctx.trace))).digest('hex'), summary: check(sim.ctx, { stories: false }).summary });
    const before = restores();
    tl.advanceTo(9000);
    expect(restores()).toBe(before);
    for (const t of [45_000, 60_000]) {
      tl.advanceTo(t);
      sim.runUntil(t);
      expect(digest(tl)).toEqual(bare());
    }
    // Two rehearsals, each a restore of an earlier checkpoint and then of the one just taken.
    expect(restores() - before).toBe(4);
  });

  it('acting after a seek back forks the future: the later commands are forgotten and the horizon is now', () => {
    const tl = new Timeline(example('acks1-failover.json'));
    tl.advanceTo(2000);
    tl.act({ fault: { type: 'crash', broker: 1 } });
    tl.advanceTo(6000);
    tl.act({ fault: { type: 'restart', broker: 1 } });
    tl.advanceTo(9000);
    expect(tl.log.times()).toEqual([2000, 6000]);
    tl.seek(4000);
    expect(tl.act({ fault: { type: 'crash', broker: 2 } })).toBe(true);
    expect(tl.log.times()).toEqual([2000, 4000]);
    expect(tl.horizon).toBe(4000);
    tl.advanceTo(9000);
    // The same as a run given those two commands from the start.
    const fresh = new Timeline(example('acks1-failover.json'), {}, tl.record().log);
    fresh.advanceTo(9000);
    expect(digest(fresh)).toEqual(digest(tl));
  });

  it('pause-at an event stops right after the moment of the first match later than `after`, and reports its trace index', () => {
    const tl = new Timeline(example('acks1-failover.json'));
    const stop = tl.playTo(60_000, pauseRule(null, { type: 'leader-elected' }, 0));
    expect(stop?.reason).toBe('event');
    const e = traceAt(tl.sim.ctx.trace, stop!.index!)!;
    expect(e.type).toBe('leader-elected');
    expect(e.t).toBe(tl.now);
    expect(traceEvents(tl.sim.ctx.trace).slice(0, stop!.index).some((x) => x.type === 'leader-elected' && x.t > 0)).toBe(false);
    expect(tl.playTo(60_000, pauseRule(tl.now + 1234))).toEqual({ t: e.t + 1234, reason: 'time' });
  });

  it('at maximum speed one frame simulates only while the injected clock is within its budget', () => {
    let wall = 0;
    let last: Update | null = null;
    // Each read of the clock moves it 1 ms: a 10 ms budget allows about ten steps of 20 simulated ms.
    const host = new LabHost((e: HostEvent) => e.type === 'update' && (last = e), () => (wall += 1));
    host.handle({ type: 'load', scenario: BUSY });
    host.handle({ type: 'speed', speed: MAX_SPEED });
    host.handle({ type: 'play' });
    host.handle({ type: 'frame', wallMs: 0 });
    const t = last!.snapshot.t;
    expect(t).toBeGreaterThan(0);
    expect(t).toBeLessThanOrEqual(20 * 12);
  });

  it('at maximum speed an idle stretch costs one step, not one per 20 ms: 8 simulated days of offset expiry reach their end in a bounded number of frames and pause exactly there', () => {
    let wall = 0;
    let last: Update | null = null;
    // The same injected clock: each read moves it 1 ms, so a frame allows about ten steps.
    const host = new LabHost((e: HostEvent) => e.type === 'update' && (last = e), () => (wall += 1));
    const raw = example('offset-expiry.json');
    host.handle({ type: 'load', scenario: raw });
    host.handle({ type: 'speed', speed: MAX_SPEED });
    host.handle({ type: 'play' });
    let frames = 0;
    for (; frames < 20_000 && (frames === 0 || last!.playing); frames++) host.handle({ type: 'frame', wallMs: frames * 16 });
    // 20 ms steps would need 34 million steps (millions of frames); the quiet days are jumped over.
    expect(frames).toBeLessThan(5_000);
    expect(last!.playing).toBe(false);
    expect(last!.snapshot.t).toBe(raw.until);
  });

  it('Play and a speed pressed before the scenario has loaded are no error: the run plays at that speed once it loads', () => {
    let wall = 0;
    let last: Update | null = null;
    const errors: string[] = [];
    const host = new LabHost((e: HostEvent) => {
      if (e.type === 'update') last = e;
      if (e.type === 'error') errors.push(e.reason);
    }, () => wall);
    host.handle({ type: 'speed', speed: 4 });
    host.handle({ type: 'play' });
    host.handle({ type: 'frame', wallMs: 0 });
    host.handle({ type: 'seek', t: 500 });
    expect(errors).toEqual([]);
    expect(last).toBeNull();
    host.handle({ type: 'load', scenario: { ...(BUSY as unknown as RawScenario), until: 30_000 } });
    expect(errors).toEqual([]);
    expect(last!.playing).toBe(false); // the seek after Play paused it, as it would have on a loaded run
    host.handle({ type: 'play' });
    for (wall = 1000; wall <= 1500; wall += 50) host.handle({ type: 'frame', wallMs: wall });
    // 500 ms of wall time after the first frame, at the speed chosen before the load (4×).
    expect(last!.snapshot.t).toBe(2000);
  });

  it("after any seek, the host's counts equal the full checker's (the observer kept beside each checkpoint)", () => {
    let wall = 0;
    let last: Update | null = null;
    const host = new LabHost((e: HostEvent) => e.type === 'update' && (last = e), () => (wall += 3));
    const raw = { ...(BUSY as unknown as RawScenario), until: 30_000 };
    host.handle({ type: 'load', scenario: raw });
    host.handle({ type: 'speed', speed: MAX_SPEED });
    host.handle({ type: 'play' });
    for (let i = 0; last!.playing && i < 100_000; i++) host.handle({ type: 'frame', wallMs: i * 16 });
    const oracle = new Timeline(raw);
    oracle.advanceTo(30_000);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 6 }), (ts) => {
        for (const t of ts) {
          host.handle({ type: 'seek', t });
          oracle.seek(t);
          const want = check(oracle.sim.ctx, { stories: false }).summary;
          const got = last!.snapshot.summary ?? null;
          if (got) expect({ t, lost: got.lostAcked, dup: got.duplicated, processed: got.processed, twice: got.processedTwice, acked: got.acked }).toEqual({ t, lost: want.lostAcked, dup: want.duplicated, processed: want.processed, twice: want.processedTwice, acked: want.acked });
          expect(last!.snapshot.t).toBe(t);
        }
      }),
      { numRuns: 8 },
    );
  });
});
