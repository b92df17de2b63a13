/**
 * KIP-966 eligible leader replicas, as the KRaft controller does them
 * (PartitionChangeBuilder: maybePopulateTargetElr, electAnyLeader,
 * canElectLastKnownLeader, maybeUpdateLastKnownLeader; ReplicationControlManager.
 * handleBrokerUncleanShutdown; ClusterControlManager.registerBroker's clean shutdown
 * check, KAFKA-15586 / KAFKA-18635) and as the docs' "Eligible Leader Replicas"
 * section states them: on by default for new clusters from 4.1, available in 4.0.
 */
import { describe, expect, it } from 'vitest';
import { controllerState, run, scenario, type Raw } from './helpers.ts';
import { partitionChange } from '../../src/engine/controller/partitionChange.ts';
import type { ControllerPartition } from '../../src/engine/core/model.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';
import { structuralViolations } from '../../src/engine/core/invariants.ts';
import { eventText } from '../../src/i18n/index.ts';

const part = (over: Partial<ControllerPartition>): ControllerPartition => ({ id: 0, leader: 1, leaderEpoch: 0, partitionEpoch: 0, isr: [1, 2, 3], elr: [], lastKnownElr: [], ...over });
const base = { assignment: [1, 2, 3], minIsr: 2, elrEnabled: true, unclean: false };
const up = (...live: number[]) => (b: number) => live.includes(b);

describe('PartitionChangeBuilder rules (pure)', () => {
  it('replicas leaving an ISR below min.insync.replicas become eligible leader replicas; at or above it the ELR is empty', () => {
    const atMin = partitionChange(part({}), { ...base, targetIsr: [1, 2], acceptable: up(1, 2) });
    expect(atMin.elr).toEqual([]);
    const below = partitionChange(part({ isr: [1, 2] }), { ...base, targetIsr: [1], acceptable: up(1) });
    expect(below).toMatchObject({ leader: 1, isr: [1], elr: [2] });
  });

  it('the last ISR member leaving empties the ISR (leader -1) and remembers the last known leader', () => {
    const r = partitionChange(part({ isr: [1], elr: [2] }), { ...base, targetIsr: [], acceptable: up() });
    expect(r).toMatchObject({ leader: -1, isr: [], elr: [1, 2], lastKnownElr: [1] });
  });

  it('without the feature the last ISR member stays and nothing is tracked', () => {
    const r = partitionChange(part({ isr: [1] }), { ...base, elrEnabled: false, targetIsr: [], acceptable: up() });
    expect(r).toMatchObject({ leader: -1, isr: [1], elr: [], lastKnownElr: [] });
  });

  it('an empty ISR elects the first unfenced ELR member, which becomes the ISR alone', () => {
    const r = partitionChange(part({ leader: -1, isr: [], elr: [1, 2], lastKnownElr: [1] }), { ...base, targetIsr: [], acceptable: up(2) });
    expect(r).toMatchObject({ leader: 2, isr: [2], elr: [1], lastKnownElr: [], how: 'elr' });
  });

  it('a broker back from an unclean shutdown leaves the ELR and is not elected', () => {
    const r = partitionChange(part({ leader: -1, isr: [], elr: [1, 2], lastKnownElr: [1] }), { ...base, targetIsr: [], acceptable: up(), uncleanShutdown: 1 });
    expect(r).toMatchObject({ leader: -1, isr: [], elr: [2], lastKnownElr: [1] });
  });

  it('with ISR and ELR empty the last known leader is elected once unfenced, as an unclean election (ISR forced to it)', () => {
    const fenced = partitionChange(part({ leader: -1, isr: [], elr: [], lastKnownElr: [1] }), { ...base, targetIsr: [], acceptable: up() });
    expect(fenced.leader).toBe(-1);
    const back = partitionChange(part({ leader: -1, isr: [], elr: [], lastKnownElr: [1] }), { ...base, targetIsr: [], acceptable: up(1, 3) });
    expect(back).toMatchObject({ leader: 1, isr: [1], elr: [], lastKnownElr: [], how: 'last-known-leader' });
  });

  it('an unclean election (unclean.leader.election.enable) comes after the ELR and empties it', () => {
    const withElr = partitionChange(part({ leader: -1, isr: [], elr: [2], lastKnownElr: [1] }), { ...base, unclean: true, targetIsr: [], acceptable: up(2, 3) });
    expect(withElr).toMatchObject({ leader: 2, how: 'elr' });
    const none = partitionChange(part({ leader: -1, isr: [], elr: [2], lastKnownElr: [1] }), { ...base, unclean: true, targetIsr: [], acceptable: up(3) });
    expect(none).toMatchObject({ leader: 3, isr: [3], elr: [], how: 'unclean' });
  });
});

/** b3 then b2 stop cleanly, the lone leader b1 loses power, b1 comes back first, b2 later. */
const lastLeaderPowerLoss = (version: string, features: Raw = {}): Raw =>
  scenario({
    until: 40_000,
    cluster: { brokers: 3, kafkaVersion: version, config: { 'min.insync.replicas': 2 }, features },
    faults: [
      { at: 2000, type: 'shutdown', broker: 3 },
      { at: 3500, type: 'shutdown', broker: 2 },
      { at: 5000, type: 'power-loss', brokers: [1] },
      { at: 8000, type: 'restart', broker: 1 },
      { at: 20_000, type: 'restart', broker: 2 },
      { at: 25_000, type: 'restart', broker: 3 },
    ],
  }, { count: 600 });

describe('the controller with eligible leader replicas (Kafka 4.1 default)', () => {
  it('elects the cleanly stopped ELR member, not the last leader that lost power: no acknowledged record is lost', () => {
    const r = run(lastLeaderPowerLoss('4.1'));
    const offline = r.of('partition-offline')[0];
    expect(offline.isr).toEqual([]);
    expect(offline.elr).toEqual([1, 2]);
    // b1 registers without a clean shutdown behind it: out of the ELR (KAFKA-15586).
    const unclean = r.of('isr-changed').find((e) => e.why.code === 'unclean-shutdown');
    expect(unclean?.elr).toEqual([2]);
    const elected = r.of('leader-elected').filter((e) => e.t > 8000);
    expect(elected[0]).toMatchObject({ leader: 2, how: 'elr', unclean: false, isr: [2] });
    expect(r.result.summary.lostAcked).toBe(0);
    expect(r.result.summary.acked).toBeGreaterThan(300);
    expect(structuralViolations(r.sim.ctx)).toEqual([]);
  });

  it('under 4.0 (feature off by default) the same faults elect the powered-off leader again and lose acknowledged records', () => {
    const r = run(lastLeaderPowerLoss('4.0'));
    expect(r.of('leader-elected').filter((e) => e.t > 8000)[0]).toMatchObject({ leader: 1 });
    expect(r.result.summary.lostAcked).toBeGreaterThan(0);
    expect(controllerState(r.sim).elr).toEqual([]);
  });

  it('4.0 with eligible.leader.replicas.version=1 behaves as 4.1; 4.1 with 0 as 4.0 (an explicit feature level wins)', () => {
    expect(run(lastLeaderPowerLoss('4.0', { 'eligible.leader.replicas.version': 1 })).result.summary.lostAcked).toBe(0);
    expect(run(lastLeaderPowerLoss('4.1', { 'eligible.leader.replicas.version': 0 })).result.summary.lostAcked).toBeGreaterThan(0);
  });

  it('the feature does not exist before 4.0: setting it is refused, naming the field', () => {
    const bad = () => parseScenario(lastLeaderPowerLoss('3.7', { 'eligible.leader.replicas.version': 1 }));
    expect(bad).toThrow(ScenarioError);
    expect(bad).toThrow(/eligible\.leader\.replicas\.version.*4\.0/);
  });

  it('a min.insync.replicas change clears the ELR (ClearElrRecord): b2 is no longer eligible, and the last known leader b1 is elected when it is back', () => {
    const raw = lastLeaderPowerLoss('4.1');
    (raw.faults as Raw[]).push({ at: 6000, type: 'config', topic: 'orders', config: { 'min.insync.replicas': 2 } });
    const r = run(raw);
    expect(r.of('isr-changed').some((e) => e.why.code === 'min-isr-changed' && e.elr?.length === 0)).toBe(true);
    // Cleared at 6 s (ELR [2] gone); b1 is fenced later and joins an ELR of its own, which its
    // unclean registration empties: ISR and ELR empty, so the last known leader is elected.
    expect(r.of('leader-elected').filter((e) => e.t > 8000)[0]).toMatchObject({ leader: 1, how: 'last-known-leader', unclean: true });
    expect(r.result.summary.lostAcked).toBeGreaterThan(0);
  });

  it('the event log says who was elected from the ELR and why b1 left it, in English and Chinese', () => {
    const r = run(lastLeaderPowerLoss('4.1'));
    const elected = r.of('leader-elected').filter((e) => e.t > 8000)[0];
    expect(eventText('en', elected)).toContain('broker 2 elected leader from the eligible leader replicas (KIP-966), epoch 2, ISR [2], ELR []');
    expect(eventText('zh-CN', elected)).toContain('broker 2 从合格 leader 副本（ELR，KIP-966）中当选 leader');
    const left = r.of('isr-changed').find((e) => e.why.code === 'unclean-shutdown')!;
    expect(eventText('en', left)).toContain('ELR [2]: broker 1 registered again without a clean shutdown behind it');
    expect(eventText('zh-CN', left)).toContain('之前不是干净关闭');
    const offline = r.of('partition-offline')[0];
    expect(eventText('en', offline)).toContain('orders-0 offline (ISR [], ELR [1,2])');
  });
});

