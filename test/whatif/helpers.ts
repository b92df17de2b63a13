/** Small scenarios for what-if tests, and a runner that runs jobs in this thread. */
import { runOne } from '../../src/whatif/runOne.ts';
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
