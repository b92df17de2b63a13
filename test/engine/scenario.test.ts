import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenarioText } from '../../src/engine/scenario/scenarioText.ts';
import { scenarioJsonSchemaText } from '../../src/cli/jsonSchema.ts';
import { errorOf, run, scenario } from './helpers.ts';

describe('scenario validation names the field and the problem', () => {
  it('rejects acks other than 0, 1 or all', () => {
    expect(errorOf(scenario({}, { config: { acks: '2' } }))).toBe('producers[0].config.acks: must be 0, 1 or "all", got "2"');
  });

  it('accepts Kafka property-file strings and -1 for all', () => {
    const s = parseScenario(scenario({}, { config: { acks: '-1', retries: '5', 'enable.idempotence': 'true' } }));
    expect(s.producers[0].config.acks).toBe('all');
    expect(s.producers[0].config.retries).toBe(5);
  });

  it('uses the current Kafka producer defaults', () => {
    const c = parseScenario(scenario()).producers[0].config;
    expect(c).toMatchObject({ acks: 'all', 'enable.idempotence': true, retries: 2147483647, 'linger.ms': 5, 'delivery.timeout.ms': 120000, 'request.timeout.ms': 30000, 'max.in.flight.requests.per.connection': 5 });
  });

  it('turns default idempotence off silently when acks=1 conflicts with it', () => {
    expect(parseScenario(scenario({}, { config: { acks: 1 } })).producers[0].config['enable.idempotence']).toBe(false);
  });

  it('refuses explicit idempotence with a conflicting setting, as the producer does (ConfigException)', () => {
    expect(errorOf(scenario({}, { config: { acks: 1, 'enable.idempotence': true } }))).toMatch(/enable\.idempotence.*ConfigException.*acks must be set to "all"/);
  });

  it('refuses more than 5 requests in flight with idempotence on, even by default (Kafka 4.0, KAFKA-17927)', () => {
    expect(errorOf(scenario({}, { config: { 'max.in.flight.requests.per.connection': 6 } }))).toMatch(/max\.in\.flight\.requests\.per\.connection.*at most 5\. Current value is 6/);
    expect(parseScenario(scenario({}, { config: { 'max.in.flight.requests.per.connection': 6, 'enable.idempotence': false } })).producers[0].config['max.in.flight.requests.per.connection']).toBe(6);
  });

  it('rejects unknown config keys, naming the known ones', () => {
    expect(errorOf(scenario({}, { config: { ack: 1 } }))).toMatch(/^producers\[0\]\.config\.ack: unknown config key; known keys: acks, /);
  });

  it('rejects a replication factor larger than the cluster, with Kafka\'s error name', () => {
    expect(errorOf(scenario({ topics: [{ name: 'orders', partitions: 1, 'replication.factor': 5 }] }))).toMatch(/INVALID_REPLICATION_FACTOR/);
  });

  it('takes min.insync.replicas above the replication factor as the replication factor, as Kafka 3.7+ does (effectiveMinIsr)', () => {
    const r = run(scenario({ until: 5000, topics: [{ name: 'orders', 'replication.factor': 2, config: { 'min.insync.replicas': 3 } }] }, { count: 100 }));
    expect(r.of('produce-error')).toEqual([]);
    expect(r.result.summary.acked).toBe(100);
  });

  it('rejects delivery.timeout.ms below linger.ms + request.timeout.ms', () => {
    expect(errorOf(scenario({}, { config: { 'delivery.timeout.ms': 1000 } }))).toMatch(/delivery\.timeout\.ms.*linger\.ms \+ request\.timeout\.ms/);
  });

  it('names a bad fault precisely', () => {
    expect(errorOf(scenario({ faults: [{ at: 100, type: 'explode' }] }))).toMatch(/^faults\[0\]\.type: must be one of crash, /);
    expect(errorOf(scenario({ faults: [{ at: 100, type: 'crash', broker: 7 }] }))).toMatch(/^faults\[0\]\.broker: must be a broker id from 1 to 3/);
    expect(errorOf(scenario({ faults: [{ at: 100, type: 'crash', broker: { leaderOf: 'nope-0' } }] }))).toMatch(/no partition named "nope-0"/);
    expect(errorOf(scenario({ faults: [{ at: -1, type: 'heal' }] }))).toMatch(/^faults\[0\]\.at: must be a non-negative integer/);
  });

  it('rejects a non-object scenario and unknown top-level fields', () => {
    expect(errorOf([])).toMatch(/^scenario: must be an object/);
    expect(errorOf({ ...scenario(), brokers: 3 })).toMatch(/^scenario\.brokers: unknown field/);
  });

  it('refuses a misspelt field in a fault entry, naming the fields a link takes', () => {
    expect(errorOf(scenario({ faults: [{ at: 100, type: 'link', from: 'b1', to: 'b2', dropp: 1 }] }))).toBe('faults[0].dropp: unknown field; expected one of at, type, from, to, drop, delayMs, oneWay');
  });

  it('refuses "drop": true where a probability is meant (it used to read as 100% loss)', () => {
    expect(errorOf(scenario({ faults: [{ at: 100, type: 'link', from: 'b1', to: 'b2', drop: true }] }))).toBe('faults[0].drop: must be a probability between 0 and 1, got true');
  });

  it('refuses __proto__, constructor and toString as config keys', () => {
    expect(errorOf(JSON.parse('{"cluster":{"config":{"__proto__":{"min.insync.replicas":2}}}}'))).toMatch(/^cluster\.config\.__proto__: "__proto__" cannot be a key/);
    expect(errorOf(scenario({}, { config: { constructor: 1 } }))).toMatch(/^producers\[0\]\.config\.constructor: "constructor" cannot be a key/);
    expect(errorOf(scenario({ cluster: { config: { toString: 'x' } } }))).toMatch(/^cluster\.config\.toString: /);
  });

  it("bounds Java ints at 2^31-1 and longs at 2^63-1, as numbers and as .properties strings", () => {
    expect(errorOf(scenario({}, { config: { retries: 2147483648 } }))).toBe("producers[0].config.retries: must be at most 2147483647 (Java's Integer.MAX_VALUE), got 2147483648");
    expect(errorOf(scenario({}, { config: { retries: '2147483648' } }))).toMatch(/must be at most 2147483647/);
    expect(parseScenario(scenario({}, { config: { retries: '2147483647' } })).producers[0].config.retries).toBe(2147483647);
    expect(errorOf(scenario({ cluster: { config: { 'flush.ms': '9223372036854775808' } } }))).toMatch(/must be at most 9223372036854775807 \(Java's Long.MAX_VALUE\)/);
    expect(parseScenario(scenario({ cluster: { config: { 'flush.ms': '9223372036854775807' } } })).brokerConfig['flush.ms']).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('checks expect keys before the run: a misspelt count is refused by parseScenario', () => {
    expect(errorOf(scenario({ expect: { lostAckd: 0 } }))).toMatch(/^expect\.lostAckd: not a count of the report's summary; expected one of produced, /);
  });

  it('accepts "$schema" and a UTF-8 byte-order mark', () => {
    const text = '\uFEFF' + JSON.stringify({ $schema: './scenario.schema.json', ...scenario() });
    expect(parseScenario(readScenarioText(text)).producers).toHaveLength(1);
  });

  it('public/scenario.schema.json is the schema generated from the validator (run npm run schema after changing it)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../public/scenario.schema.json'), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });
});
