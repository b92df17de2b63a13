/**
 * Random fault schedules for the what-if matrix and the counterexample
 * search: faults drawn from the kinds a user picks, at a chosen rate, then a
 * recovery (heal the network, restart every broker) so the checker judges the
 * cluster after it came back, as an operator would. Drawn from the engine's
 * seeded RNG: one schedule seed gives one schedule.
 */
import { createRng, type Rng } from '../engine/core/rng.ts';
import { SettingError } from './settings.ts';

export const FAULT_KINDS = ['crash', 'shutdown', 'restart', 'power-loss', 'power-loss-all', 'partition', 'slow-follower', 'consumer-crash', 'producer-restart'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultModel {
  kinds: FaultKind[];
  /** Mean faults per simulated minute; the count is also capped by maxFaults. */
  rate: number;
  maxFaults: number;
  /** At most this many brokers down at once (crash, shutdown, power loss); Infinity: no limit. */
  maxDown: number;
}

/** What a schedule can name: the scenario's brokers, partitions and applications. */
export interface Shape {
  brokers: number;
  partitions: string[];
  producers: string[];
  consumers: string[];
  until: number;
}

/** A fault as the scenario format writes it. */
export type RawFault = Record<string, unknown> & { at: number; type: string };

export const DEFAULT_MODEL: FaultModel = { kinds: ['crash', 'restart'], rate: 4, maxFaults: 4, maxDown: Infinity };

export function parseKinds(text: string): FaultKind[] {
  const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
  for (const k of kinds) if (!(FAULT_KINDS as readonly string[]).includes(k)) throw new SettingError('unknownKind', { kind: k, kinds: FAULT_KINDS.join(', ') });
  if (kinds.length === 0) throw new SettingError('noKind', { kinds: FAULT_KINDS.join(', ') });
  return kinds as FaultKind[];
}

/** The window faults fall in: after the first second, before the recovery at 60% of the run. */
export const faultWindow = (until: number): [number, number] => [1000, Math.max(1001, Math.floor(until * 0.6))];

/** When everything is brought back: late enough to show the damage, early enough to settle. */
export const recoveryAt = (until: number): number => Math.floor(until * 0.7);

/** Heal the network and restart every broker (a restart of a running broker does nothing). */
export function recovery(shape: Shape): RawFault[] {
  const at = recoveryAt(shape.until);
  const out: RawFault[] = [{ at, type: 'heal' }];
  for (let b = 1; b <= shape.brokers; b++) out.push({ at, type: 'restart', broker: b });
  return out;
}

/** A random schedule (without the recovery), sorted by time. */
export function randomSchedule(seed: number, model: FaultModel, shape: Shape): RawFault[] {
  const rng = createRng(seed);
  const [from, to] = faultWindow(shape.until);
  const mean = (model.rate * (to - from)) / 60_000;
  const count = Math.min(model.maxFaults, Math.max(1, poisson(rng, mean)));
  const times = Array.from({ length: count }, () => from + rng.int(to - from)).sort((a, b) => a - b);
  const kinds = usable(model.kinds, shape);
  if (kinds.length === 0) return [];
  const down = new Set<number>();
  const out: RawFault[] = [];
  for (const at of times) {
    const f = drawFault(rng, kinds[rng.int(kinds.length)], at, shape, down, model.maxDown);
    if (f) out.push(...f);
  }
  return out.sort((a, b) => a.at - b.at);
}

function usable(kinds: FaultKind[], shape: Shape): FaultKind[] {
  return kinds.filter((k) => (k === 'consumer-crash' ? shape.consumers.length > 0 : k === 'producer-restart' ? shape.producers.length > 0 : true));
}

/** Knuth's method; means here are small (a few faults a run). */
function poisson(rng: Rng, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > l && k < 1000);
  return k - 1;
}

const pick = <T>(rng: Rng, xs: T[]): T => xs[rng.int(xs.length)];

/**
 * One fault of a kind, or null when the model forbids it now (no broker may
 * go down, nothing is down to restart). Half the broker faults aim at the
 * current leader of a partition, resolved when the fault fires: that is where
 * a crash hurts, and a uniform choice would mostly hit followers.
 */
function drawFault(rng: Rng, kind: FaultKind, at: number, shape: Shape, down: Set<number>, maxDown: number): RawFault[] | null {
  const running = range(shape.brokers).filter((b) => !down.has(b));
  switch (kind) {
    case 'crash':
    case 'shutdown':
    case 'power-loss': {
      if (down.size >= maxDown || running.length === 0) return null;
      const b = pick(rng, running);
      // A leaderOf target may resolve to any running broker, so it is used only while any broker may go down.
      const leaderTarget = rng.next() < 0.5 && maxDown >= shape.brokers;
      down.add(b);
      const target = leaderTarget ? { leaderOf: pick(rng, shape.partitions) } : b;
      return kind === 'power-loss' ? [{ at, type: 'power-loss', brokers: [target] }] : [{ at, type: kind, broker: target }];
    }
    case 'power-loss-all':
      if (maxDown < shape.brokers) return null;
      for (const b of range(shape.brokers)) down.add(b);
      return [{ at, type: 'power-loss', brokers: range(shape.brokers) }];
    case 'restart': {
      if (down.size === 0) return null;
      const b = pick(rng, [...down].sort((x, y) => x - y));
      down.delete(b);
      return [{ at, type: 'restart', broker: b }];
    }
    case 'partition': {
      // Cut one broker off from everyone else for a while (the classic zombie-leader setup).
      const b = pick(rng, range(shape.brokers));
      const others = ['controller', ...range(shape.brokers).filter((x) => x !== b).map((x) => `b${x}`), ...shape.producers, ...shape.consumers];
      if (others.length === 0) return null;
      return [
        { at, type: 'partition', groups: [[`b${b}`], others] },
        { at: at + 2000 + rng.int(15_000), type: 'heal' },
      ];
    }
    case 'slow-follower':
      return [{ at, type: 'slow-follower', broker: pick(rng, range(shape.brokers)), delayMs: pick(rng, [200, 1500, 5000]) }];
    case 'consumer-crash': {
      const c = pick(rng, shape.consumers);
      return [
        { at, type: 'consumer-crash', consumer: c },
        { at: at + 1000 + rng.int(15_000), type: 'consumer-restart', consumer: c },
      ];
    }
    case 'producer-restart':
      return [{ at, type: 'producer-restart', producer: pick(rng, shape.producers) }];
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
