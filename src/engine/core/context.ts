/**
 * What every rule works on: the cluster's state, the clock, the one RNG and
 * the ways to act (schedule a timer, send over the network, record a trace
 * event). The Simulation owns one; rules are functions of (ctx, ...).
 * The context's own properties are the simulation's state, all plain data
 * (objects, arrays, Maps, Sets, typed arrays: no class instances, no
 * closures), so a checkpoint is a plain copy of them (checkpoint.ts). The
 * ways to act are methods shared by every context (contextOps.ts): they read
 * the state through the context, so a restored state works with them as is.
 */
import type { Rng, RngState } from './rng.ts';
import type { EventQueue } from './eventQueue.ts';
import type { Network } from './network.ts';
import type { MessageTable } from './messages.ts';
import type { TraceEvent } from './trace.ts';
import type { Trace } from './traceLog.ts';
import type { KafkaVersion, VersionRules } from './kafkaVersions.ts';
import type { BatchHistory, Broker, BrokerId, ControllerPartition, LogBatch, PartitionId, PartitionInfo, ProducerRuntime, WireBatch } from './model.ts';
import type { Fault } from './faults.ts';
import type { Reason } from './reasons.ts';
import type { ConsumerNet, ConsumerTimer, ConsumerWorld } from './consumerModel.ts';
import type { LabSettings } from './specs.ts';
import type { Connection } from './connections.ts';
import type { BatchTable } from './logColumns.ts';

export interface FetchPartitionRequest {
  partition: PartitionId;
  replica: BrokerId;
  fetchOffset: number;
  lastFetchedEpoch: number;
  leaderEpoch: number;
  session: number;
}

/** Everything that travels between nodes. References to batches stand for their bytes. */
export type NetBody =
  | { type: 'produce'; reqId: number; producer: number; batch: WireBatch; acks: 0 | 1 | 'all'; timeoutMs: number; /** The client's connection to this broker (a new one after each reconnect). */ conn: number }
  | { type: 'produce-resp'; reqId: number; producer: number; partition: PartitionId; error: string | null; baseOffset: number; broker: BrokerId }
  | ({ type: 'fetch' } & FetchPartitionRequest)
  | { type: 'fetch-resp'; partition: PartitionId; leader: BrokerId; leaderEpoch: number; session: number; error: string | null; /** Log batch ids (ctx.batches): they stand for the bytes. */ batches: number[]; hw: number; logEndOffset: number; fetchOffset: number; diverging: { epoch: number; endOffset: number } | null }
  | { type: 'heartbeat'; broker: BrokerId; incarnation: number; shuttingDown: boolean }
  | { type: 'heartbeat-resp'; fenced: boolean; partitions: ControllerPartition[]; shutdownDone: boolean }
  | { type: 'metadata-push'; partitions: ControllerPartition[] }
  | { type: 'alter-partition'; partition: PartitionId; leader: BrokerId; leaderEpoch: number; partitionEpoch: number; isr: BrokerId[]; why: Reason }
  | { type: 'alter-partition-resp'; partition: PartitionId; error: string | null; state: ControllerPartition }
  | { type: 'metadata-req'; producer: number }
  | { type: 'metadata-resp'; producer: number; /** The broker that answered (-1: a refused connection). */ broker?: number; partitions: { id: PartitionId; leader: BrokerId; leaderEpoch: number }[] }
  | { type: 'consumer'; body: ConsumerNet };

export interface NetEvent {
  k: 'net';
  t: number;
  seq: number;
  from: string;
  to: string;
  fromInc: number;
  toInc: number;
  sentAt: number;
  body: NetBody;
}

export type TimerBody =
  | { type: 'heartbeat' }
  | { type: 'isr-expiry' }
  | { type: 'writeback' }
  | { type: 'hw-checkpoint' }
  | { type: 'flush-scheduler' }
  | { type: 'fetch'; partition: PartitionId; session: number }
  | { type: 'fetch-timeout'; partition: PartitionId; session: number; seq: number }
  | { type: 'refused'; body: NetBody }
  /** A parked fetch's wait ran out; `deadline` names the parked fetch it was set for. */
  | { type: 'fetch-wait'; partition: PartitionId; replica: BrokerId; session: number; deadline: number }
  | { type: 'delayed-produce'; partition: PartitionId; reqId: number }
  /** A leader's append waited for its fsync (flush.messages); now it completes. */
  | { type: 'append-flushed'; partition: PartitionId; d: DelayedProduce; acks: 0 | 1 | 'all'; timeoutMs: number }
  | { type: 'controller-tick' }
  | { type: 'unclean-election-check' }
  | { type: 'app-send' }
  | { type: 'sender-wake'; at: number }
  | { type: 'request-timeout'; reqId: number; disconnect?: boolean }
  | { type: 'metadata-refresh'; token: number }
  /** A producer's connection attempt to a silent broker timed out (socket.connection.setup.timeout.ms). */
  | { type: 'connect-failed'; broker: BrokerId }
  | { type: 'consumer'; body: ConsumerTimer };

export interface TimerEvent {
  k: 'timer';
  t: number;
  seq: number;
  node: string;
  inc: number;
  body: TimerBody;
}

export interface FaultEvent {
  k: 'fault';
  t: number;
  seq: number;
  fault: Fault;
}

export type SimEvent = NetEvent | TimerEvent | FaultEvent;

/** A leader's parked follower fetch (long poll until data or replica.fetch.wait.max.ms). */
export interface ParkedFetch {
  req: FetchPartitionRequest;
  deadline: number;
}

/** An acks=all produce waiting in the leader's purgatory for the HW to pass it. */
export interface DelayedProduce {
  reqId: number;
  conn: number;
  producer: number;
  producerNode: string;
  requiredOffset: number;
  baseOffset: number;
  batch: WireBatch;
}

/**
 * A client connection as the broker's network layer sees it: after reading a
 * request the channel is muted until its response is sent, so one connection's
 * requests are handled one at a time, in order (SocketServer / Processor).
 */
export interface ClientConnection {
  conn: number;
  busy: boolean;
  queue: Extract<NetBody, { type: 'produce' }>[];
}

export interface BrokerRuntime {
  parked: Map<PartitionId, ParkedFetch[]>;
  purgatory: Map<PartitionId, DelayedProduce[]>;
  /** Producer connections by client node name. */
  conns: Map<string, ClientConnection>;
  /** The replica fetchers' own connections to leaders, by leader (core/connections.ts). */
  fetcherConns: Map<BrokerId, Connection>;
}

export interface ControllerState {
  partitions: ControllerPartition[];
  /** The finalized eligible.leader.replicas.version feature (KIP-966): 1 = the controller tracks and elects from the ELR. */
  elr: boolean;
}

export interface SimContext {
  now: number;
  /** The one RNG's state (mulberry32's integer). */
  random: RngState;
  /** Draws from `random` (a method, not state). */
  readonly rng: Rng;
  /** Everything scheduled: timers, messages in flight, faults. */
  queue: EventQueue<SimEvent>;
  /** The node table: every node's name and typed id. */
  nodes: Map<string, NodeId>;
  lab: LabSettings;
  /** The Kafka release being simulated and the rules that differ by release (kafkaVersions.ts). */
  kafkaVersion: KafkaVersion;
  rules: VersionRules;
  brokers: Broker[];
  runtime: BrokerRuntime[];
  partitions: PartitionInfo[];
  controller: ControllerState;
  producers: ProducerRuntime[];
  msgs: MessageTable;
  net: Network;
  trace: Trace;
  /** Every log batch ever written, as columns by id; a replica's log lists ids (logColumns.ts). */
  batches: BatchTable;
  /** Every batch ever removed from some replica's log, so the checker can tell what happened to it. */
  removed: LogBatch[];
  /** What happened to each log batch, where and when (batchHistory.ts). */
  history: BatchHistory;
  ids: { producerBatch: number; logBatch: number; pid: number; request: number };
  consumers: ConsumerWorld | null;
  /** Index of the trace event currently being handled (a fault, an election), for causes. */
  cause: number;
  timer(node: string, delayMs: number, body: TimerBody): void;
  send(from: string, to: string, body: NetBody): boolean;
  record(ev: TraceEvent): number;
  incarnationOf(node: string): number;
  alive(node: string): boolean;
  /** Every node (controller, brokers, producers, consumers) registers its typed id; whether it is up and which life it is in follow from its kind's state. */
  registerNode(name: string, id: NodeId): void;
  /** The typed identity behind a node name; messages and timers are dispatched by its kind, never by the name's spelling. */
  nodeOf(name: string): NodeId | undefined;
}

export type NodeKind = 'controller' | 'broker' | 'producer' | 'consumer' | 'lab';

/** A node's kind and its index within that kind: a broker's id, a producer's or consumer's place in the scenario. */
export interface NodeId {
  readonly kind: NodeKind;
  readonly index: number;
}

export const brokerOf = (ctx: SimContext, id: BrokerId): Broker => ctx.brokers[id - 1];

/** The producer a node name stands for, through its typed node id. */
export function producerNamed(ctx: SimContext, name: string): ProducerRuntime | undefined {
  const id = ctx.nodeOf(name);
  return id?.kind === 'producer' ? ctx.producers[id.index] : undefined;
}
export const runtimeOf = (ctx: SimContext, id: BrokerId): BrokerRuntime => ctx.runtime[id - 1];
