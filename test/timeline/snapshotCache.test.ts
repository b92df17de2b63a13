/**
 * The host builds a snapshot every frame with a cache of the previous ones
 * (patch.ts): messages in flight read from the queue's far buckets only where
 * they grew (checker/inFlight.ts), removed records from the removals noted in
 * the trace so far (checker/removedRecords.ts). Whatever the run did in
 * between (played on, sought back or forward, forked), the cached snapshot
 * shows what a snapshot built from nothing shows.
 */
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../src/timeline/timeline.ts';
import { newSnapshotCache, snapshot } from '../../src/engine/checker/snapshot.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';
import { netEvents, newFlightMemo } from '../../src/engine/checker/inFlight.ts';
import { newQueue, pushEvent, queuedEvents, sweepFar } from '../../src/engine/core/eventQueue.ts';
import type { SimEvent } from '../../src/engine/core/context.ts';

/** The first `max` network events of a full scan of the queue (what the memo must give). */
const scanned = (q: ReturnType<typeof newQueue<SimEvent>>, max: number) => queuedEvents(q).filter((e) => e.k === 'net').slice(0, max);
const net = (t: number, i: number) => ({ t, seq: 0, k: 'net', from: 'p1', to: 'b1', sentAt: 0, body: { type: 'fetch', i } }) as unknown as SimEvent;
const timer = (t: number) => ({ t, seq: 0, k: 'timer', node: 'p1', inc: 0, body: { type: 'app-send' } }) as unknown as SimEvent;

describe('the snapshot cache', () => {
  it('messages in flight read from far buckets as they grow equal a full scan, also when the dead-timer sweep replaces bucket arrays and when a restore writes one over', () => {
    const q = newQueue<SimEvent>();
    const memo = newFlightMemo();
    for (let i = 0; i < 300; i++) {
      pushEvent(q, i % 7 === 0 ? net(1000 + (i % 5) * 300, i) : timer(1000 + (i % 5) * 300));
      if (i % 13 === 0) expect(netEvents(q, memo, 200)).toEqual(scanned(q, 200));
    }
    expect(netEvents(q, memo, 5)).toEqual(scanned(q, 5));
    // The dead-timer sweep puts new arrays in some windows' places; more events come after it.
    let n = 0;
    sweepFar(q, (e) => e.k === 'timer' && n++ % 3 === 0);
    expect(netEvents(q, memo, 200)).toEqual(scanned(q, 200));
    for (let i = 0; i < 40; i++) pushEvent(q, i % 3 === 0 ? net(1000 + (i % 5) * 300, 500 + i) : timer(1000 + (i % 5) * 300));
    expect(netEvents(q, memo, 200)).toEqual(scanned(q, 200));
    // A restore: a new Map of buckets, one array reused and written over with other events of the same length.
    const reused = [...q.far.values()][0];
    const other = reused.map((e, i) => (i % 2 ? net(e.t, 900 + i) : timer(e.t)));
    reused.splice(0, reused.length, ...other);
    q.far = new Map(q.far);
    expect(netEvents(q, memo, 200)).toEqual(scanned(q, 200));
  });

  it('a cached snapshot shows the same messages in flight and removed records as a fresh one, through play, seeks and a fork', () => {
    // Slow links put messages in far buckets; BUSY's power loss at 16 s removes records from broker 2.
    const raw = { ...(BUSY as unknown as RawScenario), until: 40_000, faults: [...BUSY.faults, { at: 2000, type: 'link', from: 'p1', to: 'b1', delayMs: 900 }] } as RawScenario;
    const tl = new Timeline(raw);
    const cache = newSnapshotCache();
    const same = (): void => {
      const cached = snapshot(tl.sim, {}, cache);
      const fresh = snapshot(tl.sim, {});
      expect(cached.flights, `flights at ${tl.now} ms`).toEqual(fresh.flights);
      expect(cached.partitions.map((p) => p.replicas.map((r) => r.removed)), `removed records at ${tl.now} ms`).toEqual(fresh.partitions.map((p) => p.replicas.map((r) => r.removed)));
      // And every replica's cells, offsets and leadership (the cache compares what each was built from, field by field).
      expect(cached.partitions, `partitions at ${tl.now} ms`).toEqual(fresh.partitions);
      expect(cached.brokers, `brokers at ${tl.now} ms`).toEqual(fresh.brokers);
    };
    let removedSeen = 0;
    let flightsSeen = 0;
    for (let t = 500; t <= 24_000; t += 350) {
      tl.advanceTo(t);
      same();
      const s = snapshot(tl.sim, {});
      removedSeen += s.partitions.reduce((n, p) => n + p.replicas.reduce((m, r) => m + r.removed.length, 0), 0);
      flightsSeen += s.flights.length;
    }
    // The run shows both (else this test would pin nothing).
    expect(removedSeen).toBeGreaterThan(0);
    expect(flightsSeen).toBeGreaterThan(0);
    for (const t of [17_000, 3000, 16_900, 23_000, 16_500, 9000]) {
      tl.seek(t);
      same();
      tl.advanceTo(t + 700);
      same();
    }
    tl.seek(16_200);
    same();
    tl.act({ fault: { type: 'crash', broker: 1 } });
    tl.advanceTo(19_000);
    same();
  });

  it('a duplicate written once more crosses again with its new offset, though the observer grew its list of offsets in place', () => {
    const tl = new Timeline(BUSY as unknown as RawScenario);
    tl.advanceTo(2000);
    const cache = newSnapshotCache();
    const offsets = [3, 7];
    const counts = () => ({ summary: snapshot(tl.sim, {}).summary, producers: [{ acked: 0, failed: 0 }], anomalies: [{ kind: 'duplicate' as const, message: 5, key: 'k1', partition: 'orders-0', offsets }] });
    const first = snapshot(tl.sim, { counts: counts() }, cache);
    offsets.push(12);
    const second = snapshot(tl.sim, { counts: counts() }, cache);
    expect(first.anomalies[0].offsets).toEqual([3, 7]);
    expect(second.anomalies[0].offsets).toEqual([3, 7, 12]);
    expect(second.anomalies).not.toBe(first.anomalies);
    // Nothing moved: the same piece, so the host sends nothing for it.
    expect(snapshot(tl.sim, { counts: counts() }, cache).anomalies).toBe(second.anomalies);
  });
});
