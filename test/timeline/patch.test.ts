/**
 * What crosses to the view (src/timeline/patch.ts) and how the view merges it
 * (mergeSnapshot in src/state/labStore.ts): replicas' cells go as deltas
 * against the cells the view holds, and the view rebuilds exactly the logs a
 * full snapshot shows. Structured-cloned like a worker's messages.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LabHost } from '../../src/timeline/host.ts';
import { cellsPatch } from '../../src/timeline/patch.ts';
import { createLabStore, mergeSnapshot } from '../../src/state/labStore.ts';
import type { HostEvent, Update } from '../../src/timeline/protocol.ts';
import type { CellSnap, LabSnapshot } from '../../src/engine/checker/snapshot.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../public/scenarios/${name}`, import.meta.url), 'utf8')) as RawScenario;

/** A host driven frame by frame at 1x with a fake clock, its updates merged as the view merges them. */
function viewOf(raw: RawScenario) {
  let clock = 0;
  let view: LabSnapshot | null = null;
  const updates: Update[] = [];
  const host = new LabHost((e: HostEvent) => {
    if (e.type !== 'update') return;
    const u = structuredClone(e);
    updates.push(u);
    view = mergeSnapshot(view, u.snapshot);
  }, () => clock);
  host.handle({ type: 'load', scenario: raw });
  return {
    host,
    updates,
    view: () => view!,
    frames(n: number) {
      for (let i = 0; i < n; i++) host.handle({ type: 'frame', wallMs: (clock += 16) });
    },
  };
}

const cell = (o: number, d = false): CellSnap => ({ o, k: o % 3, m: 100 + o, e: 1, d });

describe('replica cells cross as deltas', () => {
  it('a log that grew sends its new cells and how many held ones to keep', () => {
    const held = Array.from({ length: 48 }, (_, i) => cell(i));
    const now = Array.from({ length: 48 }, (_, i) => cell(i + 5));
    expect(cellsPatch(now, held)).toEqual({ cells: now.slice(43), keep: [5, 43] });
  });

  it('cells that changed (flushed to disk) are sent again from the first change', () => {
    const held = Array.from({ length: 20 }, (_, i) => cell(i));
    const now = Array.from({ length: 20 }, (_, i) => cell(i, i < 12));
    expect(cellsPatch(now, held)).toEqual({ cells: now });
    const later = Array.from({ length: 20 }, (_, i) => cell(i, i < 15));
    expect(cellsPatch(later, now)).toEqual({ cells: later.slice(12), keep: [0, 12] });
  });

  it('a truncated log (new records at offsets the view held others at) is sent whole', () => {
    const held = Array.from({ length: 30 }, (_, i) => cell(i));
    const now = [...held.slice(0, 5), ...Array.from({ length: 25 }, (_, i) => ({ ...cell(i + 5), m: 900 + i }))];
    expect(cellsPatch(now, held)).toEqual({ cells: now });
  });

  it('playing the large cluster, the view rebuilds every replica exactly as a full snapshot at the same moment shows it', () => {
    const raw = example('large-cluster.json');
    const played = viewOf(raw);
    played.host.handle({ type: 'play' });
    played.frames(400);
    played.host.handle({ type: 'pause' });
    const t = played.view().t;
    const kept = played.updates.slice(1).flatMap((u) => u.snapshot.partitions ?? []).flatMap((p) => p?.replicas ?? []).filter((r) => r.keep).length;
    expect(kept).toBeGreaterThan(100);
    // The same moment reached by a seek on a fresh host: its updates carry whole cells (nothing was held before).
    const sought = viewOf(raw);
    sought.host.handle({ type: 'goto', t });
    expect(sought.view().t).toBe(t);
    expect(played.view().partitions).toEqual(sought.view().partitions);
  });
});

describe('the counts cross up to date', () => {
  it('at t=0, once the first records are sent, Sent counts them as the producer line does (events at one instant are read too)', () => {
    const lab = viewOf(example('acks1-failover.json'));
    // Step: the next instant with events is t=0 itself (the producer's first sends).
    lab.host.handle({ type: 'step' });
    lab.frames(2);
    const v = lab.view();
    expect(v.t).toBe(0);
    const sent = v.producers.reduce((n, p) => n + p.sent, 0);
    expect(sent).toBeGreaterThan(0);
    expect(v.summary.produced).toBe(sent);
  });
});

describe('an answer to the user crosses whole and is shown at once', () => {
  it('a crash while playing: its update brings every piece up to date, and the text snapshot is that update, not a throttled one', () => {
    let wall = 0;
    const store = createLabStore(() => {}, 'en', () => wall);
    const lab = viewOf(example('acks1-failover.json'));
    const fed = (from: number) => {
      for (const u of lab.updates.slice(from)) {
        wall += 16;
        store.getState().receive(u);
      }
    };
    fed(0);
    lab.host.handle({ type: 'play' });
    const playing = lab.updates.length;
    lab.frames(40);
    const frames = lab.updates.slice(playing);
    fed(playing - 1);
    // Frames while playing take turns: some lack the counts, and none claims to answer anything.
    expect(frames.some((u) => u.snapshot.summary === undefined)).toBe(true);
    expect(frames.every((u) => u.answers === undefined)).toBe(true);
    // And the store's text lags the live snapshot on the frames between refreshes.
    expect(store.getState().textSnap!.t).toBeLessThanOrEqual(store.getState().snap!.t);

    const before = lab.updates.length;
    lab.host.handle({ type: 'fault', fault: { type: 'crash', broker: 1 } });
    const answer = lab.updates.slice(before);
    expect(answer).toHaveLength(1);
    expect(answer[0].answers).toBe('fault');
    expect(answer[0].playing).toBe(true);
    // Every piece is current: pausing (which sends whatever the view lacks) changes nothing it shows.
    const answered = structuredClone(lab.view());
    lab.host.handle({ type: 'pause' });
    expect(lab.view()).toEqual(answered);
    wall += 1; // well within the text throttle's interval: only the flag can make it exact
    store.getState().receive(answer[0]);
    expect(store.getState().textSnap).toBe(store.getState().snap);
  });
});
