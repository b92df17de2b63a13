/**
 * How a replica becomes leader and when the HW moves (issue 13, defects 1 and 2).
 *
 * - Partition.makeLeader sets leaderEpochStartOffsetOpt to the log end; Partition.isFollowerInSync
 *   admits a follower to the ISR only once its LEO has reached both the HW and that offset. A
 *   leader restarted with a stale checkpointed HW must not take back a follower that lacks
 *   records it holds (the follower could then be elected and lose them).
 * - Partition.maybeIncrementLeaderHW runs after every ISR change (AlterPartition answered,
 *   Partition.makeLeader's "ISR could be down to 1") and on becoming leader, and completes the
 *   DelayedProduce operations the new HW satisfies (ReplicaManager.tryCompleteDelayedProduce).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { replica, run, scenario } from './helpers.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

describe('a restarted leader re-taking leadership (Partition.makeLeader, isFollowerInSync)', () => {
  // b3 is dead from the start; b2 is cut off at 20.5 s, just after the 20 s HW checkpoint, so it
  // holds records above that checkpoint but below the leader's log end. b1 is killed at 24 s (its
  // HW checkpoint still says 20 s) and restarted 5 ms later: KRaft refuses the new registration
  // while the old session is valid, fences b1 when it expires, and elects b1 again once it is back
  // (it is the last ISR member; unclean election is off). With min.insync.replicas=2 the HW of a
  // sole ISR member stays put (KAFKA-15583, Kafka 3.7+), so b1 leads again with its stale HW, as in
  // the hunt's counterexample. acks=1 keeps b1 writing while it is alone in the ISR.
  // Eligible leader replicas are off (eligible.leader.replicas.version 0, as in Kafka 4.0): with
  // them (4.1's default) b2 would wait in the ELR and be elected when b1 is fenced (KIP-966,
  // eligibleLeaderReplicas.test.ts), and b1 would never lead again with its stale HW.
  const raw = scenario(
    {
      until: 60_000,
      cluster: { brokers: 3, features: { 'eligible.leader.replicas.version': 0 }, config: { 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 2000, 'unclean.leader.election.enable': false } },
      faults: [
        { at: 0, type: 'crash', broker: 3 },
        { at: 20_500, type: 'isolate', node: 'b2' },
        { at: 24_000, type: 'crash', broker: 1 },
        { at: 24_000, type: 'heal' },
        { at: 24_005, type: 'restart', broker: 1 },
      ],
    },
    { count: 3000, rate: 100, config: { acks: 1 } },
  );

  it('the leader epoch starts at the log end, not at the stale checkpointed HW it restarted with', () => {
    const { of } = run(raw);
    const back = of('became-leader').find((e) => e.broker === 1 && e.epoch > 0)!;
    const restarted = of('broker-restarted').find((e) => e.broker === 1)!;
    expect(restarted.highWatermarks[0].hw).toBeLessThan(restarted.highWatermarks[0].leo);
    expect(back.hw).toBe(restarted.highWatermarks[0].hw);
    expect(back.leo).toBe(restarted.highWatermarks[0].leo);
  });

  it('a follower past the stale HW but short of the epoch start offset stays out of the ISR until its LEO reaches that offset', () => {
    const sim = new Simulation(parseScenario(raw));
    const back = () => traceEvents(sim.ctx.trace).find((e) => e.type === 'became-leader' && e.broker === 1 && e.epoch > 0);
    while (!back() && sim.now < 60_000 && sim.step());
    const leader = back() as { leo: number; hw: number; t: number };
    // The case that matters: the follower has every record the stale HW covers, not all the leader's.
    const followerLeo = replica(sim, 2).leo;
    expect(followerLeo).toBeGreaterThanOrEqual(leader.hw);
    expect(followerLeo).toBeLessThan(leader.leo);
    sim.runUntil(60_000);
    const joins = traceEvents(sim.ctx.trace).filter((e) => e.type === 'isr-changed' && e.t >= leader.t && e.isr.includes(2));
    expect(joins.length).toBeGreaterThan(0);
    for (const e of joins) {
      if (e.type !== 'isr-changed' || e.why.code !== 'isr-caught-up') throw new Error(`b2 joined the ISR for another reason: ${JSON.stringify(e)}`);
      expect(Number(e.why.args.leo)).toBeGreaterThanOrEqual(leader.leo);
    }
  });

  it('the leader dying while that follower catches up loses nothing acknowledged: the follower was never in the ISR, so it is not elected', () => {
    // b2 fetches every 3 s, so its first fetch (at its old LEO, above the stale HW) comes well before
    // it has caught up; b1 is killed in between. Admitted on the stale HW alone, b2 would be elected.
    const slow = {
      ...raw,
      until: 80_000,
      faults: [...(raw.faults as object[]), { at: 24_000, type: 'slow-follower', broker: 2, delayMs: 3000 }, { at: 38_000, type: 'crash', broker: 1 }, { at: 50_000, type: 'restart', broker: 1 }],
    };
    const { result, of } = run(slow);
    expect(of('leader-elected').filter((e) => e.t > 38_000).every((e) => e.leader === 1)).toBe(true);
    expect(result.summary.lostAcked).toBe(0);
  });
});

describe('a broker restarted within milliseconds under KRaft (ClusterControlManager.registerBroker)', () => {
  it('cannot register while its old session is valid (DuplicateBrokerRegistrationException), leads nothing meanwhile, and is fenced when that session expires, so leadership moves to an ISR member', () => {
    const { of, result } = run(scenario({ until: 30_000, faults: [{ at: 5000, type: 'crash', broker: 1 }, { at: 5003, type: 'restart', broker: 1 }] }, { count: 2000, rate: 100, config: { acks: 'all' } }));
    expect(of('became-leader').filter((e) => e.broker === 1 && e.t > 5000)).toEqual([]);
    const fenced = of('broker-fenced').find((e) => e.broker === 1)!;
    // The old life's last heartbeat came less than broker.heartbeat.interval.ms (2 s) before the crash.
    expect(fenced.t).toBeGreaterThanOrEqual(5000 - 2000 + 9000);
    expect(fenced.why.code).toBe('fenced-reregistered');
    const moved = of('leader-elected').find((e) => e.t >= fenced.t)!;
    expect(moved.t).toBe(fenced.t);
    expect([2, 3]).toContain(moved.leader);
    expect(moved.unclean).toBe(false);
    expect(result.summary.lostAcked).toBe(0);
  });
});

describe('the HW is recomputed on every ISR change and on becoming leader (Partition.maybeIncrementLeaderHW)', () => {
  it('acks=all requests parked for a dead follower complete as soon as the ISR shrink leaves only replicas that have them, not at request.timeout.ms', () => {
    const { of } = run(
      scenario(
        { until: 30_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 4000 }, lab: { detail: true } }, faults: [{ at: 5_000, type: 'crash', broker: 3 }] },
        { count: 1500, rate: 100, config: { acks: 'all' } },
      ),
    );
    const shrink = of('isr-changed').find((e) => e.t > 5_000 && !e.isr.includes(3))!;
    expect(shrink.isr).toEqual([1, 2]);
    const firstAckAfterCrash = of('acked').find((e) => e.t > 5_000)!;
    // The records sent during the outage were waiting in purgatory; the shrink completes them at once.
    expect(firstAckAfterCrash.t).toBeGreaterThanOrEqual(shrink.t);
    expect(firstAckAfterCrash.t - shrink.t).toBeLessThan(20);
    expect(of('produce-error')).toEqual([]);
  });

  it('a replica elected sole leader raises its HW to its log end at once, so acknowledged records become visible', () => {
    // acks=1 with a dead third replica still in the ISR: b2 has every record, but the HW stayed 0.
    const raw = scenario(
      { until: 30_000, cluster: { brokers: 3, config: { 'min.insync.replicas': 1 } }, faults: [{ at: 0, type: 'crash', broker: 3 }, { at: 5_000, type: 'crash', broker: 1 }] },
      { count: 500, rate: 100, config: { acks: 1 } },
    );
    const sim = new Simulation(parseScenario(raw));
    const elected = () => traceEvents(sim.ctx.trace).find((e) => e.type === 'became-leader' && e.broker === 2);
    while (!elected() && sim.step());
    const e = elected() as { hw: number; leo: number };
    expect(e.hw).toBeLessThan(e.leo);
    expect(replica(sim, 2).hw).toBe(replica(sim, 2).leo);
    sim.runUntil(30_000);
    expect(run(raw).result.summary).toMatchObject({ acked: 500, unseen: 0, lostAcked: 0 });
  });
});
