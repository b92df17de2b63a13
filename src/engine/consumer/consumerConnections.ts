/**
 * A consumer's connections to brokers, as NetworkClient keeps them
 * (ClusterConnectionStates, KIP-601). A request goes over an established
 * connection; the first request to a broker, or the first after the connection
 * was closed (a request timed out, the broker's host reset it), opens a new one.
 * To a host that answers nothing (powered off, or cut off by a partition) the
 * TCP handshake never completes: the attempt fails after
 * socket.connection.setup.timeout.ms (10 s, doubling for each consecutive
 * failure up to socket.connection.setup.timeout.max.ms, 30 s, ±20% jitter), and
 * the request with it, as disconnected, instead of waiting request.timeout.ms.
 * After a failed or closed connection the next attempt waits
 * reconnect.backoff.ms (50 ms, doubling up to reconnect.backoff.max.ms, 1 s,
 * ±20%). A host that is up but whose broker process is down refuses the
 * connection at once (refused.ts). Connection setup to a live host is instant
 * here (no handshake round trip), and the reconnect backoff delays only
 * attempts to a silent host: both are a few milliseconds in Kafka.
 */
import type { SimContext } from '../core/context.ts';
import { brokerOf } from '../core/context.ts';
import { reach } from '../core/network.ts';
import type { Connection, Member } from '../core/consumerModel.ts';

/** ExponentialBackoff: base × 2^attempts, ±20% jitter, at most max. */
function backoff(ctx: SimContext, base: number, attempts: number, max: number): number {
  const term = Math.min(base * 2 ** Math.min(attempts, 30), max);
  return Math.min(max, Math.round(term * (0.8 + 0.4 * ctx.rng.next())));
}

function connectionTo(m: Member, broker: number): Connection {
  let c = m.conns.get(broker);
  if (!c) m.conns.set(broker, (c = { ready: false, failedAttempts: 0, failedConnectAttempts: 0, connectingUntil: 0, lastFailAt: 0 }));
  return c;
}

/** Nothing comes back from the broker's host: it is powered off, or no path leads there and back. */
function silent(ctx: SimContext, m: Member, broker: number): boolean {
  if (brokerOf(ctx, broker).status === 'powered-off') return true;
  const there = reach(ctx.net, m.name, `b${broker}`);
  const back = reach(ctx.net, `b${broker}`, m.name);
  return !there.ok || !back.ok || there.drop >= 1 || back.drop >= 1;
}

/**
 * Before a request to `broker`: 0 when it can go now (the connection is up, or
 * opens at once), or in how many ms it fails as disconnected because the
 * connection cannot be set up. Draws on the RNG only for a silent host.
 */
export function connectFor(ctx: SimContext, m: Member, broker: number): number {
  if (broker <= 0) return 0;
  const c = connectionTo(m, broker);
  const now = ctx.now;
  // A request for a broker whose connection attempt is under way waits for that attempt.
  if (c.connectingUntil > now) return c.connectingUntil - now;
  // Over an established connection a request to a host gone silent waits request.timeout.ms, as in Kafka.
  if (c.ready) return 0;
  if (!silent(ctx, m, broker)) {
    c.ready = true;
    c.failedAttempts = 0;
    c.failedConnectAttempts = 0;
    return 0;
  }
  const cfg = m.spec.config;
  const wait = c.failedAttempts > 0 ? backoff(ctx, cfg['reconnect.backoff.ms'], c.failedAttempts - 1, cfg['reconnect.backoff.max.ms']) : 0;
  const start = Math.max(now, c.lastFailAt + wait);
  const fails = start + backoff(ctx, cfg['socket.connection.setup.timeout.ms'], c.failedConnectAttempts, cfg['socket.connection.setup.timeout.max.ms']);
  c.failedConnectAttempts++;
  c.failedAttempts++;
  c.connectingUntil = fails;
  c.lastFailAt = fails;
  return fails - now;
}

/** The connection closed under a request (it timed out, or the host reset it): the next request opens a new one. */
export function disconnected(ctx: SimContext, m: Member, broker: number): void {
  const c = m.conns.get(broker);
  if (!c || !c.ready) return;
  c.ready = false;
  c.failedConnectAttempts = 0;
  c.failedAttempts++;
  c.lastFailAt = ctx.now;
}
