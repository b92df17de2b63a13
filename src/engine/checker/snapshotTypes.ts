/** The snapshot's shapes (snapshot.ts builds them): what the view draws, as plain JSON. */
import type { AnomalyKind, Summary } from './checker.ts';
import type { BrokerStatus } from '../core/model.ts';
import type { ConsumerGroupSnapshot } from './consumerSnapshot.ts';
import type { RemovedCellSnap } from './removedRecords.ts';
import type { FlightMemo } from './inFlight.ts';

export interface CellSnap {
  /** Offset. */
  o: number;
  /** Key index (k0 -> 0), or -1 for an unkeyed record. */
  k: number;
  /** Message id. */
  m: number;
  /** Leader epoch the record was written in. */
  e: number;
  /** On disk (fsynced or written back), not only in the OS page cache. */
  d: boolean;
}

export interface ReplicaSnap {
  broker: number;
  leo: number;
  hw: number;
  flushed: number;
  /** The newest `cells.length` records, oldest first; offsets below `cells[0].o` are not shown. */
  cells: CellSnap[];
  /** Extra fetch delay of a slow follower, 0 when normal. */
  slowMs: number;
  /**
   * Records this replica lost in the last REMOVED_WINDOW_MS (KIP-101 truncation,
   * power loss), within the offsets shown, each with when it was removed: the
   * view draws them fading, and decides nothing about what was removed.
   */
  removed: RemovedCellSnap[];
  /** This broker believes it leads the partition (its own metadata). */
  thinksLeader: boolean;
}

export interface PartitionSnap {
  id: number;
  name: string;
  topic: string;
  /** The partition's index within its topic (name is topic-index). */
  index: number;
  assignment: number[];
  /** The controller's view: the authoritative leader (-1 offline), epoch and ISR. */
  leader: number;
  leaderEpoch: number;
  isr: number[];
  /** KIP-966 eligible leader replicas (empty without the feature). */
  elr: number[];
  /** The committed high watermark (the leader's, or the last ISR member's when offline). */
  hw: number;
  minIsr: number;
  unclean: boolean;
  replicas: ReplicaSnap[];
}

export interface BrokerSnap {
  id: number;
  status: BrokerStatus;
  fenced: boolean;
  stopping: boolean;
  /** Cut off from every other node by an isolate or partition rule. */
  isolated: boolean;
  /**
   * The broker is down or cut off from the controller, but the controller has
   * not fenced it yet: until broker.session.timeout.ms passes without a
   * heartbeat (controller.ts, controllerTick) it still counts it as leader and
   * in the ISR. `fenceAt` is the moment that timeout runs out (the controller
   * acts on its next tick after it).
   */
  unnoticed: { fenceAt: number; timeoutMs: number } | null;
}

export interface BatchSnap {
  id: number;
  partition: number;
  records: number;
  attempts: number;
  inFlight: boolean;
}

export interface ProducerSnap {
  name: string;
  sent: number;
  count: number;
  acked: number;
  failed: number;
  pid: number;
  acks: string;
  idempotent: boolean;
  batches: BatchSnap[];
  inFlight: number;
}

export type FlightKind = 'produce' | 'produce-resp' | 'fetch' | 'fetch-resp' | 'heartbeat' | 'metadata' | 'consumer' | 'other';

export interface FlightSnap {
  id: number;
  from: string;
  to: string;
  sentAt: number;
  arriveAt: number;
  kind: FlightKind;
  /** Records carried (produce, fetch response). */
  records: number;
  error: boolean;
}

export interface AnomalySnap {
  kind: AnomalyKind;
  message: number;
  key: string | null;
  partition: string;
  offsets: number[];
  /** Consumer-side anomalies: the group. */
  group?: string;
}

export interface LinkSnap {
  from: string;
  to: string;
  cut: boolean;
  oneWay: boolean;
  drop: number;
  delayMs: number;
}

export interface LabSnapshot {
  t: number;
  /** Time of the next scheduled event, or -1. */
  next: number;
  brokers: BrokerSnap[];
  partitions: PartitionSnap[];
  producers: ProducerSnap[];
  flights: FlightSnap[];
  links: LinkSnap[];
  summary: Summary;
  anomalies: AnomalySnap[];
  /** Consumer groups (empty without consumers); lag over time is in the host's chart samples. */
  consumers: ConsumerGroupSnapshot[];
}

/** What a previous snapshot() call built, so unchanged pieces keep their identity. */
export interface SnapshotCache {
  /** Trace events read for removals, and the index and time of each removal among them (recentlyRemoved skips its work when none is recent). */
  removals?: { read: number; at: number[]; t: number[] };
  /** By partition id and broker (snapshot.ts's key); `sig` holds what the snapshot was built from. */
  replicas: Map<number, { sig: number[]; snap: ReplicaSnap }>;
  partitions: Map<number, { snap: PartitionSnap }>;
  /** The last value of each small piece (brokers, links, the counts), handed back while an equal one is built. */
  json: Map<string, { value: unknown }>;
  /** What earlier looks found in the queue's far buckets (inFlight.ts). */
  flights?: FlightMemo;
}


/** The cached value when `value` serialises the same as last time (small pieces only). */
