/**
 * What the view draws, as plain JSON: brokers, the controller's partition
 * state, each replica's log cells (capped to the newest offsets), producers
 * with their batches, messages in flight on the links (with send and arrival
 * times, so the view places them at (now - sent) / (arrive - sent)), and the
 * checker's running counts, and the consumer groups. Pure: a function of the
 * simulation state at its `now` (a Simulation is a SnapshotSource).
 *
 * Structural sharing: given the cache of a previous call, a piece that did
 * not change (a replica, a partition, the brokers, the summary...) is the very
 * same object as before, so the host sends only what changed and the view
 * re-renders only what changed (tldraw's RecordsDiff, xyflow's NodeChange).
 */
import type { NetBody, SimContext } from '../core/context.ts';
import { reach } from '../core/network.ts';
import { netEvents, newFlightMemo } from './inFlight.ts';
import { check, type CheckResult, type Summary } from './checker.ts';
import { SendStatus } from '../core/messages.ts';
import { lastStanding, type Replica } from '../core/model.ts';
import { baseOffsetOf, leaderEpochOf, recordCount, recordOf, type BatchTable } from '../core/logColumns.ts';
import { consumerSnapshot } from './consumerSnapshot.ts';
import { recentlyRemoved, type RemovedCellSnap } from './removedRecords.ts';

export type { RemovedCellSnap };

export type * from './snapshotTypes.ts';
import type { AnomalySnap, BatchSnap, BrokerSnap, CellSnap, FlightKind, FlightSnap, LabSnapshot, LinkSnap, PartitionSnap, ProducerSnap, ReplicaSnap, SnapshotCache } from './snapshotTypes.ts';
import { lastLogId, logIdAt } from '../core/replicaLog.ts';

export const newSnapshotCache = (): SnapshotCache => ({ replicas: new Map(), partitions: new Map(), json: new Map(), flights: newFlightMemo() });

function shared<T>(cache: SnapshotCache | undefined, key: string, value: T): T {
  if (!cache) return value;
  const hit = cache.json.get(key);
  if (hit && samePlain(hit.value, value)) return hit.value as T;
  cache.json.set(key, { value });
  return value;
}

/** Equal plain data (numbers, strings, booleans, null, arrays, plain objects), compared in place: no serialising every frame. */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!(k in y) || !samePlain(x[k], y[k])) return false;
    n++;
  }
  for (const _ in y) n--;
  return n === 0;
}

export interface SnapshotOptions {
  /** Newest records shown per replica. */
  maxCells?: number;
  maxFlights?: number;
  maxAnomalies?: number;
  /** A check result to reuse (the host checks at most a few times a second while playing). */
  check?: CheckResult;
  /** Counts kept up to date elsewhere (the timeline's incremental observer): no checker run, no pass over every message. */
  counts?: { summary: Summary; anomalies: AnomalySnap[]; producers: { acked: number; failed: number }[] };
  /**
   * The count pieces (producers, summary, anomalies, consumer groups) as the
   * cache's last snapshot built them: the host sends them only every few
   * frames while playing (timeline/patch.ts), so it builds them only then.
   */
  keepCounts?: boolean;
  /**
   * Partitions (by index) whose snapshot the view need not have new this time
   * (timeline/patch.ts: not their turn while playing): the cache's last one is
   * handed back unless its leader, epoch or ISR moved, and nothing of their
   * replicas is read.
   */
  mayKeep?: (index: number) => boolean;
}

const COUNT_PIECES = ['producers', 'summary', 'anomalies', 'consumers'] as const;

/** What a snapshot reads: the state, and when the next event is due. */
export interface SnapshotSource {
  ctx: SimContext;
  nextEventTime(): number | undefined;
}

export function snapshot(sim: SnapshotSource, opts: SnapshotOptions = {}, cache?: SnapshotCache): LabSnapshot {
  const ctx = sim.ctx;
  const maxCells = opts.maxCells ?? 48;
  const nodes = ['controller', ...ctx.brokers.map((b) => `b${b.id}`), ...ctx.producers.map((p) => p.name)];
  const brokers: BrokerSnap[] = shared(cache, 'brokers', ctx.brokers.map((b) => ({
    id: b.id,
    status: b.status,
    fenced: b.fenced,
    stopping: b.stopping,
    isolated: nodes.every((n) => n === `b${b.id}` || !reach(ctx.net, `b${b.id}`, n).ok),
    unnoticed: !b.fenced && (b.status !== 'running' || !reach(ctx.net, `b${b.id}`, 'controller').ok) ? { fenceAt: b.lastHeartbeatSeen + b.config['broker.session.timeout.ms'], timeoutMs: b.config['broker.session.timeout.ms'] } : null,
  })));
  const removed = recentlyRemoved(sim, cache);
  const partitions: PartitionSnap[] = ctx.partitions.map((p, i) => {
    const s = ctx.controller.partitions[p.id];
    const last = opts.mayKeep?.(i) ? cache?.partitions.get(p.id)?.snap : undefined;
    if (last && last.leader === s.leader && last.leaderEpoch === s.leaderEpoch && sameNumbers(last.isr, s.isr)) return last;
    const committedBroker = s.leader > 0 ? s.leader : lastStanding(s);
    const committed = committedBroker ? ctx.brokers[committedBroker - 1].replicas.get(p.id) : undefined;
    const leos = p.assignment.map((b) => ctx.brokers[b - 1].replicas.get(p.id)?.leo ?? 0);
    const top = Math.max(...leos);
    // Down to the lowest replica's log end and the HW, so a divergence (a new leader behind the old one's acknowledged records) is in the cells; bounded so a long-dead follower does not make every snapshot huge.
    const low = Math.min(committed ? committed.hw : top, ...leos) - 8;
    const from = Math.max(0, top - MAX_SPAN, Math.min(top - maxCells, low));
    const replicas = p.assignment.map((b) => {
      const br = ctx.brokers[b - 1];
      const r = br.replicas.get(p.id)!;
      const thinksLeader = br.status === 'running' && br.meta.get(p.id)?.leader === b;
      // Log batches are never edited in place: a new last batch or a new length means new cells.
      const gone = removed.size === 0 ? NONE_GONE : (removed.get(`${p.id}:${b}`) ?? NONE_GONE).filter((c) => c.o >= from);
      const key = p.id * REPLICA_KEY + b;
      const hit = cache?.replicas.get(key);
      const sig = hit?.sig ?? new Array<number>(SIG_LENGTH);
      const same = replicaSig(sig, r, thinksLeader, from, gone);
      if (hit && same) return hit.snap;
      const snap: ReplicaSnap = { broker: b, leo: r.leo, hw: r.hw, flushed: r.flushed, cells: cellsOf(ctx.msgs.key, ctx.batches, r, from), slowMs: r.slowMs, thinksLeader, removed: gone === NONE_GONE ? [] : gone };
      cache?.replicas.set(key, { sig, snap });
      return snap;
    });
    const hw = committed ? committed.hw : 0;
    const phit = cache?.partitions.get(p.id)?.snap;
    if (phit && phit.leader === s.leader && phit.leaderEpoch === s.leaderEpoch && sameNumbers(phit.isr, s.isr) && sameNumbers(phit.elr, s.elr) && phit.hw === hw && phit.minIsr === p.minIsr && phit.unclean === p.unclean && phit.replicas.every((r, i) => r === replicas[i])) return phit;
    const snap: PartitionSnap = {
      id: p.id,
      name: p.name,
      topic: p.topic,
      index: p.index,
      assignment: [...p.assignment],
      leader: s.leader,
      leaderEpoch: s.leaderEpoch,
      isr: [...s.isr],
      elr: [...s.elr],
      hw,
      minIsr: p.minIsr,
      unclean: p.unclean,
      replicas,
    };
    cache?.partitions.set(p.id, { snap });
    return snap;
  });
  const kept = opts.keepCounts && cache ? COUNT_PIECES.map((k) => cache.json.get(k)?.value) : undefined;
  const counts = kept && kept.every((v) => v !== undefined) ? { producers: kept[0] as ProducerSnap[], summary: kept[1] as Summary, anomalies: kept[2] as AnomalySnap[], consumers: kept[3] as LabSnapshot['consumers'] } : countPieces(sim, opts, cache);
  const flights: FlightSnap[] = [];
  const maxFlights = opts.maxFlights ?? 200;
  for (const e of netEvents(sim.ctx.queue, cache ? (cache.flights ??= newFlightMemo()) : newFlightMemo(), maxFlights)) {
    const [kind, records, error] = describeBody(e.body, ctx.batches);
    flights.push({ id: e.seq, from: e.from, to: e.to, sentAt: e.sentAt, arriveAt: e.t, kind, records, error });
  }
  flights.sort((a, b) => a.id - b.id);
  const links: LinkSnap[] = [];
  for (const r of ctx.net.rules) {
    if (r.kind === 'link') links.push({ from: r.from, to: r.to, cut: r.drop >= 1, oneWay: r.oneWay, drop: r.drop, delayMs: r.delayMs });
    else if (r.kind === 'groups') {
      for (let i = 0; i < r.groups.length; i++) for (let j = i + 1; j < r.groups.length; j++) for (const a of r.groups[i]) for (const b of r.groups[j]) links.push({ from: a, to: b, cut: true, oneWay: false, drop: 1, delayMs: 0 });
    } else for (const n of nodes) if (n !== r.node) links.push({ from: r.node, to: n, cut: true, oneWay: false, drop: 1, delayMs: 0 });
  }
  const next = sim.nextEventTime();
  return {
    t: ctx.now,
    next: next === undefined ? -1 : next,
    brokers,
    partitions,
    producers: counts.producers,
    flights,
    links: shared(cache, 'links', links),
    summary: counts.summary,
    anomalies: counts.anomalies,
    consumers: counts.consumers,
  };
}

/** The producers, the checker's summary and anomalies, and the consumer groups. */
function countPieces(sim: SnapshotSource, opts: SnapshotOptions, cache: SnapshotCache | undefined): Pick<LabSnapshot, (typeof COUNT_PIECES)[number]> {
  const ctx = sim.ctx;
  const producers: ProducerSnap[] = ctx.producers.map((p) => {
    const inFlight = new Set<number>();
    for (const f of p.requests.values()) inFlight.add(f.batch.id);
    const batches: BatchSnap[] = [];
    for (const q of p.queues.values()) for (const b of q) if (batches.length < 24) batches.push({ id: b.id, partition: b.partition, records: b.msgs.length, attempts: b.attempts, inFlight: inFlight.has(b.id) });
    return { name: p.name, sent: p.sent, count: p.spec.count, acked: 0, failed: 0, pid: p.pid, acks: String(p.config.acks), idempotent: p.config['enable.idempotence'], batches, inFlight: p.requests.size };
  });
  const m = ctx.msgs;
  if (opts.counts) opts.counts.producers.forEach((c, i) => Object.assign(producers[i], c));
  else
    for (let id = 0; id < m.size; id++) {
      const p = producers[m.producer[id]];
      if (m.status[id] === SendStatus.Acked) p.acked++;
      else if (m.status[id] === SendStatus.Failed || m.status[id] === SendStatus.Dropped) p.failed++;
    }
  const res = opts.counts ?? opts.check ?? check(ctx, { stories: false, maxAnomalies: opts.maxAnomalies ?? 120, maxPerKind: 12 });
  // Lag over time grows every second; the host's chart samples carry it instead.
  const summary = { ...res.summary, consumerGroups: res.summary.consumerGroups.map((g) => ({ ...g, lagOverTime: [] })) };
  const consumers = consumerSnapshot(ctx, { rebalances: 6, lagPoints: 0 }).map((g) => ({ ...g, lagOverTime: [] }));
  return {
    producers: shared(cache, 'producers', producers),
    summary: shared(cache, 'summary', summary),
    // The offsets copied: the observer's lists grow in place, and the cache compares what it holds with what is built next.
    anomalies: shared(cache, 'anomalies', res.anomalies.map((a: AnomalySnap) => ({ kind: a.kind, message: a.message, key: a.key, partition: a.partition, offsets: [...a.offsets], ...(a.group !== undefined ? { group: a.group } : {}) }))),
    consumers: shared(cache, 'consumers', consumers),
  };
}

const sameNumbers = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Replicas are cached by partition id * REPLICA_KEY + broker id. */
const REPLICA_KEY = 1 << 16;
const SIG_LENGTH = 12;
const NONE_GONE: RemovedCellSnap[] = [];

/**
 * Writes what a replica's snapshot depends on into `sig` (its cache entry's, so
 * nothing is allocated per frame) and says whether it was already so. Log
 * batches are never edited in place: a new last batch or a new length means new cells.
 */
function replicaSig(sig: number[], r: Replica, thinksLeader: boolean, from: number, gone: RemovedCellSnap[]): boolean {
  const n = r.log.length;
  let same = true;
  const put = (i: number, v: number) => {
    if (sig[i] !== v) {
      sig[i] = v;
      same = false;
    }
  };
  put(0, r.leo);
  put(1, r.hw);
  put(2, r.flushed);
  put(3, r.slowMs);
  put(4, thinksLeader ? 1 : 0);
  put(5, from);
  put(6, n);
  put(7, n ? lastLogId(r.log) : -1);
  put(8, n ? logIdAt(r.log, 0) : -1);
  put(9, gone.length);
  put(10, gone.length ? gone[gone.length - 1].at : -1);
  put(11, gone.length ? gone[0].at : -1);
  return same;
}

/** The most offsets a replica's cells cover, however far its replicas diverge. */
const MAX_SPAN = 400;

function cellsOf(keys: Int32Array, t: BatchTable, r: Replica, from: number): CellSnap[] {
  const out: CellSnap[] = [];
  let i = r.log.length - 1;
  while (i > 0 && baseOffsetOf(t, logIdAt(r.log, i)) > from) i--;
  for (; i >= 0 && i < r.log.length; i++) {
    const b = logIdAt(r.log, i);
    const base = baseOffsetOf(t, b);
    for (let j = 0, n = recordCount(t, b); j < n; j++) {
      const o = base + j;
      if (o < from || o >= r.leo) continue;
      const id = recordOf(t, b, j);
      out.push({ o, k: keys[id], m: id, e: leaderEpochOf(t, b), d: o < r.flushed });
    }
  }
  return out;
}

function describeBody(b: NetBody, t: BatchTable): [FlightKind, number, boolean] {
  switch (b.type) {
    case 'produce':
      return ['produce', b.batch.msgs.length, false];
    case 'produce-resp':
      return ['produce-resp', 0, b.error !== null];
    case 'fetch':
      return ['fetch', 0, false];
    case 'fetch-resp':
      return ['fetch-resp', b.batches.reduce((n, id) => n + recordCount(t, id), 0), b.error !== null];
    case 'heartbeat':
    case 'heartbeat-resp':
      return ['heartbeat', 0, false];
    case 'metadata-push':
    case 'metadata-req':
    case 'metadata-resp':
    case 'alter-partition':
    case 'alter-partition-resp':
      return ['metadata', 0, false];
    case 'consumer':
      return ['consumer', 0, false];
  }
  return ['other', 0, false];
}
