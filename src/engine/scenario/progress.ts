/**
 * Every run makes progress. Kafka's own requirements between timing configs
 * are enforced before the run (KafkaConfig.validateValues); settings Kafka
 * accepts but that let work repeat without time passing (a zero latency with a
 * zero fetch wait, a consumer whose requests time out and retry at once) are
 * caught in the event loop: more than MAX_EVENTS_PER_INSTANT events at one
 * simulated instant stops the run with an error naming the zero settings.
 */
import { problem } from '../core/scenarioProblems.ts';
import type { ScenarioError } from '../core/scenarioError.ts';
import type { Scenario } from './scenario.ts';

/** Far above any real burst (a leader crash with a full purgatory is thousands), far below a runaway loop's memory. */
export const MAX_EVENTS_PER_INSTANT = 1_000_000;

export function checkProgressSettings(s: Scenario): void {
  const c = s.brokerConfig;
  if (c['replica.fetch.wait.max.ms'] > c['replica.socket.timeout.ms']) throw problem('cluster.config["replica.socket.timeout.ms"]', 'fetch-wait-socket');
  if (c['replica.fetch.wait.max.ms'] > c['replica.lag.time.max.ms']) throw problem('cluster.config["replica.fetch.wait.max.ms"]', 'fetch-wait-lag');
}

/** The settings of a scenario that are zero and measure time: the suspects when time stops. */
export function zeroTimings(s: Scenario): string[] {
  const out: string[] = [];
  const ms = (k: string) => k.endsWith('.ms') || k.endsWith('Ms');
  if (s.lab['network.latency.ms'] === 0) out.push('cluster.lab["network.latency.ms"]=0');
  for (const [k, v] of Object.entries(s.brokerConfig)) if (ms(k) && v === 0) out.push(`cluster.config["${k}"]=0`);
  s.producers.forEach((p, i) => {
    for (const [k, v] of Object.entries(p.config)) if (ms(k) && v === 0) out.push(`producers[${i}].config["${k}"]=0`);
  });
  s.consumers.forEach((c, i) => {
    for (const [k, v] of Object.entries(c.config)) if (ms(k) && v === 0) out.push(`consumers[${i}].config["${k}"]=0`);
    if (c.processingMs === 0) out.push(`consumers[${i}].processingMs=0`);
  });
  return out;
}

export function stalled(s: Scenario, t: number): ScenarioError {
  const settings = zeroTimings(s);
  return problem(settings.length ? settings[0].slice(0, settings[0].lastIndexOf('=')) : 'until', 'stalled', { t, max: MAX_EVENTS_PER_INSTANT, settings: settings.join(', ') });
}
