/** The view's chart history (src/timeline/chartHistory.ts): bounded, recent samples exact, old ones thinned, spikes kept. */
import { describe, expect, it } from 'vitest';
import { thinSamples } from '../../src/timeline/chartHistory.ts';
import type { ChartSample } from '../../src/timeline/protocol.ts';

const sample = (t: number, lag = 0): ChartSample => ({ t, leo: [[t]], hw: [t], lag: [lag], processedTwice: 0, lostAfterBroker: 0, lostAcked: 0, lostUnacked: 0, duplicated: 0, reordered: 0 });

describe('chart history', () => {
  it('stays within its bound over a long run, keeps the newest half exact and still reaches back to the start', () => {
    let samples: ChartSample[] = [];
    // 24 simulated hours at one sample every 250 ms.
    for (let t = 0; t <= 24 * 3600 * 1000; t += 250) {
      samples.push(sample(t));
      samples = thinSamples(samples, 400);
    }
    expect(samples.length).toBeLessThanOrEqual(400);
    expect(samples[0].t).toBe(0);
    const recent = samples.slice(-100).map((s) => s.t);
    expect(recent).toEqual(recent.map((_, i) => 24 * 3600 * 1000 - (99 - i) * 250));
    expect(samples.every((s, i) => i === 0 || s.t > samples[i - 1].t)).toBe(true);
  });

  it('a lag spike in old data survives the thinning', () => {
    let samples = Array.from({ length: 1000 }, (_, i) => sample(i * 250, i === 101 ? 5000 : 10));
    for (let k = 0; k < 5; k++) samples = thinSamples([...samples, ...Array.from({ length: 200 }, (_, i) => sample((1000 + k * 200 + i) * 250, 10))], 1000);
    expect(Math.max(...samples.map((s) => s.lag[0]))).toBe(5000);
  });
});
