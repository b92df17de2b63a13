/**
 * The cluster's state as plain data. Rules (in the other files) are small
 * functions over these structures; nothing here knows about time or the view.
 */
import type { BrokerConfig, ProducerConfig } from './configSpec.ts';
import type { ProducerSpec } from './specs.ts';
import type { Connection } from './connections.ts';
import type { ReplicaLog } from './replicaLog.ts';
import type { RowTracked } from './changedRows.ts';

export type BrokerId = number; // 1..9
export type NodeName = string; // 'b1', 'controller', 'p1', 'c1'
export type PartitionId = number; // index into Cluster.partitions
export type MessageId = number; // index into MessageTable

/** A batch as the producer built it: the unit of send, retry and deduplication. */
export interface ProducerBatch {
  id: number;
  producer: number;
  partition: PartitionId;
  /** Producer id (idempotence) or -1. */
  pid: number;
  producerEpoch: number;
  /** First sequence number, or -1 without idempotence. */
  baseSeq: number;
  msgs: MessageId[];
  createdAt: number;
  attempts: number;
  /** In the accumulator and still accepting records. */
  open: boolean;
  /** Not before this time (retry backoff). */
  retryAt: number;
  /** A produce request carrying it is outstanding. */
  inFlight: boolean;
  /** The send's callback has fired (acknowledged, failed or expired); a late response changes nothing for the app. */
  done?: boolean;
  /** It came back with an error and was queued again (ProducerBatch.inRetry). */
  retried?: boolean;
  /** An epoch bump rewrote its sequence (ProducerBatch.sequenceHasBeenReset). */
  seqReset?: boolean;
}

/**
 * A batch as it went over the wire and sits in a log: what the broker and the
 * stories read of it. The client's bookkeeping (open, retryAt, inFlight, done,
 * retried, seqReset, createdAt) stays with the client's own ProducerBatch: a
 * log keeps one of these per batch for the whole run.
 */
export type WireBatch = Readonly<Pick<ProducerBatch, 'id' | 'producer' | 'partition' | 'pid' | 'producerEpoch' | 'baseSeq' | 'msgs' | 'attempts'>>;

/** One step in the life of a log batch on some replica (for the checker's stories). */
export interface BatchHistoryEntry {
  t: number;
  broker: BrokerId;
  what: 'appended' | 'replicated' | 'truncated' | 'lost-unflushed' | 'flushed';
  /** Index into the trace of the event that explains it (election, crash...). */
  cause: number;
}

/** BatchHistory.open's and full's columns: CHUNK entries (broker/batchHistory.ts); simulated ms are integers below 2^31, broker ids below 10. */
export interface HistoryChunk {
  t: Int32Array;
  brokerWhat: Uint8Array; // broker × 8 + what happened (its code)
  /** Index of the batch's previous entry (-1: none). */
  prev: Int32Array;
}

/**
 * Every batch's history, append-only (broker/batchHistory.ts): packed rows in
 * chunks, a full chunk frozen so checkpoints share it; `head` holds each
 * batch's latest entry by batch id.
 */
export interface BatchHistory extends RowTracked {
  /** Full chunks, frozen. */
  full: Readonly<HistoryChunk>[];
  /** The chunk being filled (`size % CHUNK` rows of it). */
  open: HistoryChunk;
  size: number;
  /** Per log batch id, the index of its latest entry (-1: none yet). */
  head: Int32Array;
  /** Per log batch id, 1 once the batch was removed from some replica's log (truncated, or lost unflushed). */
  removed: Uint8Array;
  /** Pairs, by ascending entry: an entry that has a cause (a removal's: no other has one), then its cause (a trace index). */
  causes: number[];
  /** Whether entries are kept (stories, the view); false: only `removed` (a what-if run, batchHistory.ts). */
  entries: boolean;
}

/**
 * A record batch as a log holds it. Logs store it as a row, once for every
 * replica (core/logColumns.ts); this object is made from the row for a
 * reader that keeps or sends one (frozen: it never changes).
 */
export interface LogBatch {
  id: number;
  baseOffset: number;
  /** Exclusive end: baseOffset + records. */
  endOffset: number;
  leaderEpoch: number;
  pb: WireBatch;
  /** When the leader appended it (its history, batchHistory.ts, holds the rest). */
  appendedAt: number;
}

/**
 * Page-cache marks in two append-only columns (end offset, append time) and
 * the index of the first unflushed one: flushing moves `head`, not the
 * elements, so a checkpoint shares every chunk of them but the last
 * (sim/chunks.ts); the flushed prefix is cut off now and then.
 */
export interface DirtyMarks extends RowTracked {
  ends: number[];
  at: number[];
  head: number;
}

export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

/** What the leader knows about one follower (Kafka's `Replica` state). */
export interface FollowerState {
  leo: number;
  lastCaughtUpTime: number;
  lastFetchLeaderLeo: number;
  lastFetchTime: number;
}

/** Idempotence state of one producer id on one partition: the last (up to 5) batches. */
export interface ProducerIdEntry {
  producerEpoch: number;
  batches: { baseSeq: number; lastSeq: number; baseOffset: number }[];
}

export interface Replica {
  broker: BrokerId;
  partition: PartitionId;
  /** The ids of the log batches it holds, in offset order (core/replicaLog.ts; their rows: core/logColumns.ts). */
  log: ReplicaLog;
  leo: number;
  hw: number;
  /** Offsets below this are on disk; the rest sits in the OS page cache. */
  flushed: number;
  /** Last HW written to replication-offset-checkpoint. */
  hwCheckpoint: number;
  epochCache: EpochEntry[];
  producers: Map<number, ProducerIdEntry>;
  /** Page-cache ages for OS writeback: an end offset and a time per append (broker/dirtyMarks.ts). */
  dirtyMarks: DirtyMarks;
  /** Leader-side state. */
  followers: Map<BrokerId, FollowerState>;
  /** Partition.leaderEpochStartOffsetOpt: the LEO when this replica last became leader. */
  leaderEpochStartOffset: number;
  pendingIsr: BrokerId[] | null;
  /** Follower-side: the broker we fetch from and whether a fetch is outstanding. */
  fetching: boolean;
  fetchSessionId: number;
  /** Counts fetches sent, so a timeout knows whether it is about the outstanding one. */
  fetchSeq: number;
  /** Extra delay before each fetch (a slow follower fault). */
  slowMs: number;
}

/** A broker's view of one partition, learned from the controller's metadata. */
export interface PartitionMeta {
  leader: BrokerId; // -1: offline
  leaderEpoch: number;
  partitionEpoch: number;
  isr: BrokerId[];
}

export type BrokerStatus = 'running' | 'crashed' | 'powered-off' | 'stopped';

export interface Broker {
  id: BrokerId;
  status: BrokerStatus;
  /** Bumped on every start so timers and connections of an earlier life are ignored. */
  incarnation: number;
  config: BrokerConfig;
  /** When this broker's disk finishes the fsyncs queued on it (one device: fsyncs run one after another). */
  diskFreeAt: number;
  replicas: Map<PartitionId, Replica>;
  meta: Map<PartitionId, PartitionMeta>;
  /**
   * The broker's own view: the controller accepted this life's registration.
   * Until then it applies no metadata and leads or follows nothing
   * (BrokerServer.startup waits for BrokerLifecycleManager.initialCatchUpFuture).
   */
  registered: boolean;
  /** Controller's view. */
  fenced: boolean;
  lastHeartbeatSeen: number;
  /** Controller's view: the incarnation it last registered (a restart re-registers). */
  registeredIncarnation: number;
  /** Controller's view: the broker asked for a controlled shutdown. */
  shuttingDown: boolean;
  /** The broker's own intent to stop cleanly (waits for the controller to move leaders away). */
  stopping: boolean;
  /**
   * KIP-966 clean shutdown detection: a controlled shutdown leaves a file with the broker
   * epoch (CleanShutdownFileHandler); a start reads and deletes it. `startedClean` is what this
   * life's registration says (PreviousBrokerEpoch matches the controller's record: a clean
   * shutdown); a kill -9 or power loss leaves no file, so the next registration is unclean.
   */
  cleanShutdownFile?: boolean;
  startedClean?: boolean;
}

export interface PartitionInfo {
  id: PartitionId;
  topic: string;
  index: number;
  name: string; // 'orders-0'
  assignment: BrokerId[];
  /** min.insync.replicas as configured; the rules use effectiveMinIsr(). */
  minIsr: number;
  unclean: boolean;
  flushMessages: number;
  flushMs: number;
  /** Keys the topic sets itself (created with, or altered since): a cluster-wide default does not change them. */
  topicOverrides: string[];
}

/** The controller's authoritative partition state (the KRaft metadata log's latest record). */
export interface ControllerPartition extends PartitionMeta {
  id: PartitionId;
  /**
   * KIP-966 eligible leader replicas: replicas that left the ISR while it was below
   * min.insync.replicas, so (the HW being frozen then) they hold every committed record.
   * Always empty when the eligible.leader.replicas.version feature is off.
   */
  elr: BrokerId[];
  /** PartitionRecord.LastKnownElr: here (useLastKnownLeaderInBalancedRecovery) the last leader before the ISR became empty. */
  lastKnownElr: BrokerId[];
}

/**
 * The replica whose log stands for an offline partition's committed records: the last ISR
 * member, else (KIP-966, empty ISR) the first eligible leader replica, else the last known leader.
 */
export function lastStanding(p: ControllerPartition): BrokerId | undefined {
  return p.isr[0] ?? p.elr[0] ?? p.lastKnownElr[0];
}

/** A produce request the client is waiting on. */
export interface ProducerInFlight {
  reqId: number;
  batch: ProducerBatch;
  broker: BrokerId;
}

export interface ProducerRuntime {
  index: number;
  name: NodeName;
  config: ProducerConfig;
  spec: ProducerSpec;
  /** Partition ids of the topic, in partition-index order, and where each key lands. */
  topicPartitions: PartitionId[];
  keyPartition: PartitionId[];
  requests: Map<number, ProducerInFlight>;
  /** Connection generation per broker: bumped when the client closes a connection. */
  connGen: Map<BrokerId, number>;
  /** NetworkClient's connection states per broker (core/connections.ts). */
  conns: Map<BrokerId, Connection>;
  incarnation: number;
  pid: number;
  producerEpoch: number;
  /** Next sequence per partition. */
  nextSeq: Map<PartitionId, number>;
  /** The producer epoch each partition's sequence numbers belong to. */
  seqEpoch: Map<PartitionId, number>;
  /** Last acknowledged sequence per partition (TransactionManager lastAckedSequence). */
  lastAcked: Map<PartitionId, number>;
  /** Partitions whose sequence is unresolved: an expired batch may or may not have been written. */
  unresolved: Set<PartitionId>;
  /** Open and ready batches per partition, oldest first. */
  queues: Map<PartitionId, ProducerBatch[]>;
  /** Requests in flight per broker. */
  inFlight: Map<BrokerId, number>;
  meta: Map<PartitionId, { leader: BrokerId; leaderEpoch: number }>;
  metadataPending: boolean;
  metadataToken: number;
  sent: number;
  nextSendAt: number;
  senderWakeAt: number;
  stickyPartition: number;
}

export interface ClusterConfigSummary {
  brokers: number;
  latencyMs: number;
}

/**
 * A broker's node name ("b2"), made once per broker: a name built anew for
 * every message would be hashed anew on every lookup in the node table.
 */
const BROKER_NODES: readonly NodeName[] = Array.from({ length: 10 }, (_, b) => `b${b}`);
export const brokerNode = (b: BrokerId): NodeName => BROKER_NODES[b] ?? `b${b}`;
