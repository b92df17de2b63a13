/**
 * A client's connections to brokers, as Kafka's NetworkClient keeps them
 * (ClusterConnectionStates, KIP-601). Producers, consumers and follower
 * fetchers (the replica fetcher's own NetworkClient, BrokerBlockingSender) all
 * go through it. A request goes over an established connection; the first
 * request to a broker, or the first after the connection was closed (a request
 * timed out, the broker's host reset it), opens a new one. To a host that
 * answers nothing (powered off, or cut off by a partition) the TCP handshake
 * never completes: the attempt fails after socket.connection.setup.timeout.ms
 * (10 s, doubling for each consecutive failure up to
 * socket.connection.setup.timeout.max.ms, 30 s, ±20% jitter), as disconnected,
 * instead of waiting request.timeout.ms. After a failed or closed connection
 * the next attempt waits reconnect.backoff.ms (clients: 50 ms, doubling up to
 * reconnect.backoff.max.ms, 1 s, ±20%; the replica fetcher: 0). A host that is
 * up but whose broker process is down refuses the connection at once
 * (sim/refused.ts). Connection setup to a live host is instant here (no
 * handshake round trip), and the reconnect backoff delays only attempts to a
 * silent host: both are a few milliseconds in Kafka. A handshake under way when
 * the path heals still fails at its timeout (SYN retransmission not modelled).
 */
import type { SimContext } from './context.ts';
import { brokerOf } from './context.ts';
import { reach } from './network.ts';
import { brokerNode, type BrokerId, type NodeName } from './model.ts';

/** One broker's entry in ClusterConnectionStates. */
export interface Connection {
  ready: boolean;
  /** ClusterConnectionStates.failedAttempts: consecutive disconnects without a ready connection between. */
  failedAttempts: number;
  /** failedConnectAttempts: consecutive connection attempts that timed out. */
  failedConnectAttempts: number;
  /** An attempt to a silent host under way fails at this time (0: none). */
  connectingUntil: number;
  /** When the connection last closed or an attempt last failed: the reconnect backoff counts from here. */
  lastFailAt: number;
}

/** The four settings a NetworkClient is built with. */
export interface ConnectionSettings {
  'socket.connection.setup.timeout.ms': number;
  'socket.connection.setup.timeout.max.ms': number;
  'reconnect.backoff.ms': number;
  'reconnect.backoff.max.ms': number;
}

/**
 * The replica fetcher's NetworkClient (BrokerBlockingSender): the broker's socket.connection.setup.timeout.ms
 * and .max.ms (10 s, 30 s; not lab settings), no reconnect backoff (built with 0). After a failure it closes
 * the connection and forgets its state (NetworkClient.close: connectionStates.remove), so every attempt to a
 * silent leader gets the base setup timeout; the fetcher backs off replica.fetch.backoff.ms in between.
 */
export const FETCHER_CONNECTION: ConnectionSettings = {
  'socket.connection.setup.timeout.ms': 10_000,
  'socket.connection.setup.timeout.max.ms': 30_000,
  'reconnect.backoff.ms': 0,
  'reconnect.backoff.max.ms': 0,
};

/** A client's connection states, one per broker. */
export type Connections = Map<BrokerId, Connection>;

/** ExponentialBackoff: base × 2^attempts, ±20% jitter, at most max. */
function backoff(ctx: SimContext, base: number, attempts: number, max: number): number {
  const term = Math.min(base * 2 ** Math.min(attempts, 30), max);
  return Math.min(max, Math.round(term * (0.8 + 0.4 * ctx.rng.next())));
}

function connectionTo(conns: Connections, broker: BrokerId): Connection {
  let c = conns.get(broker);
  if (!c) conns.set(broker, (c = { ready: false, failedAttempts: 0, failedConnectAttempts: 0, connectingUntil: 0, lastFailAt: 0 }));
  return c;
}

/** Nothing comes back from the broker's host: it is powered off, or no path leads there and back. */
export function silentHost(ctx: SimContext, from: NodeName, broker: BrokerId): boolean {
  if (brokerOf(ctx, broker).status === 'powered-off') return true;
  const there = reach(ctx.net, from, brokerNode(broker));
  const back = reach(ctx.net, brokerNode(broker), from);
  return !there.ok || !back.ok || there.drop >= 1 || back.drop >= 1;
}

/**
 * Before a request to `broker`: 0 when it can go now (the connection is up, or
 * opens at once), or in how many ms the connection attempt fails (the request
 * with it, as disconnected). Draws on the RNG only for a silent host.
 */
export function connectFor(ctx: SimContext, from: NodeName, conns: Connections, broker: BrokerId, s: ConnectionSettings): number {
  if (broker <= 0) return 0;
  const c = connectionTo(conns, broker);
  const now = ctx.now;
  // A request for a broker whose connection attempt is under way waits for that attempt.
  if (c.connectingUntil > now) return c.connectingUntil - now;
  // Over an established connection a request to a host gone silent waits request.timeout.ms, as in Kafka.
  if (c.ready) return 0;
  if (!silentHost(ctx, from, broker)) {
    c.ready = true;
    c.failedAttempts = 0;
    c.failedConnectAttempts = 0;
    return 0;
  }
  const wait = c.failedAttempts > 0 ? backoff(ctx, s['reconnect.backoff.ms'], c.failedAttempts - 1, s['reconnect.backoff.max.ms']) : 0;
  const start = Math.max(now, c.lastFailAt + wait);
  const fails = start + backoff(ctx, s['socket.connection.setup.timeout.ms'], c.failedConnectAttempts, s['socket.connection.setup.timeout.max.ms']);
  c.failedConnectAttempts++;
  c.failedAttempts++;
  c.connectingUntil = fails;
  c.lastFailAt = fails;
  return fails - now;
}

/** Is the connection to `broker` established (a request sent now goes straight out)? */
export const isReady = (conns: Connections, broker: BrokerId): boolean => conns.get(broker)?.ready === true;

/** The connection closed under a request (it timed out, or the host reset it): the next request opens a new one. */
export function disconnected(ctx: SimContext, conns: Connections, broker: BrokerId): void {
  const c = conns.get(broker);
  if (!c || !c.ready) return;
  c.ready = false;
  c.failedConnectAttempts = 0;
  c.failedAttempts++;
  c.lastFailAt = ctx.now;
}
