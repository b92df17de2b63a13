/**
 * The run's report: the checker's summary, every anomaly with its story,
 * producer errors by Kafka error name, and each partition's final state.
 * Plain JSON, identical for identical runs. Stories are codes and arguments;
 * src/i18n/report.ts adds their text in the reader's language (the CLI's
 * --json report, whose fields stay as they were).
 */
import type { SimContext } from './context.ts';
import { check, type Anomaly, type Summary } from './checker.ts';
import { evaluate, type Expectation, type ExpectationResult } from './expectations.ts';

export interface PartitionReport {
  partition: string;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  highWatermark: number;
  replicas: { broker: number; status: string; leo: number; hw: number; flushed: number }[];
}

export interface Report {
  scenario: string;
  seed: number;
  until: number;
  summary: Summary;
  /** The scenario's own claims (its "expect" field), checked against the summary. */
  expectations: ExpectationResult[];
  producerErrors: Record<string, number>;
  sendFailures: Record<string, number>;
  partitions: PartitionReport[];
  anomalies: Anomaly[];
  /** Consumer members at the end and failed commits by exception (empty without consumers). */
  consumers: { name: string; group: string; status: string; partitions: string[]; commitsFailed: number }[];
  commitFailures: Record<string, number>;
}

export function buildReport(ctx: SimContext, meta: { name: string; seed: number; until: number; expect?: Expectation[] }): Report {
  const { summary, anomalies } = check(ctx);
  const producerErrors: Record<string, number> = {};
  const sendFailures: Record<string, number> = {};
  const commitFailures: Record<string, number> = {};
  for (const ev of ctx.trace) {
    if (ev.type === 'produce-error') producerErrors[ev.error] = (producerErrors[ev.error] ?? 0) + 1;
    if (ev.type === 'send-failed') sendFailures[ev.error] = (sendFailures[ev.error] ?? 0) + ev.records;
    if (ev.type === 'consumer' && ev.what === 'commit-failed') {
      const e = String(ev.args?.error ?? '?');
      commitFailures[e] = (commitFailures[e] ?? 0) + 1;
    }
  }
  const partitions = ctx.partitions.map((p) => {
    const s = ctx.controller.partitions[p.id];
    const leader = s.leader > 0 ? ctx.brokers[s.leader - 1].replicas.get(p.id) : undefined;
    return {
      partition: p.name,
      leader: s.leader,
      leaderEpoch: s.leaderEpoch,
      isr: [...s.isr],
      highWatermark: leader ? leader.hw : -1,
      replicas: p.assignment.map((b) => {
        const br = ctx.brokers[b - 1];
        const r = br.replicas.get(p.id)!;
        return { broker: b, status: br.status, leo: r.leo, hw: r.hw, flushed: r.flushed };
      }),
    };
  });
  return {
    scenario: meta.name,
    seed: meta.seed,
    until: meta.until,
    summary,
    expectations: evaluate(meta.expect ?? [], summary),
    producerErrors: sorted(producerErrors),
    sendFailures: sorted(sendFailures),
    partitions,
    anomalies,
    consumers: (ctx.consumers?.members ?? []).map((m) => ({ name: m.name, group: m.spec.group, status: m.status, partitions: m.assignment.map((p) => ctx.partitions[p].name), commitsFailed: m.commitsFailed })),
    commitFailures: sorted(commitFailures),
  };
}

function sorted(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
