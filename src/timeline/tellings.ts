/**
 * What the host tells on request, beside the running updates: a message's
 * story (the full checker, once, for the message asked about) and the
 * configuration in force (ScenarioInfo). No Kafka rule here: story.ts,
 * consumerStory.ts and the parsed scenario say it all.
 */
import { parseScenario } from '../engine/scenario/scenario.ts';
import { ScenarioError } from '../engine/core/scenarioError.ts';
import { check, type AnomalyKind } from '../engine/checker/checker.ts';
import { storyOf } from '../engine/checker/story.ts';
import { consumerStory, type ConsumerAnomalyKind } from '../engine/checker/consumerStory.ts';
import type { SimContext } from '../engine/core/context.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
import type { HostEvent, ScenarioInfo } from './protocol.ts';
import type { ConsumerWorld } from '../engine/core/consumerModel.ts';

const CONSUMER_KINDS = new Set<string>(['lost-after-broker', 'processed-twice', 'processed-out-of-order', 'skipped-by-reset']);

export function storyEvent(ctx: SimContext, message: number, want?: AnomalyKind, group?: string): HostEvent {
  if (!(message >= 0 && message < ctx.msgs.size)) throw new ScenarioError('story', `no message ${message} at this moment`);
  const all = check(ctx, { stories: false }).anomalies;
  const a = all.find((x) => x.message === message && (want === undefined || (x.kind === want && (group === undefined || x.group === group)))) ?? all.find((x) => x.message === message);
  const part = ctx.partitions[ctx.msgs.partition[message]].name;
  const key = ctx.msgs.key[message] >= 0 ? `k${ctx.msgs.key[message]}` : null;
  const w = ctx.consumers as ConsumerWorld | null;
  const g = a?.group !== undefined ? w?.groups.find((x) => x.id === a.group) : undefined;
  if (a && w && g && CONSUMER_KINDS.has(a.kind)) {
    // A consumer-side fate: the story of what the group's applications did with it.
    const pid = ctx.msgs.partition[message];
    const steps = consumerStory(ctx, w, g, message, pid, a.offsets[0] ?? -1, a.kind as ConsumerAnomalyKind);
    return { type: 'story', message, kind: a.kind, partition: part, key, steps };
  }
  // A message without an anomaly still has a life story; 'ok' adds no verdict step.
  const kind = (a?.kind ?? 'ok') as AnomalyKind;
  const steps = storyOf(ctx, message, kind, { offsets: a?.offsets ?? [], overtakenBy: a?.overtakenBy });
  return { type: 'story', message, kind: a ? a.kind : null, partition: part, key, steps };
}

export function scenarioInfo(raw: RawScenario): ScenarioInfo {
  const s = parseScenario(raw);
  const plain = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'object')) as Record<string, string | number | boolean>;
  return {
    name: s.name,
    description: s.description,
    seed: s.seed,
    until: s.until,
    brokers: s.brokers,
    kafkaVersion: s.kafkaVersion,
    detail: s.lab.detail,
    raw,
    topics: s.topics.map((t) => ({ name: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor, config: plain(t.config) })),
    producers: s.producers.map((p) => ({ name: p.name, topic: p.topic, rate: p.rate, count: p.count, keys: p.keys, config: plain(p.config), explicit: p.explicit })),
    brokerConfig: plain(s.brokerConfig),
    consumers: s.consumers.map((c) => ({ name: c.name, group: c.group, topic: c.topic, config: plain(c.config), commit: c.commit, processing: c.processing, processingMs: c.processingMs, sink: c.sink, startAt: c.startAt })),
    nodes: ['controller', ...Array.from({ length: s.brokers }, (_, i) => `b${i + 1}`), ...s.producers.map((p) => p.name), ...s.consumers.map((c) => c.name)],
  };
}
