/**
 * The chart history the view keeps: bounded, with recent samples at full
 * resolution and older ones thinned. Past `max` samples the older half is
 * merged pairwise, so the resolution halves with each step back in time
 * (a long run keeps its whole shape, from its start, in a fixed number of
 * points). A merged pair keeps the earlier sample, so the history still
 * starts where the run did, but the higher lag of the two, so a lag spike
 * outlives its thinning.
 */
import type { ChartSample } from './protocol.ts';

export const MAX_CHART_SAMPLES = 4000;

function merge(a: ChartSample, b: ChartSample): ChartSample {
  return { ...a, lag: a.lag.map((x, i) => Math.max(x, b.lag[i] ?? 0)) };
}

/** `samples` (oldest first) within `max`: the newest half untouched, the older half merged in pairs. */
export function thinSamples(samples: ChartSample[], max = MAX_CHART_SAMPLES): ChartSample[] {
  if (samples.length <= max) return samples;
  const old = samples.length - (max >> 1);
  const out: ChartSample[] = [];
  for (let i = 0; i < old; i += 2) out.push(i + 1 < old ? merge(samples[i], samples[i + 1]) : samples[i]);
  for (let i = old; i < samples.length; i++) out.push(samples[i]);
  return out;
}
