/**
 * Which node can reach which, and how slowly. Partitions, isolation and
 * per-link faults are rules; `reach` answers for one direction of one link.
 *
 * Kafka talks over TCP: messages on a connection arrive in order or not at
 * all. So a "dropped" message breaks its connection: nothing more passes
 * between the two nodes until a client gives up on a request and reconnects
 * (or, for connections without such a timeout, after RECONNECT_AFTER_MS).
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
}

export const newNetwork = (latencyMs: number): Network => ({ latencyMs, rules: [], cache: new Map(), broken: new Map() });

export function addLinkRule(n: Network, rule: LinkRule): void {
  n.rules.push(rule);
  n.cache.clear();
}

export function healNetwork(n: Network): void {
  n.rules = [];
  n.cache.clear();
  n.broken.clear();
}

/** A client closed a connection that stopped answering and opens a new one. */
export function reconnect(n: Network, a: string, b: string): void {
  n.broken.delete(pairKey(a, b));
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
