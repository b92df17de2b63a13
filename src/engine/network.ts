/**
 * Which node can reach which, and how slowly. Partitions, isolation and
 * per-link faults are rules; `reach` answers for one direction of one link.
 *
 * Kafka talks over TCP: messages on a connection arrive in order or not at
 * all. So a "dropped" message breaks its connection: nothing more passes
 * between the two nodes until a client gives up on a request and reconnects
 * (or, for connections without such a timeout, after RECONNECT_AFTER_MS).
 */
import type { Rng } from './rng.ts';

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

export class Network {
  rules: LinkRule[] = [];
  private cache = new Map<string, Reach>();
  /** Broken connections (unordered node pair) and when they come back at the latest. */
  private broken = new Map<string, number>();

  constructor(readonly latencyMs: number) {}

  add(rule: LinkRule): void {
    this.rules.push(rule);
    this.cache.clear();
  }

  heal(): void {
    this.rules = [];
    this.cache.clear();
    this.broken.clear();
  }

  /** A client closed a connection that stopped answering and opens a new one. */
  reconnect(a: string, b: string): void {
    this.broken.delete(pairKey(a, b));
  }

  isBroken(a: string, b: string, now: number): boolean {
    const until = this.broken.get(pairKey(a, b));
    return until !== undefined && until > now;
  }

  reach(from: string, to: string): Reach {
    const k = from + '>' + to;
    let r = this.cache.get(k);
    if (!r) {
      r = this.compute(from, to);
      this.cache.set(k, r);
    }
    return r;
  }

  /** Decides one message: undefined if it is lost on the way, else its delivery delay. */
  /** No network fault in force and no broken connection waiting to come back. */
  isQuiet(): boolean {
    return this.rules.length === 0 && this.broken.size === 0;
  }

  transit(from: string, to: string, rng: Rng, now: number): number | undefined {
    const r = this.reach(from, to);
    if (!r.ok) return undefined;
    if (this.broken.size > 0 && this.isBroken(from, to, now)) return undefined;
    if (r.drop > 0 && rng.next() < r.drop) {
      this.broken.set(pairKey(from, to), now + RECONNECT_AFTER_MS);
      return undefined;
    }
    return this.latencyMs + r.delayMs;
  }

  private compute(from: string, to: string): Reach {
    let ok = true;
    let delayMs = 0;
    let drop = 0;
    for (const rule of this.rules) {
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
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
