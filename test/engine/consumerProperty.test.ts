/**
 * Property tests over random consumer fault schedules (fast-check). On a
 * failure fast-check prints its seed and the shrunk schedule; the scenario
 * JSON is printed too, so it can be replayed with `npm run sim`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { consumerScenario, runConsumers, type Raw } from './consumerHelpers.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const consumerFault = fc.oneof(
  fc.record({ type: fc.constantFrom('consumer-crash', 'consumer-restart', 'consumer-close', 'consumer-add'), consumer: fc.constantFrom('c1', 'c2', 'c3') }),
  fc.record({ type: fc.constant('consumer-stall'), consumer: fc.constantFrom('c1', 'c2', 'c3'), ms: fc.constantFrom(500, 4000, 12_000) }),
  fc.record({ type: fc.constant('crash'), broker: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ type: fc.constant('restart'), broker: fc.integer({ min: 1, max: 3 }) }),
);
const schedule = fc.array(fc.tuple(fc.integer({ min: 1000, max: 30_000 }), consumerFault), { maxLength: 8 }).map((fs) => fs.map(([at, f]) => ({ at, ...f })));

const member = (over: Raw): Raw => ({
  config: { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 1000, 'max.poll.interval.ms': 8000, 'max.poll.records': 50 },
  commit: 'after-process',
  processingMs: 5,
  ...over,
});

function holds(raw: Raw, ok: (r: ReturnType<typeof runConsumers>) => boolean): boolean {
  const r = runConsumers(raw);
  if (!ok(r)) {
    console.error('counterexample scenario:\n' + JSON.stringify(raw));
    return false;
  }
  return true;
}

describe('consumer properties under any crash schedule', () => {
  it('an idempotent sink never applies a record twice, and process-then-commit never loses one', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom('inline', 'thread-pool', 'per-key-queue'), (faults, seed, processing) => {
        const raw = consumerScenario([member({ sink: 'idempotent', processing }), member({ sink: 'idempotent', processing }), member({ sink: 'idempotent', processing, startAt: null })], { seed, until: 60_000, faults }, { rate: 100, count: 2500 });
        return holds(raw, (r) => r.result.summary.processedTwice === 0 && r.result.summary.lostAfterBroker === 0);
      }),
      { numRuns: 25, verbose: true },
    );
  });

  it('auto-commit with inline processing never loses a record, whatever the schedule', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 0, max: 2 ** 31 }), (faults, seed) => {
        const cfg = { 'auto.offset.reset': 'earliest', 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 1000, 'max.poll.interval.ms': 8000, 'auto.commit.interval.ms': 1000 };
        const raw = consumerScenario([{ config: cfg, processingMs: 3 }, { config: cfg, processingMs: 3 }, { config: cfg, processingMs: 3, startAt: null }], { seed, until: 60_000, faults }, { rate: 100, count: 2500 });
        return holds(raw, (r) => r.result.summary.lostAfterBroker === 0);
      }),
      { numRuns: 20, verbose: true },
    );
  });

  it('a run with consumers is deterministic byte for byte', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 0, max: 2 ** 31 }), (faults, seed) => {
        const raw = consumerScenario([member({}), member({ processing: 'thread-pool' }), member({ startAt: null, commit: 'auto', config: { 'enable.auto.commit': true } })], { seed, until: 30_000, faults }, { rate: 100, count: 1500 });
        const a = runConsumers(raw);
        const b = runConsumers(raw);
        expect(JSON.stringify(traceEvents(b.sim.ctx.trace))).toBe(JSON.stringify(traceEvents(a.sim.ctx.trace)));
        expect(JSON.stringify(b.result.summary)).toBe(JSON.stringify(a.result.summary));
      }),
      { numRuns: 8 },
    );
  });
});
