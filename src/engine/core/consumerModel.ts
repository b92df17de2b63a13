/**
 * The consumer side as plain data: group members (the Java KafkaConsumer plus
 * the application around it), the coordinator's view of each group, and the
 * messages they exchange. Rules live in consumer/: groupCoordinator.ts, consumerClient.ts,
 * pollLoop.ts, processing.ts and offsetCommit.ts.
 */
import type { LogBatch, PartitionId } from './model.ts';
import type { ConsumerSpec } from './consumerSpec.ts';
import type { Connection } from './connections.ts';
import type { RowTracked } from './changedRows.ts';

/** A member's connection to one broker (ClusterConnectionStates): core/connections.ts. */
export type { Connection };

export type MemberStatus = 'idle' | 'running' | 'closing' | 'left' | 'crashed';
export type JoinState = 'none' | 'joining' | 'syncing' | 'stable';

/** Why the coordinator starts a rebalance (args: member, leave). */
export type RebalanceReasonCode = 'member-joined' | 'member-rejoined' | 'member-left' | 'session-timeout' | 'coordinator-resumed';
export interface RebalanceReason {
  code: RebalanceReasonCode;
  args: Record<string, string | number>;
}

/** A run of consecutive records from one log batch, all processed at the same pace. */
export interface WorkItem {
  partition: PartitionId;
  batch: LogBatch;
  from: number;
  to: number;
  /** Time the first record of the run starts, and how long each record takes. */
  startAt: number;
  perRecordMs: number;
  /** Records of the run already processed (from .. from+done-1). */
  done: number;
}

/** One application thread working through its FIFO of records. */
export interface Lane {
  items: WorkItem[];
  head: number;
  freeAt: number;
  pending: number;
}

export interface Records {
  partition: PartitionId;
  batch: LogBatch;
  from: number;
  to: number;
}

/**
 * What the application's poll thread does with the records of one poll():
 * process (or hand off) a run of records, or commit. `offsets: null` commits
 * what the workers have finished (per partition, below the first unfinished record).
 */
export type AppStep = { k: 'process'; items: Records[] } | { k: 'commit'; offsets: [PartitionId, number][] | null; sync: boolean; since: number };

/** Buffered fetch data for one partition (Fetcher's completed fetches). */
export interface FetchBuffer {
  batches: LogBatch[];
  /** Exclusive bound: the high watermark at the leader when fetched. */
  end: number;
}

/**
 * KIP-320: what the consumer knows about the leader epochs behind a position
 * (SubscriptionState.FetchPosition.offsetEpoch / currentLeader).
 */
export interface PositionEpochs {
  /** Leader epoch of the record before the position (the last consumed one, or the committed offset's); -1 unknown. */
  offsetEpoch: number;
  /** The leader (and its epoch) the position was last checked against; -1 none yet. */
  leader: number;
  leaderEpoch: number;
  /** Leader epochs of the records returned so far: [epoch, first offset seen in it], ascending. */
  seen: [number, number][];
}

export interface PendingRequest {
  kind: ConsumerRequest['kind'];
  broker: number;
  /** For a commit: whether the app thread waits on it (commitSync) and who asked. */
  sync?: boolean;
  auto?: boolean;
  offsets?: [PartitionId, number][];
  since?: number;
  /** The member's generation when it was sent: an error about an older generation is stale. */
  generation?: number;
  /** For a metadata or list-offsets request: which partitions. */
  partitions?: PartitionId[];
  /** For OffsetsForLeaderEpoch: the positions (partition, offset, offset epoch, leader epoch) being validated. */
  positions?: [PartitionId, number, number, number][];
}


export interface Member {
  index: number;
  name: string;
  spec: ConsumerSpec;
  group: number;
  status: MemberStatus;
  incarnation: number;
  /** Times this process was started (1 = first life). */
  lives: number;
  coordinator: number;
  memberId: string;
  generation: number;
  joinState: JoinState;
  rejoinNeeded: boolean;
  assignment: PartitionId[];
  /** Next offset poll() returns per partition (-1: unknown). Index = partition id. */
  position: Map<PartitionId, number>;
  /** Next offset to fetch per partition; buffered data sits between position and fetchPos. */
  buffers: Map<PartitionId, FetchBuffer>;
  fetching: Set<number>;
  /** Partitions waiting for their committed offset or an offset reset. */
  awaitingOffsets: Set<PartitionId>;
  /** Partitions whose position must be reset by auto.offset.reset, with the offset it was at (-1: none). */
  resetting: Map<PartitionId, number>;
  /** Leader epochs behind each position (KIP-320), and the positions awaiting validation (AWAIT_VALIDATION). */
  epochs: Map<PartitionId, PositionEpochs>;
  validating: Set<PartitionId>;
  /** Clean close: 0 not closing, 1 draining the app, 2 final commit sent, 3 left. */
  closeStage: number;
  leaders: Map<PartitionId, { leader: number; epoch: number }>;
  requests: Map<number, PendingRequest>;
  /** The process's connections to brokers, by broker id (core/connections.ts). */
  conns: Map<number, Connection>;
  lastPollAt: number;
  nextAutoCommit: number;
  stalledUntil: number;
  /** The app thread: what it does next and a token so superseded wake-ups are ignored. */
  program: AppStep[];
  waiting: 'none' | 'poll' | 'commit' | 'work' | 'stall' | 'space';
  appToken: number;
  hbToken: number;
  /** When the heartbeat session was last renewed (a heartbeat answered, or the thread enabled): Heartbeat.sessionTimer. */
  sessionRenewedAt: number;
  lanes: Lane[];
  /** Cumulative, for the snapshot. */
  polls: number;
  commitsFailed: number;
}

export interface GroupMemberState {
  memberId: string;
  /** KIP-345 group.instance.id ('' for a dynamic member). */
  groupInstanceId: string;
  consumer: string;
  member: number;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: string[];
  topic: string;
  lastHeartbeat: number;
  awaitingJoin: boolean;
  awaitingSync: boolean;
  /** The request to answer when the join / sync completes. */
  joinReq: { reqId: number; member: number } | null;
  syncReq: { reqId: number; member: number } | null;
  assignment: PartitionId[];
}

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

export interface CommittedOffset {
  offset: number;
  /** OffsetCommit's committedLeaderEpoch: the epoch of the record before the offset (-1 unknown). */
  leaderEpoch: number;
  at: number;
  consumer: string;
  generation: number;
}

export interface Rebalance {
  t: number;
  generation: number;
  /** Why, as a code (src/i18n says it: rebalance.<code>). */
  why: RebalanceReason;
  members: { consumer: string; partitions: string[] }[];
}

/** Per-group bookkeeping of what the application did with each message (typed arrays, index = message id; rows tracked for checkpoints, changedRows.ts). */
export interface GroupLedger extends RowTracked {
  processed: Uint8Array;
  /** Order of first processing (1, 2, ...): the checker compares it within each key of the committed log. */
  firstSeq: Int32Array;
  firstBy: Int16Array;
  firstGen: Int32Array;
  firstAt: Float64Array;
  /** Later processings of a processed message (8 each at most), append-only and frozen: checkpoints share them (sim/chunks.ts). */
  repeats: Readonly<{ id: number; member: number; generation: number; life: number; t: number }>[];
  deduplicated: number;
  /** Offsets skipped by auto.offset.reset. */
  resets: { partition: PartitionId; from: number; to: number; t: number; consumer: string }[];
  lag: { t: number; lag: number; processed: number }[];
  processedCount: number;
}

export interface Group {
  id: string;
  index: number;
  topic: string;
  partitions: PartitionId[];
  state: GroupState;
  generation: number;
  protocol: string;
  leader: string;
  members: Map<string, GroupMemberState>;
  committed: Map<PartitionId, CommittedOffset>;
  /** The broker that last loaded this group from __consumer_offsets (-1 none yet). */
  loadedBy: number;
  loadedInc: number;
  rebalanceDeadline: number;
  /** When the group last became Empty (ClassicGroup.currentStateTimestamp), the base of offset expiry; -1 while it has members. */
  emptySince: number;
  rebalanceReason: RebalanceReason;
  /** While the first rebalance of an empty group waits (group.initial.rebalance.delay.ms). */
  initialDelayUntil: number;
  nextMemberSeq: number;
  /** Static members: group.instance.id -> current member id (GroupMetadata.staticMembers). */
  staticMembers: Map<string, string>;
  rebalances: Rebalance[];
  ledger: GroupLedger;
}

// ---- wire messages ------------------------------------------------------------

export type ConsumerRequest = { reqId: number; member: number; inc: number } & (
  | { kind: 'find-coordinator'; group: string }
  | { kind: 'metadata'; partitions: PartitionId[] }
  | { kind: 'join'; group: string; memberId: string; groupInstanceId: string; protocols: string[]; topic: string; sessionTimeoutMs: number; rebalanceTimeoutMs: number }
  | { kind: 'sync'; group: string; memberId: string; generation: number; assignments: [string, PartitionId[]][] | null }
  | { kind: 'heartbeat'; group: string; memberId: string; generation: number }
  | { kind: 'leave'; group: string; memberId: string; reason: string }
  | { kind: 'commit'; group: string; memberId: string; generation: number; offsets: [PartitionId, number][]; epochs: number[] }
  | { kind: 'offset-fetch'; group: string; partitions: PartitionId[] }
  | { kind: 'list-offsets'; partitions: PartitionId[]; reset: 'earliest' | 'latest' }
  | { kind: 'fetch'; partitions: [PartitionId, number, number][] }
  /** [partition, leaderEpoch (of the position), currentLeaderEpoch]. */
  | { kind: 'offsets-for-leader-epoch'; partitions: [PartitionId, number, number][] }
);

export interface FetchedPartition {
  partition: PartitionId;
  error: string | null;
  fetchOffset: number;
  batches: LogBatch[];
  hw: number;
}

export type ConsumerResponse = { reqId: number; member: number; broker: number; error: string | null } & (
  | { kind: 'find-coordinator'; coordinator: number }
  | { kind: 'metadata'; partitions: { id: PartitionId; leader: number; epoch: number }[] }
  | { kind: 'join'; memberId: string; generation: number; protocol: string; leader: string; members: { memberId: string; topic: string }[] }
  | { kind: 'sync'; assignment: PartitionId[] }
  | { kind: 'heartbeat' }
  | { kind: 'leave' }
  | { kind: 'commit' }
  /** [partition, offset, leader epoch] (-1: none). */
  | { kind: 'offset-fetch'; offsets: [PartitionId, number, number][] }
  | { kind: 'list-offsets'; offsets: [PartitionId, number, number][] }
  | { kind: 'fetch'; partitions: FetchedPartition[] }
  | { kind: 'offsets-for-leader-epoch'; partitions: { id: PartitionId; error: string | null; epoch: number; endOffset: number }[] }
);

export type ConsumerNet = { dir: 'req'; req: ConsumerRequest } | { dir: 'resp'; resp: ConsumerResponse };

export type ConsumerTimer =
  | { kind: 'start'; member: number }
  | { kind: 'app'; member: number; token: number }
  | { kind: 'heartbeat'; member: number; token: number }
  | { kind: 'request-timeout'; member: number; reqId: number }
  /** A request that fails in the client itself: never sent (coordinator unknown), or its connection was reset. */
  | { kind: 'request-failed'; member: number; reqId: number; error: 'COORDINATOR_NOT_AVAILABLE' | 'NETWORK_EXCEPTION' }
  | { kind: 'session-expiry'; group: number; memberId: string; deadline: number }
  | { kind: 'join-deadline'; group: number; deadline: number }
  | { kind: 'lag-sample' }
  /** The coordinator's periodic offsets cleanup, at the first run after the group has been empty for the retention. */
  | { kind: 'offsets-expiry'; group: number; emptySince: number };

/** The consumer side of the simulation state: every member and group (consumer/consumerWorld.ts runs it). */
export interface ConsumerWorld {
  members: Member[];
  groups: Group[];
  nextReq: number;
  /** Where each group's __consumer_offsets partition is led (sticky, like a real election). */
  offsetsLeader: Map<number, number>;
  sampleEveryMs: number;
}
