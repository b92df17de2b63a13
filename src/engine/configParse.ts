/**
 * Reads Kafka-style configuration maps into typed values, with errors that name
 * the key and what is wrong (e.g. `producers[0].acks: must be 0, 1 or "all", got "2"`).
 */
import type { ConfigKeySpec, ConfigValue } from './configSpec.ts';
import { ScenarioError } from './scenarioError.ts';

export interface Parsed<T> {
  values: T;
  /** Keys the user set explicitly (idempotence cares whether it was set). */
  explicit: Set<string>;
}

export function parseConfig<T>(specs: Record<string, ConfigKeySpec>, raw: unknown, path: string): Parsed<T> {
  const values: Record<string, ConfigValue> = {};
  for (const [k, s] of Object.entries(specs)) values[k] = s.default;
  const explicit = new Set<string>();
  if (raw === undefined || raw === null) return { values: values as T, explicit };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ScenarioError(path, `must be an object of Kafka config keys, got ${describe(raw)}`);
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const spec = specs[k];
    if (!spec) throw new ScenarioError(`${path}.${k}`, `unknown config key; known keys: ${Object.keys(specs).join(', ')}`);
    values[k] = parseValue(spec, v, `${path}.${k}`);
    explicit.add(k);
  }
  return { values: values as T, explicit };
}

export function parseValue(spec: ConfigKeySpec, v: unknown, path: string): ConfigValue {
  switch (spec.kind) {
    case 'acks': {
      if (v === 0 || v === '0') return 0;
      if (v === 1 || v === '1') return 1;
      if (v === 'all' || v === -1 || v === '-1') return 'all';
      throw new ScenarioError(path, `must be 0, 1 or "all", got ${describe(v)}`);
    }
    case 'bool': {
      if (v === true || v === 'true') return true;
      if (v === false || v === 'false') return false;
      throw new ScenarioError(path, `must be true or false, got ${describe(v)}`);
    }
    case 'enum': {
      if (typeof v === 'string' && spec.values!.includes(v)) return v;
      throw new ScenarioError(path, `must be one of ${spec.values!.map((x) => `"${x}"`).join(', ')}, got ${describe(v)}`);
    }
    case 'list': {
      const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()) : null;
      if (!items || items.length === 0 || items.some((x) => typeof x !== 'string' || !spec.values!.includes(x))) {
        throw new ScenarioError(path, `must be a list of ${spec.values!.map((x) => `"${x}"`).join(', ')}, got ${describe(v)}`);
      }
      return items.join(',');
    }
    case 'int':
    case 'long': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
      if (!Number.isFinite(n) || !Number.isInteger(n)) throw new ScenarioError(path, `must be an integer, got ${describe(v)}`);
      if (spec.min !== undefined && n < spec.min) throw new ScenarioError(path, `must be at least ${spec.min}, got ${n}`);
      if (spec.max !== undefined && n > spec.max) throw new ScenarioError(path, `must be at most ${spec.max}, got ${n}`);
      return Math.min(n, Number.MAX_SAFE_INTEGER);
    }
  }
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
