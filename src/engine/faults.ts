/**
 * Faults as data: what a scenario schedules and what the UI sends on command.
 * A broker target is a broker id, or the current leader of a named partition,
 * resolved when the fault fires.
 */
import { ScenarioError } from './scenarioError.ts';
import { describe } from './configParse.ts';
import type { TopicSpec } from './scenario.ts';

export type BrokerTarget = number | { leaderOf: string };

export type Fault =
  | { at: number; type: 'crash' | 'shutdown' | 'restart'; broker: BrokerTarget }
  | { at: number; type: 'power-loss'; brokers: BrokerTarget[] }
  /** Nodes in different groups cannot reach each other; nodes in no group keep all their links. */
  | { at: number; type: 'partition'; groups: string[][] }
  | { at: number; type: 'isolate'; node: string | { leaderOf: string } }
  | { at: number; type: 'heal' }
  | { at: number; type: 'link'; from: string; to: string; drop?: number; delayMs?: number; oneWay?: boolean }
  | { at: number; type: 'slow-follower'; broker: BrokerTarget; delayMs: number }
  | { at: number; type: 'producer-restart'; producer: string }
  | { at: number; type: 'consumer-crash' | 'consumer-close' | 'consumer-restart' | 'consumer-add'; consumer: string }
  | { at: number; type: 'consumer-stall'; consumer: string; ms: number };

export type FaultType = Fault['type'];

export const FAULT_TYPES: FaultType[] = ['crash', 'shutdown', 'restart', 'power-loss', 'partition', 'isolate', 'heal', 'link', 'slow-follower', 'producer-restart', 'consumer-crash', 'consumer-close', 'consumer-restart', 'consumer-add', 'consumer-stall'];

interface Ctx {
  brokers: number;
  topics: TopicSpec[];
  producers: string[];
  consumers: string[];
}

export function parseFault(v: unknown, path: string, ctx: Ctx): Fault {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ScenarioError(path, `must be an object like { "at": 3000, "type": "crash", "broker": 1 }, got ${describe(v)}`);
  const o = v as Record<string, unknown>;
  const at = o.at;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0) throw new ScenarioError(`${path}.at`, `must be a non-negative integer (simulated ms), got ${describe(at)}`);
  const type = o.type;
  if (typeof type !== 'string' || !(FAULT_TYPES as string[]).includes(type)) throw new ScenarioError(`${path}.type`, `must be one of ${FAULT_TYPES.join(', ')}, got ${describe(type)}`);
  const nodes = nodeNames(ctx);
  const node = (x: unknown, p: string): string => {
    if (typeof x !== 'string' || !nodes.includes(x)) throw new ScenarioError(p, `must name a node (${nodes.join(', ')}), got ${describe(x)}`);
    return x;
  };
  switch (type as FaultType) {
    case 'crash':
    case 'shutdown':
    case 'restart':
      return { at, type: type as 'crash', broker: brokerTarget(o.broker, `${path}.broker`, ctx) };
    case 'power-loss': {
      const list = o.brokers ?? (o.broker !== undefined ? [o.broker] : undefined);
      if (!Array.isArray(list) || list.length === 0) throw new ScenarioError(`${path}.brokers`, `must be a non-empty list of brokers, got ${describe(list)}`);
      return { at, type: 'power-loss', brokers: list.map((b, i) => brokerTarget(b, `${path}.brokers[${i}]`, ctx)) };
    }
    case 'partition': {
      if (!Array.isArray(o.groups) || o.groups.length < 2) throw new ScenarioError(`${path}.groups`, 'must be a list of at least two groups of node names');
      const seen = new Set<string>();
      const groups = o.groups.map((g, i) => {
        if (!Array.isArray(g) || g.length === 0) throw new ScenarioError(`${path}.groups[${i}]`, 'must be a non-empty list of node names');
        return g.map((n, j) => {
          const name = node(n, `${path}.groups[${i}][${j}]`);
          if (seen.has(name)) throw new ScenarioError(`${path}.groups[${i}][${j}]`, `"${name}" is in two groups`);
          seen.add(name);
          return name;
        });
      });
      return { at, type: 'partition', groups };
    }
    case 'isolate': {
      if (typeof o.node === 'object' && o.node !== null) {
        const t = brokerTarget(o.node, `${path}.node`, ctx);
        if (typeof t === 'number') return { at, type: 'isolate', node: `b${t}` };
        return { at, type: 'isolate', node: t };
      }
      return { at, type: 'isolate', node: node(o.node, `${path}.node`) };
    }
    case 'heal':
      return { at, type: 'heal' };
    case 'link': {
      const drop = o.drop === undefined ? undefined : Number(o.drop);
      if (drop !== undefined && !(drop >= 0 && drop <= 1)) throw new ScenarioError(`${path}.drop`, `must be a probability between 0 and 1, got ${describe(o.drop)}`);
      const delayMs = o.delayMs === undefined ? undefined : o.delayMs;
      if (delayMs !== undefined && (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0)) throw new ScenarioError(`${path}.delayMs`, `must be a non-negative integer, got ${describe(delayMs)}`);
      if (o.oneWay !== undefined && typeof o.oneWay !== 'boolean') throw new ScenarioError(`${path}.oneWay`, `must be true or false, got ${describe(o.oneWay)}`);
      return { at, type: 'link', from: node(o.from, `${path}.from`), to: node(o.to, `${path}.to`), drop, delayMs: delayMs as number | undefined, oneWay: o.oneWay as boolean | undefined };
    }
    case 'slow-follower': {
      const ms = o.delayMs;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) throw new ScenarioError(`${path}.delayMs`, `must be a non-negative integer (extra ms before each fetch), got ${describe(ms)}`);
      return { at, type: 'slow-follower', broker: brokerTarget(o.broker, `${path}.broker`, ctx), delayMs: ms };
    }
    case 'producer-restart': {
      if (typeof o.producer !== 'string' || !ctx.producers.includes(o.producer)) throw new ScenarioError(`${path}.producer`, `must name a producer (${ctx.producers.join(', ') || 'none defined'}), got ${describe(o.producer)}`);
      return { at, type: 'producer-restart', producer: o.producer };
    }
    case 'consumer-stall': {
      const c = consumerName(o.consumer, `${path}.consumer`, ctx);
      const ms = o.ms;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) throw new ScenarioError(`${path}.ms`, `must be a non-negative integer, got ${describe(ms)}`);
      return { at, type: 'consumer-stall', consumer: c, ms };
    }
    default:
      return { at, type: type as 'consumer-crash', consumer: consumerName(o.consumer, `${path}.consumer`, ctx) };
  }
}

function consumerName(v: unknown, path: string, ctx: Ctx): string {
  if (typeof v !== 'string' || !ctx.consumers.includes(v)) throw new ScenarioError(path, `must name a consumer (${ctx.consumers.join(', ') || 'none defined'}), got ${describe(v)}`);
  return v;
}

export function nodeNames(ctx: Ctx): string[] {
  const names = ['controller'];
  for (let b = 1; b <= ctx.brokers; b++) names.push(`b${b}`);
  return names.concat(ctx.producers, ctx.consumers);
}

function brokerTarget(v: unknown, path: string, ctx: Ctx): BrokerTarget {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= ctx.brokers) return v;
  if (typeof v === 'string' && /^b\d$/.test(v) && Number(v.slice(1)) <= ctx.brokers && Number(v.slice(1)) >= 1) return Number(v.slice(1));
  if (typeof v === 'object' && v !== null && typeof (v as { leaderOf?: unknown }).leaderOf === 'string') {
    const name = (v as { leaderOf: string }).leaderOf;
    const ok = ctx.topics.some((t) => Array.from({ length: t.partitions }, (_, i) => `${t.name}-${i}`).includes(name));
    if (!ok) throw new ScenarioError(`${path}.leaderOf`, `no partition named "${name}" (partitions are named topic-index, e.g. "${ctx.topics[0].name}-0")`);
    return { leaderOf: name };
  }
  throw new ScenarioError(path, `must be a broker id from 1 to ${ctx.brokers} or { "leaderOf": "topic-0" }, got ${describe(v)}`);
}
