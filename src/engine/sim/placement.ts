/** Where each partition's replicas live: Kafka's round-robin assignment when a topic is created without one. */
import type { Scenario } from '../scenario/scenario.ts';
import type { PartitionInfo } from '../core/model.ts';

export function buildPartitions(s: Scenario): PartitionInfo[] {
  const out: PartitionInfo[] = [];
  for (const t of s.topics) {
    for (let i = 0; i < t.partitions; i++) {
      const id = out.length;
      // Round-robin replica placement, each partition's preferred leader on a different broker.
      const assignment = Array.from({ length: t.replicationFactor }, (_, k) => ((i + k) % s.brokers) + 1);
      out.push({
        id,
        topic: t.name,
        index: i,
        name: `${t.name}-${i}`,
        assignment,
        minIsr: t.config['min.insync.replicas'] ?? s.brokerConfig['min.insync.replicas'],
        unclean: t.config['unclean.leader.election.enable'] ?? s.brokerConfig['unclean.leader.election.enable'],
        flushMessages: t.config['flush.messages'] ?? s.brokerConfig['flush.messages'],
        flushMs: t.config['flush.ms'] ?? s.brokerConfig['flush.ms'],
        topicOverrides: Object.keys(t.config),
      });
    }
  }
  return out;
}
