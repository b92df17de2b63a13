/** Scenarios offered as presets: the built-in first look, the benchmark cluster, and the examples in public/scenarios. */
import { BUSY, FIRST_LOOK } from './defaultScenario.ts';

export interface Preset {
  id: string;
  label: string;
  /** Built in, or a file under public/scenarios. */
  scenario?: unknown;
  file?: string;
}

export const PRESETS: Preset[] = [
  { id: 'first-look', label: 'First look (3 brokers, a slow follower)', scenario: FIRST_LOOK },
  { id: 'acks1-failover', label: 'acks=1: acknowledged, then lost on failover', file: 'acks1-failover.json' },
  { id: 'acks0-loss', label: 'acks=0: the producer never knows', file: 'acks0-loss.json' },
  { id: 'safe-leader-crash', label: 'A safe configuration survives a leader crash', file: 'safe-leader-crash.json' },
  { id: 'power-loss-all', label: 'acks=all is not fsync: a rack loses power', file: 'power-loss-all.json' },
  { id: 'retries-duplicate', label: 'Retries without idempotence: duplicates', file: 'retries-duplicate.json' },
  { id: 'consumer-autocommit-crash', label: 'Consumers: auto-commit, a member killed: processed twice', file: 'consumer-autocommit-crash.json' },
  { id: 'consumer-autocommit-queue-loss', label: 'Consumers: auto-commit + in-memory queue: never processed', file: 'consumer-autocommit-queue-loss.json' },
  { id: 'consumer-commit-before-process', label: 'Consumers: commit before processing: at most once', file: 'consumer-commit-before-process.json' },
  { id: 'consumer-process-then-commit', label: 'Consumers: process, then commit: at least once', file: 'consumer-process-then-commit.json' },
  { id: 'consumer-idempotent-sink', label: 'Consumers: at least once + idempotent sink', file: 'consumer-idempotent-sink.json' },
  { id: 'consumer-stall-rebalance', label: 'Consumers: a stall past max.poll.interval.ms', file: 'consumer-stall-rebalance.json' },
  { id: 'consumer-clean-close', label: 'Consumers: a clean close commits, no duplicates', file: 'consumer-clean-close.json' },
  { id: 'consumer-idle-members', label: 'Consumers: more members than partitions', file: 'consumer-idle-members.json' },
  { id: 'consumer-thread-pool-reorder', label: 'Consumers: a thread pool reorders a key', file: 'consumer-thread-pool-reorder.json' },
  { id: 'consumer-offset-reset-latest', label: 'Consumers: auto.offset.reset=latest skips', file: 'consumer-offset-reset-latest.json' },
  { id: 'busy', label: 'Busy cluster (5 brokers, 6 partitions)', scenario: BUSY },
];

/** Loads a preset's scenario JSON; throws an Error naming what went wrong. */
export async function loadPreset(p: Preset): Promise<unknown> {
  if (p.scenario) return p.scenario;
  const url = new URL(`scenarios/${p.file}`, document.baseURI).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${p.file}: HTTP ${res.status}`);
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${p.file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}
