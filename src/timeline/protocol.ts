/**
 * The typed protocol between a lab's view and its engine host (a Web Worker,
 * or the same code on the main thread): commands in; batched updates out, at
 * most one per animation frame. Everything is plain JSON-safe data.
 */
import type { Fault } from '../engine/core/faults.ts';
import type { ConfigChange, RawScenario } from '../engine/config/liveConfig.ts';
import type { CellSnap, LabSnapshot, PartitionSnap, ReplicaSnap } from '../engine/checker/snapshot.ts';
import type { TraceEvent } from '../engine/core/trace.ts';
import type { StoryStep } from '../engine/checker/story.ts';
import type { AnomalyKind } from '../engine/checker/checker.ts';
import type { TraceMatch } from '../engine/checker/traceMatch.ts';
import type { RunRecord } from './timeline.ts';
import type { Stopped } from './pauseAt.ts';

export type { RunRecord, Stopped };

/** A fault as the UI sends it: applied at the current simulated time. */
export type LiveFault = Fault extends infer F ? (F extends { at: number } ? Omit<F, 'at'> : never) : never;

/** Simulated ms per wall ms; `MAX_SPEED` means as fast as the host can go. */
export const MAX_SPEED = -1;

export type Command =
  /** Load a scenario (untrusted JSON). An invalid one is refused; the running lab stays. */
  | { type: 'load'; scenario: unknown }
  | { type: 'play' }
  | { type: 'pause' }
  /** Run every event of the next moment that has one, then pause. */
  | { type: 'step' }
  | { type: 'speed'; speed: number }
  /** A frame of wall time passed (the host converts it to simulated time by speed). */
  | { type: 'frame'; wallMs: number }
  /** Move the timeline to `t` (within what has been simulated): deterministic replay. */
  | { type: 'seek'; t: number }
  | { type: 'fault'; fault: LiveFault }
  | { type: 'config'; change: ConfigChange }
  /** Start over from t=0 with the current configuration, with the same or a new seed. */
  | { type: 'reset'; seed: number | 'same' }
  /**
   * Stop playing when the run reaches `t`, or right after the moment of the first
   * trace event later than `after` that matches `event` (a lesson's next step).
   * `t: null` without `event` clears it; a load clears it too.
   */
  | { type: 'pause-at'; t: number | null; event?: TraceMatch; after?: number }
  /** Tell a message's story; a consumer-side anomaly names its kind and group. */
  | { type: 'story'; message: number; kind?: AnomalyKind; group?: string }
  /** Rebuild a run from its record (a supervisor after the engine died): replay it to `t`, paused, at `speed`. */
  | { type: 'restore'; run: RunRecord; t: number; speed: number }
  /** Pause and move to `t`, simulating on past the horizon if need be: a run kept at another run's time (the compared run). */
  | { type: 'goto'; t: number };

/** A command the user gave at a simulated time (what replay re-applies). */
export type LoggedCommand = { t: number; cmd: { type: 'fault'; fault: LiveFault } | { type: 'config'; change: ConfigChange } };

export interface ScenarioInfo {
  name: string;
  description: string;
  seed: number;
  until: number;
  brokers: number;
  /** The Kafka release whose defaults and rules the run uses (cluster.kafkaVersion). */
  kafkaVersion: string;
  /** Detail events (appends, fetches) are in the trace. */
  detail: boolean;
  /** The scenario as it stands now (configuration changes included): what a reset starts from. */
  raw: RawScenario;
  topics: { name: string; partitions: number; replicationFactor: number; config: Record<string, string | number | boolean> }[];
  producers: { name: string; topic: string; rate: number; count: number; keys: number; config: Record<string, string | number | boolean>; explicit: string[] }[];
  brokerConfig: Record<string, string | number | boolean>;
  /** Consumers with their Kafka configs and the application's choices (commit order, processing, sink). */
  consumers: { name: string; group: string; topic: string; config: Record<string, string | number | boolean>; commit: string; processing: string; processingMs: number; sink: string; startAt: number | null }[];
  nodes: string[];
}

export interface ChartSample {
  t: number;
  /** Per partition, per replica (assignment order): LEO; then the partition's HW. */
  leo: number[][];
  hw: number[];
  /** Per consumer group (scenario order): lag as kafka-consumer-groups.sh reports it. */
  lag: number[];
  processedTwice: number;
  lostAfterBroker: number;
  lostAcked: number;
  lostUnacked: number;
  duplicated: number;
  reordered: number;
}

/**
 * A snapshot as it crosses to the view: the time, next event and messages in
 * flight always; every other piece only when it changed since the previous
 * update (partitions one by one: null = unchanged). The first update after a
 * load carries everything.
 */
export type SnapshotPatch = Pick<LabSnapshot, 't' | 'next' | 'flights'> &
  Partial<Omit<LabSnapshot, 't' | 'next' | 'flights' | 'partitions'>> & { partitions?: (PartitionPatch | null)[] };

/**
 * A replica's cells as they cross: `cells` whole, or with `keep: [from, n]`
 * the n cells the view holds for this replica from index `from`, followed by
 * `cells` (the new ones). See patch.ts.
 */
export interface CellsPatch {
  cells: CellSnap[];
  keep?: [number, number];
}
export type ReplicaPatch = Omit<ReplicaSnap, 'cells'> & CellsPatch;
export type PartitionPatch = Omit<PartitionSnap, 'replicas'> & { replicas: ReplicaPatch[] };

export interface Update {
  type: 'update';
  playing: boolean;
  speed: number;
  /** Furthest simulated time of this timeline (the end of the scrubber). */
  horizon: number;
  snapshot: SnapshotPatch;
  /** Trace events [traceFrom, traceFrom + events.length) of this timeline; the store drops what it held from traceFrom on. */
  traceFrom: number;
  events: TraceEvent[];
  /** Chart samples newer than any the store holds; `samplesFrom`: drop held samples at or after this time first. */
  samplesFrom: number;
  samples: ChartSample[];
  /** The command log's times (markers on the timeline). */
  commands: number[];
  /** The configuration in force at this moment, when it changed (a config change, a seek across one). */
  info?: ScenarioInfo;
  /** The run as plain data, when its command log changed: what a supervisor rebuilds it from. */
  run?: RunRecord;
  /** Playing stopped by itself at a pause-at: when, why, and (an event) the trace index of the match. */
  stopped?: Stopped;
  /**
   * The command (not a frame) this update answers: it carries every piece of
   * the snapshot, and the view shows its text at once, not at its next
   * throttled refresh, so what the user did is on screen in the same frame.
   */
  answers?: Command['type'];
}

export type HostEvent =
  | { type: 'loaded'; info: ScenarioInfo }
  | Update
  /** `reason` is English; a refused scenario also carries its problem code and arguments (scenarioProblems.ts) for a translation. */
  | { type: 'error'; where: string; reason: string; command: Command['type']; code?: string; args?: Record<string, string | number> }
  | { type: 'config-applied'; mode: 'producer-restart' | 'dynamic' | 'new-run'; key: string; value: string; note?: string }
  | { type: 'story'; message: number; kind: AnomalyKind | null; partition: string; key: string | null; steps: StoryStep[] };
