import { describe, expect, it } from 'vitest';
import { consumerScenario, runConsumers } from './consumerHelpers.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const earliest = { 'auto.offset.reset': 'earliest' };

describe('consumer group end to end', () => {
  it('one consumer with defaults reads every committed record exactly once, in key order', () => {
    const r = runConsumers(consumerScenario([{ config: earliest }]));
    expect(r.group.consumable).toBe(4000);
    expect(r.group.processed).toBe(4000);
    expect(r.result.summary.processed).toBe(4000);
    expect(r.result.summary.lostAfterBroker).toBe(0);
    expect(r.result.summary.processedTwice).toBe(0);
    expect(r.result.summary.processedOutOfOrder).toBe(0);
    expect(r.group.lag).toBe(0);
    // Auto-commit reached the end of both partitions.
    const committed = [...r.sim.ctx.consumers!.groups[0].committed.values()].reduce((n, c) => n + c.offset, 0);
    expect(committed).toBe(4000);
  });

  it('is deterministic: same scenario and seed give the same trace', () => {
    const raw = consumerScenario([{ config: earliest }, { config: earliest }], { faults: [{ at: 8000, type: 'consumer-crash', consumer: 'c1' }] });
    const a = JSON.stringify(traceEvents(runConsumers(raw).sim.ctx.trace));
    const b = JSON.stringify(traceEvents(runConsumers(raw).sim.ctx.trace));
    expect(a).toBe(b);
  });
});
