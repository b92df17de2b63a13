/** Small scenarios for what-if tests, and a runner that runs jobs in this thread. */
import fc from 'fast-check';
import { runOne } from '../../src/whatif/runOne.ts';
import { applySettings, type SettingValue } from '../../src/whatif/settings.ts';
import { KAFKA_VERSIONS } from '../../src/engine/core/kafkaVersions.ts';
import type { Job } from '../../src/whatif/matrix.ts';
import type { RunOutcome } from '../../src/whatif/runOne.ts';

export const inProcess = async (jobs: Job[]): Promise<RunOutcome[]> => jobs.map((j) => runOne(j.raw, j.seed, j.faults));

/** Lesson-size: 3 brokers, one partition with RF 3, 600 records, 15 s. */
export function lessonScenario(producerConfig: Record<string, unknown>, clusterConfig: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'what-if test',
    seed: 1,
    until: 15_000,
    cluster: { brokers: 3, config: clusterConfig, lab: { detail: false } },
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
    producers: [{ name: 'p1', topic: 'orders', rate: 100, count: 600, keys: 4, config: producerConfig }],
  };
}

export const SAFE = lessonScenario({ acks: 'all', 'enable.idempotence': true }, { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false });

/** A lesson-size scenario with detail on, as a user's scenario has it: the base of the what-if property tests. */
export const PROPERTY_BASE = { ...lessonScenario({}), cluster: { brokers: 3, config: {} } };

/** Settings that lose, duplicate and keep records, under each release's rules (HW truncation before KIP-101, eligible leader replicas from 4.0, its defaults). */
export const propertySettings = fc.record({
  acks: fc.constantFrom(0, 1, 'all'),
  'min.insync.replicas': fc.constantFrom(1, 2),
  'unclean.leader.election.enable': fc.boolean(),
  'flush.messages': fc.constantFrom(1, 9_223_372_036_854_775_807),
  kafkaVersion: fc.constantFrom(...KAFKA_VERSIONS),
});

/** The cell a drawn setting gives (idempotence off where acks is not all, as Kafka requires). */
export function propertyCell({ kafkaVersion, ...set }: { kafkaVersion: string } & Record<string, SettingValue>): Record<string, unknown> {
  const versioned = { ...PROPERTY_BASE, cluster: { ...PROPERTY_BASE.cluster, kafkaVersion } };
  return applySettings(versioned, set.acks === 'all' ? set : { ...set, 'enable.idempotence': false });
}
