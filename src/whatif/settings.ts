/**
 * One setting changed in a scenario's JSON, by its Kafka name: the what-if
 * matrix varies settings the way a user would write them (`acks=all`,
 * `min.insync.replicas=2`), and this module puts each one where the scenario
 * format keeps it. The scenario parser then checks the result as it checks
 * any file, so a value Kafka refuses is refused with Kafka's reason.
 */
import { BROKER_CONFIG, CONSUMER_CONFIG, PRODUCER_CONFIG } from '../engine/core/configSpec.ts';
import { translate } from '../i18n/catalog.ts';
import type { Args } from '../i18n/format.ts';
import { CONSUMER_APP_KEYS, PRODUCER_APP_KEYS, TOPIC_DYNAMIC_KEYS, type RawScenario } from '../engine/config/liveConfig.ts';

export type SettingValue = number | boolean | string;

/** A setting to vary and the values to try, e.g. { key: 'acks', values: [1, 'all'] }. */
export interface Vary {
  key: string;
  values: SettingValue[];
}

/** The consumer application's choices that are not Kafka configs (docs/scenario.md, "Consumers"). */
const CONSUMER_APP = new Set<string>([...CONSUMER_APP_KEYS, 'commitPer', 'commitApi', 'threads', 'processingJitter', 'queueCapacity', 'pollTimeoutMs']);
const CLUSTER_SHAPE = new Set(['brokers', 'partitions', 'replication.factor']);

/** A refused --vary or --faults, as a catalog code and its arguments (whatifCli.<code>); its message is the English. */
export class SettingError extends Error {
  constructor(
    readonly code: 'unknownSetting' | 'varyForm' | 'varyEmpty' | 'unknownKind' | 'noKind',
    readonly args: Args,
  ) {
    super(translate('en', `whatifCli.${code}`, args));
  }
}

/** Where a key lives: which part of the scenario a value for it is written to. */
export type SettingScope = 'producer' | 'producer-app' | 'topic' | 'broker' | 'consumer' | 'consumer-app' | 'cluster' | 'lab';

export function scopeOf(key: string): SettingScope {
  if (key.startsWith('lab.')) return 'lab';
  if (CLUSTER_SHAPE.has(key)) return 'cluster';
  if ((TOPIC_DYNAMIC_KEYS as readonly string[]).includes(key)) return 'topic';
  if (key in BROKER_CONFIG) return 'broker';
  if (key in PRODUCER_CONFIG) return 'producer';
  if ((PRODUCER_APP_KEYS as readonly string[]).includes(key)) return 'producer-app';
  if (key in CONSUMER_CONFIG) return 'consumer';
  if (CONSUMER_APP.has(key)) return 'consumer-app';
  throw new SettingError('unknownSetting', { key });
}

/** "1" -> 1, "true" -> true, "all" -> "all": how a value reads on a command line. */
export function parseValue(text: string): SettingValue {
  const s = text.trim();
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

/** `acks=1,all` -> { key: 'acks', values: [1, 'all'] }. */
export function parseVary(text: string): Vary {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new SettingError('varyForm', { got: text });
  const key = text.slice(0, eq).trim();
  scopeOf(key);
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map(parseValue);
  if (values.length === 0) throw new SettingError('varyEmpty', { key });
  return { key, values };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

/** A copy of `raw` with `key` set to `value` wherever the scenario format keeps it. */
export function applySetting(raw: RawScenario, key: string, value: SettingValue): RawScenario {
  const next = JSON.parse(JSON.stringify(raw)) as Obj;
  const cluster = (next.cluster = obj(next.cluster));
  switch (scopeOf(key)) {
    case 'lab':
      cluster.lab = { ...obj(cluster.lab), [key.slice(4)]: value };
      break;
    case 'cluster':
      if (key === 'brokers') cluster.brokers = value;
      else next.topics = topicsOf(next).map((t) => ({ ...t, [key]: value }));
      break;
    case 'broker':
      cluster.config = { ...obj(cluster.config), [key]: value };
      break;
    case 'topic':
      // A topic-level value overrides the broker's, so set both: the broker default and every topic.
      cluster.config = { ...obj(cluster.config), [key]: value };
      next.topics = topicsOf(next).map((t) => ({ ...t, config: { ...obj(t.config), [key]: value } }));
      break;
    case 'producer':
      next.producers = list(next.producers).map((p) => ({ ...p, config: { ...obj(p.config), [key]: value } }));
      break;
    case 'producer-app':
      next.producers = list(next.producers).map((p) => ({ ...p, [key]: value }));
      break;
    case 'consumer':
      next.consumers = list(next.consumers).map((c) => ({ ...c, config: { ...obj(c.config), [key]: value } }));
      break;
    case 'consumer-app':
      next.consumers = list(next.consumers).map((c) => ({ ...c, [key]: value }));
      break;
  }
  return next;
}

function topicsOf(raw: Obj): Obj[] {
  const t = list(raw.topics);
  return t.length ? t : [{ name: 'orders', partitions: 1 }];
}

/** Every combination of the varied values, in order (the first setting varies slowest). */
export function cellsOf(vary: Vary[]): Record<string, SettingValue>[] {
  let cells: Record<string, SettingValue>[] = [{}];
  for (const v of vary) cells = cells.flatMap((c) => v.values.map((x) => ({ ...c, [v.key]: x })));
  return cells;
}

export function applySettings(raw: RawScenario, settings: Record<string, SettingValue>): RawScenario {
  let out = raw;
  for (const [k, v] of Object.entries(settings)) out = applySetting(out, k, v);
  return out;
}
