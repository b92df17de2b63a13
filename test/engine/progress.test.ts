/**
 * Every run makes progress: each config key the engine reads, set to 0 and to
 * its largest accepted value, either is refused before the run with a field
 * path or runs to its `until`, or stops with an error naming the zero settings
 * that let time stand still. Nothing loops at one simulated instant.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { BROKER_CONFIG, CONSUMER_CONFIG, INT_MAX, LONG_MAX, PRODUCER_CONFIG, type ConfigKeySpec } from '../../src/engine/core/configSpec.ts';

const UNTIL = 3000;

function base(): Record<string, any> {
  return {
    until: UNTIL,
    cluster: { brokers: 3, config: {}, lab: {} },
    topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
    producers: [{ name: 'p1', rate: 500, count: 500, config: {} }],
    consumers: [{ name: 'c1', group: 'g1', config: { 'auto.offset.reset': 'earliest' } }],
    faults: [{ at: 1000, type: 'crash', broker: { leaderOf: 'orders-0' } }, { at: 2000, type: 'restart', broker: 1 }],
  };
}

type Outcome = 'refused' | 'ran' | 'stalled';

function attempt(raw: unknown): { outcome: Outcome; message?: string } {
  let s;
  try {
    s = parseScenario(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return { outcome: 'refused', message: (e as Error).message };
  }
  const sim = new Simulation(s);
  try {
    sim.runUntil(s.until);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).code).toBe('stalled');
    return { outcome: 'stalled', message: (e as Error).message };
  }
  expect(sim.now).toBe(s.until);
  return { outcome: 'ran' };
}

const extremes = (s: ConfigKeySpec): unknown[] => {
  if (s.kind === 'int') return [0, s.max ?? INT_MAX];
  if (s.kind === 'long') return [0, s.max ?? LONG_MAX];
  return [];
};

const cases: [string, (r: Record<string, any>, v: unknown) => void, unknown][] = [];
for (const [k, s] of Object.entries(BROKER_CONFIG)) for (const v of extremes(s)) cases.push([`cluster.config ${k}=${v}`, (r, x) => (r.cluster.config[k] = x), v]);
for (const [k, s] of Object.entries(PRODUCER_CONFIG)) for (const v of extremes(s)) cases.push([`producer ${k}=${v}`, (r, x) => (r.producers[0].config[k] = x), v]);
for (const [k, s] of Object.entries(CONSUMER_CONFIG)) for (const v of extremes(s)) cases.push([`consumer ${k}=${v}`, (r, x) => (r.consumers[0].config[k] = x), v]);
for (const [k, v] of [['network.latency.ms', 0], ['network.latency.ms', 60000], ['os.dirty.expire.ms', 0], ['os.writeback.interval.ms', 1]] as const) cases.push([`lab ${k}=${v}`, (r, x) => (r.cluster.lab[k] = x), v]);
for (const [k, v] of [['processingMs', 0], ['pollTimeoutMs', 1], ['queueCapacity', 1]] as const) cases.push([`consumer app ${k}=${v}`, (r, x) => (r.consumers[0][k] = x), v]);

describe('every zero or extreme setting terminates', () => {
  it.each(cases)('%s', (_name, set, value) => {
    const raw = base();
    set(raw, value);
    const r = attempt(raw);
    if (r.outcome === 'refused') expect(r.message).toMatch(/^[\w[\]".-]+: /);
    if (r.outcome === 'stalled') expect(r.message).toMatch(/=0/);
  }, 60_000);

  it('zero latency with a zero follower fetch wait stops with an error naming both settings', () => {
    const r = attempt({ until: 5000, cluster: { lab: { 'network.latency.ms': 0 }, config: { 'replica.fetch.wait.max.ms': 0 } } });
    expect(r.outcome).toBe('stalled');
    expect(r.message).toContain('cluster.lab["network.latency.ms"]=0');
    expect(r.message).toContain('cluster.config["replica.fetch.wait.max.ms"]=0');
  }, 60_000);

  it('a consumer with request.timeout.ms 0 and retry.backoff.ms 0 stops with an error naming both', () => {
    const r = attempt({ until: 5000, consumers: [{ config: { 'request.timeout.ms': 0, 'retry.backoff.ms': 0 } }] });
    expect(r.outcome).toBe('stalled');
    expect(r.message).toContain('consumers[0].config["request.timeout.ms"]=0');
    expect(r.message).toContain('consumers[0].config["retry.backoff.ms"]=0');
  }, 60_000);

  it("refuses replica.fetch.wait.max.ms above replica.lag.time.max.ms, as KafkaConfig does", () => {
    const r = attempt({ cluster: { config: { 'replica.fetch.wait.max.ms': 2000, 'replica.lag.time.max.ms': 1000 } } });
    expect(r.outcome).toBe('refused');
    expect(r.message).toMatch(/replica\.fetch\.wait\.max\.ms should always be less than or equal to replica\.lag\.time\.max\.ms/);
  });
});
