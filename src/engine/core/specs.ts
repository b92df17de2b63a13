/**
 * What a scenario asks the simulation to build, as the running state keeps it:
 * the lab's own settings, each topic, each producer application. The scenario
 * file's format and validation live in scenario/; the runtime reads these.
 */
import type { BrokerConfig, ProducerConfig } from './configSpec.ts';

export interface LabSettings {
  /** One-way network latency between any two nodes. */
  'network.latency.ms': number;
  /** Linux vm.dirty_expire_centisecs: page-cache data older than this is written back by the OS. */
  'os.dirty.expire.ms': number;
  /** Linux vm.dirty_writeback_centisecs: how often the OS flusher wakes. */
  'os.writeback.interval.ms': number;
  /** 'leader-epoch' (Kafka 0.11+, KIP-101/KIP-279) or 'high-watermark' (before 0.11). */
  truncation: 'leader-epoch' | 'high-watermark';
  /** How long one fsync takes (ms): appends that flush wait for it, and fsyncs on one broker's disk queue behind each other. */
  'disk.fsync.ms': number;
  /** Record detail events (appends, acks, fetches) in the trace; the UI wants them, the bench not. */
  detail: boolean;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  config: Partial<BrokerConfig>;
}

export interface ProducerSpec {
  name: string;
  topic: string;
  config: ProducerConfig;
  explicit: string[];
  /** Messages per second of simulated time. */
  rate: number;
  count: number;
  /** Distinct keys 'k0'..'k{n-1}', or 0 for unkeyed records. */
  keys: number;
  startAt: number;
  /** What the application does when a send fails: ignore the callback, or send the message again. */
  onError: 'ignore' | 'resend';
  /** What the application does after its process restarts: forget what was never acknowledged, or send it again (a new producer id: idempotence cannot catch the duplicate). */
  onRestart: 'drop' | 'resend';
  messageBytes: number;
}
