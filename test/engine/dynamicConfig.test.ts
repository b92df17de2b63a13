/**
 * Configuration changes scheduled in a scenario ({ "type": "config" }), with Kafka's
 * dynamic-config rules, and KRaft's periodic unclean election
 * (QuorumController "electUnclean" every unclean.leader.election.interval.ms).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorOf, run, scenario } from './helpers.ts';
import { eventText } from '../../src/i18n/index.ts';

const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/scenarios/unclean-dynamic-enable.json'), 'utf8')) as Record<string, unknown>;

describe('scheduled configuration changes', () => {
  it('enabling unclean.leader.election.enable on an offline partition elects a leader at the controller\'s next periodic check (5 minutes), not at once', () => {
    const r = run(example);
    const offline = r.of('partition-offline');
    expect(offline.length).toBeGreaterThan(0);
    const unclean = r.of('leader-elected').filter((e) => e.unclean);
    expect(unclean).toHaveLength(1);
    expect(unclean[0].t).toBe(300000);
    expect(r.result.summary.lostAcked).toBeGreaterThan(0);
  });

  it('without the change the partition stays offline to the end', () => {
    const r = run({ ...example, faults: (example.faults as { type: string }[]).filter((f) => f.type !== 'config'), expect: {} });
    expect(r.of('leader-elected').filter((e) => e.unclean)).toEqual([]);
    expect(r.sim.ctx.controller.partitions[0].leader).toBe(-1);
  });

  it('a cluster-wide broker default changes topics without their own override only', () => {
    const r = run(
      scenario({
        until: 2000,
        topics: [{ name: 'orders' }, { name: 'audit', config: { 'min.insync.replicas': 1 } }],
        faults: [{ at: 1000, type: 'config', brokers: 'all', config: { 'min.insync.replicas': 2 } }],
      }),
    );
    const [orders, audit] = r.sim.ctx.partitions;
    expect(orders.minIsr).toBe(2);
    expect(audit.minIsr).toBe(1);
  });

  it('a producer config change makes the application start a new producer with it', () => {
    const r = run(scenario({ until: 3000, faults: [{ at: 1000, type: 'config', producer: 'p1', config: { acks: 1 } }] }));
    expect(r.sim.ctx.producers[0].config.acks).toBe(1);
    expect(r.sim.ctx.producers[0].config['enable.idempotence']).toBe(false);
    expect(r.of('note').some((n) => /p1: new producer with acks=1/.test(eventText('en', n)))).toBe(true);
  });

  it('refuses read-only broker configs with Kafka\'s words, a change Kafka\'s client would refuse, and a change naming no entity', () => {
    expect(errorOf(scenario({ faults: [{ at: 1, type: 'config', brokers: 'all', config: { 'replica.lag.time.max.ms': 100 } }] }))).toMatch(/^faults\[0\]\.config\["replica\.lag\.time\.max\.ms"\]: Cannot update these configs dynamically: replica\.lag\.time\.max\.ms/);
    expect(errorOf(scenario({ faults: [{ at: 1, type: 'config', producer: 'p1', config: { acks: 1, 'enable.idempotence': true } }] }))).toMatch(/^faults\[0\]\.config\["enable\.idempotence"\]: ConfigException/);
    expect(errorOf(scenario({ faults: [{ at: 1, type: 'config', config: { acks: 1 } }] }))).toMatch(/^faults\[0\]: name exactly one of "topic"/);
    expect(errorOf(scenario({ faults: [{ at: 1, type: 'config', topic: 'orders', config: { acks: 1 } }] }))).toMatch(/^faults\[0\]\.config\.acks: not a topic-level config here/);
  });
});
