/**
 * Which node can reach which, and how slowly. Partitions, isolation and
 * per-link faults are rules; `reach` answers for one direction of one link.
 *
 * Kafka talks over TCP: messages on a connection arrive in order or not at
 * all. So a "dropped" message breaks its connection: nothing more passes
 * between the two nodes until a client gives up on a request and reconnects
 * (or, for connections without such a timeout, after RECONNECT_AFTER_MS).
 * A message sent over a link that a partition, an isolation or a fully lossy
 * link cuts is not lost either: TCP keeps retransmitting it (RTO from 200 ms,
 * doubling, at most 120 s apart). It is held here and, once the network
 * heals, arrives at the connection's next retransmission, unless the client
 * closed the connection first (a request timeout: `reconnect`).
 */
import { nextRandom, type RngState } from './rng.ts';

export type LinkRule =
  | { kind: 'groups'; groups: string[][] }
  | { kind: 'isolate'; node: string }
  | { kind: 'link'; from: string; to: string; oneWay: boolean; drop: number; delayMs: number };

export interface Reach {
  ok: boolean;
  delayMs: number;
  drop: number;
}

/** A broken connection with no request timeout of its own comes back after this long (socket timeouts are 30 s in Kafka). */
export const RECONNECT_AFTER_MS = 30_000;

/** The network's state as data: the rules in force, a cache of what they mean per link, and the broken connections. */
export interface Network {
  latencyMs: number;
  rules: LinkRule[];
  /** By sender, then receiver: two lookups of names hashed once, not a key string built per message. */
  cache: Map<string, Map<string, Reach>>;
  /** Broken connections (unordered node pair) and when they come back at the latest. */
  broken: Map<string, number>;
  /** Messages sent over a cut link, oldest first, waiting in TCP's retransmission queue (frozen). */
  held: HeldMessage[];
}

/** A message TCP keeps retransmitting: what the network event will carry once it gets through. */
export interface HeldMessage {
  from: string;
  to: string;
  fromInc: number;
  toInc: number;
  sentAt: number;
  body: unknown;
}

export const newNetwork = (latencyMs: number): Network => ({ latencyMs, rules: [], cache: new Map(), broken: new Map(), held: [] });

/** Linux: the first retransmission after TCP_RTO_MIN (200 ms), then doubling up to TCP_RTO_MAX (120 s). */
export const TCP_RTO_MIN_MS = 200;
export const TCP_RTO_MAX_MS = 120_000;

/** The first retransmission of a segment first sent at `sentAt` that happens at or after `now`. */
export function nextRetransmission(sentAt: number, now: number): number {
  let t = sentAt;
  let rto = TCP_RTO_MIN_MS;
  while (t + rto < now) {
    t += rto;
    rto = Math.min(rto * 2, TCP_RTO_MAX_MS);
  }
  return t + rto;
}

/** A message could not pass a cut link: TCP holds it for retransmission. */
export function hold(n: Network, m: HeldMessage): void {
  n.held.push(Object.freeze(m));
}

/**
 * The network healed: each connection's held messages arrive together, in the
 * order sent, at the retransmission of its oldest one (the connection's
 * retransmission timer backs off from that segment). Returns them with their
 * arrival time (before latency).
 */
export function releaseHeld(n: Network, now: number): { at: number; m: HeldMessage }[] {
  const first = new Map<string, number>();
  const out: { at: number; m: HeldMessage }[] = [];
  for (const m of n.held) {
    const key = `${m.from}>${m.to}`;
    let at = first.get(key);
    if (at === undefined) first.set(key, (at = nextRetransmission(m.sentAt, now)));
    out.push({ at, m });
  }
  n.held = [];
  return out;
}

export function addLinkRule(n: Network, rule: LinkRule): void {
  n.rules.push(rule);
  n.cache.clear();
}

/** Every rule lifted. The messages held meanwhile are released by the caller (releaseHeld). */
export function healNetwork(n: Network): void {
  n.rules = [];
  n.cache.clear();
  n.broken.clear();
}

/** A client closed a connection that stopped answering and opens a new one: what TCP still held for it is gone. */
export function reconnect(n: Network, a: string, b: string): void {
  n.broken.delete(pairKey(a, b));
  if (n.held.length && n.held.some((m) => (m.from === a && m.to === b) || (m.from === b && m.to === a))) {
    n.held = n.held.filter((m) => !((m.from === a && m.to === b) || (m.from === b && m.to === a)));
  }
}

export function isBroken(n: Network, a: string, b: string, now: number): boolean {
  const until = n.broken.get(pairKey(a, b));
  return until !== undefined && until > now;
}

export function reach(n: Network, from: string, to: string): Reach {
  let byTo = n.cache.get(from);
  if (!byTo) n.cache.set(from, (byTo = new Map()));
  let r = byTo.get(to);
  if (!r) {
    r = compute(n, from, to);
    byTo.set(to, r);
  }
  return r;
}

/** Decides one message: undefined if it is lost on the way, else its delivery delay. */
export function transit(n: Network, from: string, to: string, rng: RngState, now: number): number | undefined {
  // A healthy network (most of every run): every link is open, undelayed and lossless.
  if (n.rules.length === 0 && n.broken.size === 0) return n.latencyMs;
  const r = reach(n, from, to);
  if (!r.ok) return undefined;
  if (n.broken.size > 0 && isBroken(n, from, to, now)) return undefined;
  if (r.drop > 0 && nextRandom(rng) < r.drop) {
    n.broken.set(pairKey(from, to), now + RECONNECT_AFTER_MS);
    return undefined;
  }
  return n.latencyMs + r.delayMs;
}

function compute(n: Network, from: string, to: string): Reach {
  let ok = true;
  let delayMs = 0;
  let drop = 0;
  for (const rule of n.rules) {
    if (rule.kind === 'isolate') {
      if (rule.node === from || rule.node === to) ok = false;
    } else if (rule.kind === 'groups') {
      const gf = rule.groups.findIndex((g) => g.includes(from));
      const gt = rule.groups.findIndex((g) => g.includes(to));
      if (gf >= 0 && gt >= 0 && gf !== gt) ok = false;
    } else if ((rule.from === from && rule.to === to) || (!rule.oneWay && rule.from === to && rule.to === from)) {
      if (rule.drop >= 1) ok = false;
      else drop = 1 - (1 - drop) * (1 - rule.drop);
      delayMs += rule.delayMs;
    }
  }
  return { ok, delayMs, drop };
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** No network fault in force and no broken connection waiting to come back. */
export const isQuiet = (n: Network): boolean => n.rules.length === 0 && n.broken.size === 0;
