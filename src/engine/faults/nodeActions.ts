/**
 * What a user can do to each node, decided here rather than in the view:
 * which faults apply to which kind of node and in which state, how slow a
 * "slow follower" is, and what the lab calls "safe settings". The view draws
 * these as buttons (an action's id names its label) and sends their faults.
 */
import type { Fault, FaultType } from '../core/faults.ts';
import type { ConfigChange } from '../config/liveConfig.ts';
import type { NodeKind } from '../core/context.ts';

type WithoutAt<F> = F extends { at: number } ? Omit<F, 'at'> : never;
export type ActionFault = WithoutAt<Fault>;

/** The fault types that apply to each kind of node (network faults apply to every named node). */
export const FAULTS_BY_KIND: Record<NodeKind, readonly FaultType[]> = {
  broker: ['crash', 'shutdown', 'restart', 'power-loss', 'slow-follower', 'isolate', 'link', 'partition'],
  controller: ['isolate', 'link', 'partition'],
  producer: ['producer-restart', 'isolate', 'link', 'partition'],
  consumer: ['consumer-crash', 'consumer-close', 'consumer-restart', 'consumer-add', 'consumer-stall', 'isolate', 'link', 'partition'],
  lab: [],
};

export const appliesTo = (kind: NodeKind, type: FaultType): boolean => FAULTS_BY_KIND[kind].includes(type);

/** How long the "slow follower" action makes a broker wait before each fetch: a GC pause or a slow disk, below replica.lag.time.max.ms. */
export const SLOW_FOLLOWER_DELAY_MS = 1000;

export type BrokerActionId = 'crash' | 'power' | 'shutdown' | 'restart' | 'isolate' | 'slow' | 'unslow';
export type ConsumerActionId = 'crash' | 'close' | 'start' | 'restart' | 'stall' | 'stallLong' | 'add' | 'addNone';

export interface NodeAction<Id extends string = string> {
  /** Names the action and its label (menu.<id>, cmenu.<id>). */
  id: Id;
  fault: ActionFault;
  enabled: boolean;
  /** Values the label shows (seconds, a member's name). */
  args: Record<string, string | number>;
}

export interface BrokerState {
  id: number;
  status: 'running' | 'crashed' | 'powered-off' | 'stopped' | string;
  stopping: boolean;
  isolated: boolean;
}

/** The delay a broker's follower fetches wait now (the largest over its replicas), 0 when it is not slowed. */
export function slowFollowerMs(partitions: readonly { replicas: readonly { broker: number; slowMs: number }[] }[], broker: number): number {
  let ms = 0;
  for (const p of partitions) for (const r of p.replicas) if (r.broker === broker && r.slowMs > ms) ms = r.slowMs;
  return ms;
}

/** A broker's actions in its current state. */
export function brokerActions(b: BrokerState, slowMs: number): NodeAction<BrokerActionId>[] {
  const up = b.status === 'running';
  const id = b.id;
  return [
    { id: 'crash', fault: { type: 'crash', broker: id }, enabled: up, args: {} },
    { id: 'power', fault: { type: 'power-loss', brokers: [id] }, enabled: b.status !== 'powered-off', args: {} },
    { id: 'shutdown', fault: { type: 'shutdown', broker: id }, enabled: up && !b.stopping, args: {} },
    { id: 'restart', fault: { type: 'restart', broker: id }, enabled: !up, args: {} },
    { id: 'isolate', fault: { type: 'isolate', node: `b${id}` }, enabled: !b.isolated, args: {} },
    slowMs > 0
      ? { id: 'unslow', fault: { type: 'slow-follower', broker: id, delayMs: 0 }, enabled: true, args: { ms: slowMs, s: slowMs / 1000 } }
      : { id: 'slow', fault: { type: 'slow-follower', broker: id, delayMs: SLOW_FOLLOWER_DELAY_MS }, enabled: true, args: { ms: SLOW_FOLLOWER_DELAY_MS, s: SLOW_FOLLOWER_DELAY_MS / 1000 } },
  ];
}

/** How long past max.poll.interval.ms the long stall lasts: enough for the member to be removed. */
const STALL_PAST_POLL_MS = 5000;
const SHORT_STALL_MS = 10000;

/** A consumer's actions: `status` is the member's, `idleSibling` a member of its group that has not started. */
export function consumerActions(name: string, status: string, maxPollMs: number, idleSibling: string | undefined): NodeAction<ConsumerActionId>[] {
  const running = status === 'alive' || status === 'stalled' || status === 'closing';
  const long = maxPollMs + STALL_PAST_POLL_MS;
  return [
    { id: 'crash', fault: { type: 'consumer-crash', consumer: name }, enabled: running, args: {} },
    { id: 'close', fault: { type: 'consumer-close', consumer: name }, enabled: status === 'alive' || status === 'stalled', args: {} },
    status === 'idle' ? { id: 'start', fault: { type: 'consumer-add', consumer: name }, enabled: true, args: {} } : { id: 'restart', fault: { type: 'consumer-restart', consumer: name }, enabled: true, args: {} },
    { id: 'stall', fault: { type: 'consumer-stall', consumer: name, ms: SHORT_STALL_MS }, enabled: running, args: { s: SHORT_STALL_MS / 1000 } },
    { id: 'stallLong', fault: { type: 'consumer-stall', consumer: name, ms: long }, enabled: running, args: { s: Math.round(long / 1000) } },
    idleSibling ? { id: 'add', fault: { type: 'consumer-add', consumer: idleSibling }, enabled: true, args: { name: idleSibling } } : { id: 'addNone', fault: { type: 'consumer-add', consumer: name }, enabled: false, args: {} },
  ];
}

/**
 * "Safe settings": what the Kafka docs recommend for durability. Producers:
 * acks=all with idempotence (no loss on failover, no duplicates from retries);
 * topics: min.insync.replicas=2 where the replication factor allows it (an
 * acknowledged write is on two replicas) and unclean leader election off.
 */
export const SAFE_SETTINGS = { acks: 'all', 'enable.idempotence': true, 'min.insync.replicas': 2, 'unclean.leader.election.enable': false } as const;

export function safeSettings(info: { producers: readonly { name: string }[]; topics: readonly { name: string; replicationFactor: number }[] }): ConfigChange[] {
  const out: ConfigChange[] = [];
  for (const p of info.producers) {
    out.push({ scope: 'producer', producer: p.name, key: 'acks', value: SAFE_SETTINGS.acks });
    out.push({ scope: 'producer', producer: p.name, key: 'enable.idempotence', value: SAFE_SETTINGS['enable.idempotence'] });
  }
  for (const t of info.topics) {
    if (t.replicationFactor >= SAFE_SETTINGS['min.insync.replicas']) out.push({ scope: 'topic', topic: t.name, key: 'min.insync.replicas', value: SAFE_SETTINGS['min.insync.replicas'] });
    out.push({ scope: 'topic', topic: t.name, key: 'unclean.leader.election.enable', value: SAFE_SETTINGS['unclean.leader.election.enable'] });
  }
  return out;
}
