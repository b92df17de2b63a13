/** The CLI's human-readable summary of a report, in English or Chinese (the lab's text catalog). */
import type { TextReport } from '../i18n/report.ts';
import { translate, translateCode, type Lang, type MessageKey } from '../i18n/index.ts';
import '../i18n/catalogEn.ts';

/** Columns as a terminal draws them: a CJK character takes two cells. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - width(s)));

export function formatReport(r: TextReport, maxStories = 5, lang: Lang = 'en'): string {
  const t = (key: MessageKey, args?: Record<string, string | number>) => translate(lang, key, args);
  const row = (key: MessageKey, value: number, note = '') => `  ${pad(t(key), 20)}${value}${note}`;
  const s = r.summary;
  const lines: string[] = [];
  lines.push(t('cli.header', { scenario: r.scenario, version: r.kafkaVersion, seed: r.seed, until: r.until }));
  lines.push('');
  lines.push(row('cli.produced', s.produced));
  lines.push(row('cli.acked', s.acked));
  lines.push(row('cli.committed', s.committed));
  lines.push(row('cli.lostAcked', s.lostAcked, s.lostAcked ? t('cli.lostAcked.note') : ''));
  lines.push(row('cli.lostUnacked', s.lostUnacked, t('cli.lostUnacked.note', { known: s.lostUnackedKnown, unknown: s.lostUnackedUnknown })));
  lines.push(row('cli.unseen', s.unseen, t('cli.unseen.note')));
  lines.push(row('cli.recovered', s.recovered, t('cli.recovered.note')));
  lines.push(row('cli.committedUntold', s.committedUntold, t('cli.committedUntold.note')));
  if (s.resentAfterRestart) lines.push(row('cli.resentAfterRestart', s.resentAfterRestart, t('cli.resentAfterRestart.note')));
  lines.push(row('cli.pending', s.pending));
  lines.push(row('cli.duplicated', s.duplicated));
  lines.push(row('cli.reordered', s.reordered, t('cli.withinKey')));
  if (s.consumerGroups.length) lines.push(...formatConsumers(r, lang, t, row));
  const counts = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} x${v}`)
      .join(', ');
  if (Object.keys(r.producerErrors).length) lines.push('', t('cli.producerErrors', { list: counts(r.producerErrors) }));
  if (Object.keys(r.sendFailures).length) lines.push(t('cli.failedSends', { list: counts(r.sendFailures) }));
  lines.push('', t('cli.partitions'));
  for (const p of r.partitions) {
    const replicas = p.replicas.map((x) => `b${x.broker}${x.status === 'running' ? '' : `(${status(lang, 'broker', x.status)})`} LEO ${x.leo}`).join(', ');
    lines.push(t('cli.partition', { partition: p.partition, leader: p.leader < 0 ? t('cli.noLeader') : `b${p.leader}`, epoch: p.leaderEpoch, isr: p.isr.join(','), hw: p.highWatermark, replicas }));
  }
  if (r.expectations.length) {
    lines.push('', t('cli.expected'));
    for (const e of r.expectations) lines.push(t('cli.expectation', { ok: t(e.ok ? 'cli.expect.ok' : 'cli.expect.fail'), key: e.key, op: e.op, value: e.value, actual: e.actual ?? t('cli.noSuchCount') }));
  }
  const shown = new Set<string>();
  let stories = 0;
  for (const a of r.anomalies) {
    // One story per kind and partition is enough to read; --json has them all.
    const k = `${a.kind}/${a.partition}`;
    if (shown.has(k) || stories >= maxStories) continue;
    shown.add(k);
    stories++;
    const count = r.anomalies.filter((x) => x.kind === a.kind && x.partition === a.partition).length;
    const args = { kind: translate(lang, `kind.${a.kind}`), message: a.message, producer: a.producer, key: a.key ?? '-', partition: a.partition, n: count - 1 };
    lines.push('', t(count > 1 ? 'cli.anomaly.more' : 'cli.anomaly', args));
    for (const line of a.text) lines.push(`    ${line}`);
  }
  return lines.join('\n');
}

/** A broker's or consumer's status in words, or as it is if the catalog has no word for it. */
const status = (lang: Lang, prefix: 'broker' | 'consumer.s', code: string) => translateCode(lang, `${prefix}.${code}`, undefined, code);

type T = (key: MessageKey, args?: Record<string, string | number>) => string;

/** The consumer side: one block per group (see engine/consumerChecker.ts). */
function formatConsumers(r: TextReport, lang: Lang, t: T, row: (key: MessageKey, value: number, note?: string) => string): string[] {
  const s = r.summary;
  const lines = ['', t('cli.afterBroker')];
  lines.push(row('cli.processed', s.processed));
  lines.push(row('cli.lostAfterBroker', s.lostAfterBroker, s.lostAfterBroker ? t('cli.lostAfterBroker.note') : ''));
  lines.push(row('cli.processedTwice', s.processedTwice));
  lines.push(row('cli.outOfOrder', s.processedOutOfOrder, t('cli.withinKey')));
  for (const g of s.consumerGroups) {
    lines.push(t('cli.group', { group: g.group, topic: g.topic, state: g.state, generation: g.generation, coordinator: g.coordinator, rebalances: g.rebalances }));
    lines.push(t('cli.groupDetail', { processed: g.processed, consumable: g.consumable, lost: g.lostAfterBroker, twice: g.processedTwice, outOfOrder: g.processedOutOfOrder, skipped: g.skippedByReset, unconsumed: g.unconsumed, lag: g.lag }));
    if (g.deduplicated) lines.push(t('cli.deduplicated', { n: g.deduplicated }));
  }
  const members = r.consumers.map((c) => `${c.name}${c.status === 'running' ? '' : `(${status(lang, 'consumer.s', c.status)})`} [${c.partitions.join(',')}]`);
  if (members.length) lines.push(t('cli.members', { list: members.join(', ') }));
  const fails = Object.entries(r.commitFailures);
  if (fails.length) lines.push(t('cli.failedCommits', { list: fails.map(([k, v]) => `${k} x${v}`).join(', ') }));
  return lines;
}
