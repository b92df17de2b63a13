/**
 * Property tests over random fault schedules (fast-check). Every failure
 * prints the seed and the shrunk schedule, so it can be replayed as a scenario.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { isrViolations, structuralViolations } from '../../src/engine/core/invariants.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { scenario, type Raw } from './helpers.ts';
import { reasonText } from '../../src/i18n/index.ts';
import { propertyRuns } from './propertyRuns.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const anyFault = fc.oneof(
  fc.record({ type: fc.constantFrom('crash', 'shutdown', 'restart'), broker: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant({ leaderOf: 'orders-0' })) }),
  fc.record({ type: fc.constant('power-loss'), brokers: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('isolate'), node: fc.constantFrom('b1', 'b2', 'b3', 'controller', 'p1') }),
  fc.record({ type: fc.constant('partition'), groups: fc.constantFrom([['b1'], ['b2', 'b3', 'controller', 'p1']], [['b1', 'p1'], ['b2', 'b3', 'controller']], [['b1', 'b2'], ['b3', 'controller', 'p1']]) }),
  fc.record({ type: fc.constant('heal') }),
  fc.record({ type: fc.constant('link'), from: fc.constantFrom('b1', 'b2', 'p1'), to: fc.constantFrom('b2', 'b3', 'p1'), drop: fc.constantFrom(0.1, 0.5, 1), delayMs: fc.constantFrom(0, 50, 2000) }),
  fc.record({ type: fc.constant('slow-follower'), broker: fc.integer({ min: 1, max: 3 }), delayMs: fc.constantFrom(0, 300, 3000) }),
  fc.record({ type: fc.constant('producer-restart'), producer: fc.constant('p1') }),
);

const anySchedule = fc.array(fc.tuple(fc.integer({ min: 0, max: 14_000 }), anyFault), { maxLength: 8 }).map((fs) => fs.map(([at, f]) => ({ at, ...f })).filter((f) => !(f.type === 'link' && f.from === f.to)));

/**
 * Single-broker outages: kill -9 or clean shutdown, then a restart, sometimes
 * within milliseconds of the crash (the restarted broker must register again
 * while the controller still counts its old life: issue 13, defect 1).
 *
 * Power loss is left out on purpose. Kafka itself can lose committed data
 * then: a replica that lost its unflushed page cache can still be elected,
 * which is KIP-966's motivation (public/scenarios/last-isr-power-loss.json and
 * failover.test.ts show it). This property pins what Kafka does promise.
 */
const singleOutages = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 200, max: 6000 }),
      down: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 15_000 })),
      broker: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant({ leaderOf: 'orders-0' })),
      how: fc.constantFrom('crash', 'crash', 'shutdown'),
      // A lagging follower before the outage widens the window in which only the leader has a record.
      slow: fc.record({ broker: fc.integer({ min: 1, max: 3 }), delayMs: fc.constantFrom(0, 0, 200, 1500) }),
    }),
    { maxLength: 5 },
  )
  .map((list) => {
    let t = 0;
    const faults: Raw[] = [];
    for (const o of list) {
      faults.push({ at: t, type: 'slow-follower', ...o.slow });
      t += o.gap;
      faults.push({ at: t, type: o.how, broker: o.broker });
      t += o.down;
      // Restart every broker: only the one that is down is affected.
      for (const b of [1, 2, 3]) faults.push({ at: t, type: 'restart', broker: b });
    }
    return faults;
  });

/** 500 cases in the normal run; a hunt sets KAFKA_LAB_PROPERTY_RUNS=10000 (the seed is printed). */
const SAFE = propertyRuns('safe configuration property', 400);

function runChecked(raw: Raw, each: (sim: Simulation) => string[]): { sim: Simulation; violations: string[] } {
  const sim = new Simulation(parseScenario(raw));
  const until = (raw.until as number) ?? 20_000;
  let violations: string[] = [];
  while (sim.step() && sim.now <= until) {
    violations = each(sim);
    if (violations.length) break;
  }
  return { sim, violations };
}

describe('properties over random fault schedules', () => {
  it('structural invariants hold after every event, whatever the faults and settings (HW within the log, contiguous logs, leader in ISR)', () => {
    fc.assert(
      fc.property(anySchedule, fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(0, 1, 'all'), fc.boolean(), (faults, seed, acks, unclean) => {
        const raw = scenario({ seed, until: 25_000, faults, cluster: { brokers: 3, config: { 'unclean.leader.election.enable': unclean, 'replica.lag.time.max.ms': 4000 } } }, { count: 600, rate: 40, config: { acks, 'request.timeout.ms': 3000, 'delivery.timeout.ms': 10000 } });
        const { violations } = runChecked(raw, (sim) => structuralViolations(sim.ctx));
        expect(violations).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('the safe configuration (RF 3, min.insync.replicas 2, acks=all, idempotence, unclean off) loses and duplicates no acknowledged record under single-broker crashes, restarts (some within milliseconds) and clean shutdowns', () => {
    fc.assert(
      fc.property(singleOutages, fc.integer({ min: 0, max: 2 ** 31 }), (faults, seed) => {
        // Invariants are checked at the end, not after every event, so that 500 cases stay cheap;
        // the next property checks the ISR invariant after every event.
        const raw = scenario({ seed, until: 45_000, faults, cluster: { brokers: 3, config: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false } } }, { count: 1500, rate: 50, config: { acks: 'all', 'enable.idempotence': true } });
        const sim = new Simulation(parseScenario(raw));
        sim.runUntil(45_000);
        expect([...structuralViolations(sim.ctx), ...isrViolations(sim.ctx)]).toEqual([]);
        const { summary } = check(sim.ctx, { stories: false });
        expect({ lostAcked: summary.lostAcked, duplicated: summary.duplicated, reordered: summary.reordered }).toEqual({ lostAcked: 0, duplicated: 0, reordered: 0 });
      }),
      { numRuns: SAFE.numRuns, seed: SAFE.seed },
    );
    // About 30 ms a case on an idle core; a hunt on a loaded machine needs a proportionally longer timeout.
  }, SAFE.timeoutMs);

  it('without power loss, a committed record is never truncated: every ISR member holds the leader HW after every event', () => {
    fc.assert(
      fc.property(singleOutages, fc.integer({ min: 0, max: 2 ** 31 }), (faults, seed) => {
        const raw = scenario({ seed, until: 50_000, faults, cluster: { brokers: 3, config: { 'min.insync.replicas': 2 } } }, { count: 1000, rate: 100 });
        const { sim, violations } = runChecked(raw, (s) => isrViolations(s.ctx));
        expect(violations).toEqual([]);
        const truncatedCommitted = traceEvents(sim.ctx.trace).filter((e) => e.type === 'truncated' && /high watermark/.test(reasonText('en', e.why)));
        expect(truncatedCommitted).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('the same scenario and seed give the same trace and report, byte for byte', () => {
    fc.assert(
      fc.property(anySchedule, fc.integer({ min: 0, max: 2 ** 31 }), (faults, seed) => {
        const raw = scenario({ seed, until: 15_000, faults, cluster: { brokers: 3, lab: { detail: true } } }, { count: 300, rate: 50, config: { acks: 1 } });
        const once = () => {
          const s = parseScenario(JSON.parse(JSON.stringify(raw)));
          const sim = new Simulation(s);
          sim.runUntil(s.until);
          return JSON.stringify(traceEvents(sim.ctx.trace)) + JSON.stringify(buildReport(sim.ctx, { name: s.name, seed: s.seed, until: s.until }));
        };
        expect(once()).toBe(once());
      }),
      { numRuns: 15 },
    );
  });
});
