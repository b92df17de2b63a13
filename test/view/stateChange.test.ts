/**
 * The state ring's start is found by time, whatever number of events a frame
 * brought after the change.
 */
import { describe, expect, it } from 'vitest';
import { changedAt, PULSE_MS } from '../../src/view/stateChange.ts';
import type { TraceEvent } from '../../src/engine/core/trace.ts';

const crash = (t: number, broker: number) => ({ t, type: 'broker-crashed', broker, how: 'kill -9' }) as unknown as TraceEvent;
const noise = (t: number) => ({ t, type: 'hw-advanced', partition: 'orders-0', hw: 1 }) as unknown as TraceEvent;

describe('changedAt', () => {
  it('finds a crash 500 ms back behind 20,000 later events, and not one in the future of the moment asked', () => {
    const trace = [noise(4_000), crash(6_000, 1)];
    for (let i = 0; i < 20_000; i++) trace.push(noise(6_000 + Math.floor(i / 20)));
    trace.push(crash(7_200, 2));
    expect(changedAt(trace, 1, 6_500)).toBe(6_000);
    expect(changedAt(trace, 2, 6_500)).toBe(Number.NEGATIVE_INFINITY);
    expect(changedAt(trace, 2, 7_300)).toBe(7_200);
  });

  it('a change older than the ring is long ago; a trace that starts after the ring could have begun cannot say', () => {
    const trace = [noise(1_000), crash(2_000, 1), noise(9_000)];
    expect(changedAt(trace, 1, 2_000 + PULSE_MS + 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(changedAt(trace, 1, 2_000 + PULSE_MS - 1)).toBe(2_000);
    expect(changedAt([noise(9_000)], 1, 9_500)).toBeNull();
    expect(changedAt([], 1, 9_500)).toBeNull();
  });
});
