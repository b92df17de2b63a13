/**
 * The Kafka version switch (cluster.kafkaVersion): each release's defaults and
 * rules, as its upgrade notes and KIPs state them (the table in
 * src/engine/FIDELITY.md cites each), and an explicit config beating them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KAFKA_VERSION, KAFKA_VERSIONS, defaultsFor, type KafkaVersion } from '../../src/engine/core/kafkaVersions.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { runScenario } from '../../src/engine/sim/runScenario.ts';
import { run, scenario, type Raw } from './helpers.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const MAX = 2147483647;
const at = (v: KafkaVersion, over: Raw = {}, producer: Raw = {}) => parseScenario(scenario({ cluster: { brokers: 3, kafkaVersion: v }, ...over }, producer));

describe('each Kafka version has its own defaults', () => {
  // One row per version: the values its documentation gives for the keys the lab reads.
  const rows: [KafkaVersion, { unclean: boolean; lag: number; acks: 1 | 'all'; idem: boolean; retries: number; delivery: number; linger: number; session: number; maxPoll: number; records: number; truncation: string; strict: boolean }][] = [
    ['0.8.2', { unclean: true, lag: 10000, acks: 1, idem: false, retries: 0, delivery: MAX, linger: 0, session: 30000, maxPoll: 30000, records: MAX, truncation: 'high-watermark', strict: false }],
    ['0.10.2', { unclean: true, lag: 10000, acks: 1, idem: false, retries: 0, delivery: MAX, linger: 0, session: 10000, maxPoll: 300000, records: 500, truncation: 'high-watermark', strict: false }],
    ['0.11', { unclean: false, lag: 10000, acks: 1, idem: false, retries: 0, delivery: MAX, linger: 0, session: 10000, maxPoll: 300000, records: 500, truncation: 'leader-epoch', strict: false }],
    ['1.0', { unclean: false, lag: 10000, acks: 1, idem: false, retries: 0, delivery: MAX, linger: 0, session: 10000, maxPoll: 300000, records: 500, truncation: 'leader-epoch', strict: false }],
    ['2.1', { unclean: false, lag: 10000, acks: 1, idem: false, retries: MAX, delivery: 120000, linger: 0, session: 10000, maxPoll: 300000, records: 500, truncation: 'leader-epoch', strict: false }],
    ['2.8', { unclean: false, lag: 30000, acks: 1, idem: false, retries: MAX, delivery: 120000, linger: 0, session: 10000, maxPoll: 300000, records: 500, truncation: 'leader-epoch', strict: false }],
    // 3.0.0: acks=all is applied, the idempotence default is not (KAFKA-13598).
    ['3.0', { unclean: false, lag: 30000, acks: 'all', idem: false, retries: MAX, delivery: 120000, linger: 0, session: 45000, maxPoll: 300000, records: 500, truncation: 'leader-epoch', strict: false }],
    ['3.7', { unclean: false, lag: 30000, acks: 'all', idem: true, retries: MAX, delivery: 120000, linger: 0, session: 45000, maxPoll: 300000, records: 500, truncation: 'leader-epoch', strict: true }],
    ['4.0', { unclean: false, lag: 30000, acks: 'all', idem: true, retries: MAX, delivery: 120000, linger: 5, session: 45000, maxPoll: 300000, records: 500, truncation: 'leader-epoch', strict: true }],
    ['4.1', { unclean: false, lag: 30000, acks: 'all', idem: true, retries: MAX, delivery: 120000, linger: 5, session: 45000, maxPoll: 300000, records: 500, truncation: 'leader-epoch', strict: true }],
  ];

  it('the table covers every version the switch offers', () => {
    expect(rows.map(([v]) => v)).toEqual([...KAFKA_VERSIONS]);
  });

  it.each(rows)('Kafka %s', (v, d) => {
    const s = parseScenario(scenario({ cluster: { brokers: 3, kafkaVersion: v }, consumers: [{ name: 'c1' }] }));
    expect(s.kafkaVersion).toBe(v);
    expect(s.brokerConfig['unclean.leader.election.enable']).toBe(d.unclean);
    expect(s.brokerConfig['replica.lag.time.max.ms']).toBe(d.lag);
    const p = s.producers[0].config;
    expect([p.acks, p['enable.idempotence'], p.retries, p['delivery.timeout.ms'], p['linger.ms']]).toEqual([d.acks, d.idem, d.retries, d.delivery, d.linger]);
    const c = s.consumers[0].config;
    expect([c['session.timeout.ms'], c['max.poll.interval.ms'], c['max.poll.records'], c['auto.offset.reset']]).toEqual([d.session, d.maxPoll, d.records, 'latest']);
    expect(s.lab.truncation).toBe(d.truncation);
    expect(defaultsFor(v).rules.strictMinIsrHw).toBe(d.strict);
  });

  it('partition.assignment.strategy is the RangeAssignor alone before 3.0 and [range, cooperative-sticky] from 3.0 (KAFKA-13023; ConsumerConfig at 2.8.0 and 3.0.0), still so in 4.1: KIP-726 did not put cooperative-sticky first', () => {
    const strategy = (v: KafkaVersion) => parseScenario(scenario({ cluster: { brokers: 3, kafkaVersion: v }, consumers: [{ name: 'c1' }] })).consumers[0].config['partition.assignment.strategy'];
    expect(KAFKA_VERSIONS.map((v) => [v, strategy(v)])).toEqual(KAFKA_VERSIONS.map((v) => [v, ['3.0', '3.7', '4.0', '4.1'].includes(v) ? 'range,cooperative-sticky' : 'range']));
  });

  it('a scenario without cluster.kafkaVersion runs the newest modelled release', () => {
    expect(parseScenario(scenario()).kafkaVersion).toBe(DEFAULT_KAFKA_VERSION);
    expect(DEFAULT_KAFKA_VERSION).toBe(KAFKA_VERSIONS[KAFKA_VERSIONS.length - 1]);
  });

  it('an explicit config beats the version default, and lab.truncation stays an override', () => {
    const s = at('2.8', { cluster: { brokers: 3, kafkaVersion: '2.8', config: { 'unclean.leader.election.enable': true }, lab: { truncation: 'high-watermark' } } }, { config: { acks: 'all', 'linger.ms': 7 } });
    expect(s.brokerConfig['unclean.leader.election.enable']).toBe(true);
    expect(s.producers[0].config.acks).toBe('all');
    expect(s.producers[0].config['linger.ms']).toBe(7);
    expect(s.lab.truncation).toBe('high-watermark');
  });

  it('an unknown version is refused naming the versions the lab models', () => {
    expect(() => parseScenario(scenario({ cluster: { brokers: 3, kafkaVersion: '3.5' } }))).toThrow(ScenarioError);
    expect(() => parseScenario(scenario({ cluster: { brokers: 3, kafkaVersion: '3.5' } }))).toThrow(/cluster\.kafkaVersion.*0\.8\.2.*4\.1/s);
  });
});

describe('idempotence is checked as each version checked it', () => {
  it('before 0.11 there is no idempotent producer (KIP-98)', () => {
    expect(() => at('0.10.2', {}, { config: { 'enable.idempotence': true, acks: 'all', retries: 3 } })).toThrow(/0\.10\.2.*0\.11/);
  });

  it('0.11 allows idempotence with one request in flight only; 1.0 allows up to 5 (KAFKA-5494)', () => {
    const cfg = { 'enable.idempotence': true, acks: 'all', retries: 3 };
    // KafkaProducer.configureInflightRequests at 0.11.0.0: an unset max.in.flight is overridden to 1, a set one must be 1.
    expect(at('0.11', {}, { config: cfg }).producers[0].config['max.in.flight.requests.per.connection']).toBe(1);
    expect(() => at('0.11', {}, { config: { ...cfg, 'max.in.flight.requests.per.connection': 5 } })).toThrow(/max\.in\.flight\.requests\.per\.connection.*at most 1/);
    expect(at('0.11', {}, { config: { ...cfg, 'max.in.flight.requests.per.connection': 1 } }).producers[0].config['enable.idempotence']).toBe(true);
    expect(at('1.0', {}, { config: cfg }).producers[0].config['enable.idempotence']).toBe(true);
    expect(at('1.0', {}, { config: cfg }).producers[0].config['max.in.flight.requests.per.connection']).toBe(5);
  });

  it('0.11 to 2.8: enabling idempotence overrides the unset acks and retries to what it needs (configureAcks, configureRetries)', () => {
    const c = at('1.0', {}, { config: { 'enable.idempotence': true } }).producers[0].config;
    expect(c).toMatchObject({ acks: 'all', retries: MAX, 'enable.idempotence': true });
  });

  it('before 3.2 a conflicting acks with idempotence is a ConfigException; since then the default gives way (KAFKA-13673)', () => {
    expect(() => at('2.8', {}, { config: { 'enable.idempotence': true, acks: 1 } })).toThrow(/ConfigException/);
    expect(at('4.1', {}, { config: { acks: 1 } }).producers[0].config['enable.idempotence']).toBe(false);
  });
});

describe('the strict min-ISR high watermark rule arrived in 3.7 (KAFKA-15583)', () => {
  // acks=1, min.insync.replicas=2, both followers killed: the leader alone keeps appending.
  const alone = (v: KafkaVersion) =>
    run(
      scenario(
        { cluster: { brokers: 3, kafkaVersion: v, config: { 'min.insync.replicas': 2 } }, until: 60_000, faults: [{ at: 2000, type: 'crash', broker: 2 }, { at: 2000, type: 'crash', broker: 3 }] },
        { config: { acks: 1, 'enable.idempotence': false }, count: 1000 },
      ),
    );

  it('before 3.7 the leader alone advances the HW: acks=1 records become visible', () => {
    const r = alone('3.0').result.summary;
    expect(r.unseen).toBe(0);
    expect(r.committed).toBe(1000);
  });

  it('from 3.7 the HW stays put below min.insync.replicas: acks=1 records stay unseen', () => {
    const r = alone('3.7').result.summary;
    expect(r.unseen).toBeGreaterThan(0);
    expect(r.acked).toBe(1000);
  });
});

describe('fsync costs time (UnifiedLog.flush in the appending thread)', () => {
  const load = (flush: Raw, lab: Raw = {}) => {
    const s = parseScenario(scenario({ cluster: { brokers: 3, config: { 'min.insync.replicas': 2, ...flush }, lab } }, { rate: 200, count: 1000 }));
    return buildReport(runScenario(s).ctx, { ...s });
  };

  it('flush.messages=1 makes every acknowledgement wait for the leader and follower fsyncs', () => {
    const never = load({});
    const every = load({ 'flush.messages': 1 });
    expect(every.summary.lostAcked).toBe(0);
    // Leader fsync, then a follower fsync before its next fetch: at least two disk.fsync.ms (5) more.
    expect(every.ackLatencyMs.p50).toBeGreaterThanOrEqual(never.ackLatencyMs.p50 + 10);
  });

  it('the broker-level name log.flush.interval.messages does the same, and a topic flush.messages overrides it', () => {
    expect(load({ 'log.flush.interval.messages': 1 }).ackLatencyMs).toEqual(load({ 'flush.messages': 1 }).ackLatencyMs);
    const s = parseScenario(scenario({ cluster: { brokers: 3, config: { 'log.flush.interval.messages': 1 } }, topics: [{ name: 'orders', partitions: 1, config: { 'flush.messages': 1000 } }] }));
    const sim = runScenario(s);
    expect(sim.ctx.partitions[0].flushMessages).toBe(1000);
  });

  it('with a disk whose fsync takes no time, flushing every record costs nothing', () => {
    expect(load({ 'flush.messages': 1 }, { 'disk.fsync.ms': 0 }).ackLatencyMs).toEqual(load({}, { 'disk.fsync.ms': 0 }).ackLatencyMs);
  });

  it('the log flusher first runs after log.initial.task.delay.ms (30 s), then every log.flush.scheduler.interval.ms (LogManager.startup)', () => {
    const flushes = (cfg: Raw) => run(scenario({ until: 40_000, cluster: { brokers: 3, config: cfg } }, { count: 4000 })).of('flushed').filter((e) => e.why.code === 'flush-ms' && e.broker === 1).map((e) => e.t);
    // Default interval (Long.MAX_VALUE): exactly one run, at 30 s.
    expect(flushes({ 'flush.ms': 1000 })).toEqual([30000]);
    const every5s = flushes({ 'flush.ms': 1000, 'log.flush.scheduler.interval.ms': 5000 });
    expect(every5s[0]).toBe(30000);
    expect(every5s).toContain(35000);
  });
});

describe('the same crash under two versions (public/scenarios/two-version-crash*.json)', () => {
  const dir = join(import.meta.dirname, '../../public/scenarios');
  const report = (f: string) => {
    const s = parseScenario(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    return buildReport(runScenario(s).ctx, { ...s });
  };

  it('2.8 defaults (acks=1) lose acknowledged records; 4.1 defaults (acks=all) lose none; the report says which version ran', () => {
    const old = report('two-version-crash.json');
    const now = report('two-version-crash-4.1.json');
    expect(old.kafkaVersion).toBe('2.8');
    expect(now.kafkaVersion).toBe('4.1');
    expect(old.summary.lostAcked).toBeGreaterThan(0);
    expect(now.summary.lostAcked).toBe(0);
  });

  it('a version run is deterministic: the same file gives the same trace', () => {
    const s = parseScenario(JSON.parse(readFileSync(join(dir, 'two-version-crash.json'), 'utf8')));
    expect(JSON.stringify(traceEvents(runScenario(s).ctx.trace))).toBe(JSON.stringify(traceEvents(runScenario(s).ctx.trace)));
  });
});

describe('picking another version in the lab (liveConfig.planChange)', () => {
  it('starts a new run with the chosen version, and refuses one the lab does not model', async () => {
    const { planChange } = await import('../../src/engine/config/liveConfig.ts');
    const raw = scenario();
    const ok = planChange(raw, { scope: 'cluster', key: 'kafkaVersion', value: '2.8' });
    expect(ok.ok && ok.mode).toBe('new-run');
    expect(ok.ok && parseScenario(ok.raw).producers[0].config.acks).toBe(1);
    const bad = planChange(raw, { scope: 'cluster', key: 'kafkaVersion', value: '9.9' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.where).toBe('cluster.kafkaVersion');
  });
});
