/**
 * Consumer groups in a scenario: each entry is one KafkaConsumer plus the
 * application around it (how it processes records, when it commits, where it
 * writes). Read by scenarioSchema.ts / scenarioRules.ts; the group
 * protocol lives in groupCoordinator.ts / consumerClient.ts. Format: docs/scenario.md, "Consumers".
 */
import type { ConsumerConfig } from '../core/configSpec.ts';

export type CommitMode = 'auto' | 'before-process' | 'after-process';
export type ProcessingMode = 'inline' | 'queue' | 'thread-pool' | 'per-key-queue';

export interface ConsumerSpec {
  name: string;
  group: string;
  topic: string;
  config: ConsumerConfig;
  explicit: string[];
  /** 'auto': enable.auto.commit; otherwise the app calls commitSync/commitAsync before or after processing. */
  commit: CommitMode;
  commitPer: 'batch' | 'record';
  commitApi: 'sync' | 'async';
  /**
   * Which offset a manual commit names: 'next' (the last processed record's offset + 1, as
   * Kafka's docs require) or 'last-processed' (the record's own offset: the classic off-by-one,
   * so whoever resumes from the commit reads that record again).
   */
  commitOffset: 'next' | 'last-processed';
  processing: ProcessingMode;
  /** Worker threads (thread-pool, per-key-queue). */
  threads: number;
  processingMs: number;
  /** Each record takes processingMs × (1 ± jitter), drawn from the scenario's RNG. */
  processingJitter: number;
  sink: 'plain' | 'idempotent';
  /** Simulated ms at which the process starts; null: only a consumer-add fault starts it. */
  startAt: number | null;
  /** In-memory hand-off queue bound; poll() blocks while it is full. */
  queueCapacity: number;
  /** The Duration the app passes to poll(). */
  pollTimeoutMs: number;
}
