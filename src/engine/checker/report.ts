/**
 * The run's report: the checker's summary, every anomaly with its story,
 * producer errors by Kafka error name, and each partition's final state.
 * Plain JSON, identical for identical runs. Stories are codes and arguments;
 * src/i18n/report.ts adds their text in the reader's language (the CLI's
 * --json report, whose fields stay as they were).
 */
import type { SimContext } from '../core/context.ts';
import { check, type Anomaly, type Summary } from './checker.ts';
import { SendStatus } from '../core/messages.ts';
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
  /** The Kafka release whose defaults and rules the run used (cluster.kafkaVersion). */
  kafkaVersion: string;
  /** From send() to the acknowledgement, over acknowledged records: where an fsync or a slow ISR shows. */
  ackLatencyMs: { p50: number; p99: number; max: number };
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
  /**
   * Per producer: every record's send outcome as its application saw it, by name: "acked", the
   * error or exception its callback got (e.g. "TimeoutException", "NOT_ENOUGH_REPLICAS"), "untold"
   * (the producer restarted before any answer) or "pending"; and every error the client met on the
   * way, retried or not, by Kafka error name (produce and metadata responses).
   */
  producers: { name: string; sent: number; outcomes: Record<string, number>; errors: Record<string, number> }[];
  /** Per consumer group: the committed offset of each partition (absent: nothing committed yet). */
  committedOffsets: { group: string; topic: string; offsets: { partition: string; offset: number; leaderEpoch: number; at: number; consumer: string }[] }[];
}

export function buildReport(ctx: SimContext, meta: { name: string; seed: number; until: number; expect?: Expectation[] }): Report {
  const { summary, anomalies } = check(ctx);
  const producers = ctx.producers.map((p) => ({ name: p.name, sent: 0, outcomes: {} as Record<string, number>, errors: {} as Record<string, number> }));
  const producerErrors: Record<string, number> = {};
  const sendFailures: Record<string, number> = {};
  const commitFailures: Record<string, number> = {};
  // The kept events: an omitted one is a detail event, which nothing here counts (core/traceLog.ts).
  for (const ev of ctx.trace.kept) {
    if (ev.type === 'produce-error') producerErrors[ev.error] = (producerErrors[ev.error] ?? 0) + 1;
    if (ev.type === 'produce-error' || ev.type === 'metadata-error') {
      const e = producers.find((x) => x.name === ev.producer)!.errors;
      e[ev.error] = (e[ev.error] ?? 0) + 1;
    }
    if (ev.type === 'send-failed') sendFailures[ev.error] = (sendFailures[ev.error] ?? 0) + ev.records;
    if (ev.type === 'consumer' && ev.what === 'commit-failed') {
      const e = String(ev.args?.error ?? '?');
      commitFailures[e] = (commitFailures[e] ?? 0) + 1;
    }
  }
  const m = ctx.msgs;
  for (let id = 0; id < m.size; id++) {
    const out = producers[m.producer[id]];
    out.sent++;
    const name = outcomeName(m.status[id], m.error[id]);
    out.outcomes[name] = (out.outcomes[name] ?? 0) + 1;
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
    kafkaVersion: ctx.kafkaVersion,
    ackLatencyMs: ackLatency(ctx),
    summary,
    expectations: evaluate(meta.expect ?? [], summary),
    producerErrors: sorted(producerErrors),
    sendFailures: sorted(sendFailures),
    partitions,
    anomalies,
    consumers: (ctx.consumers?.members ?? []).map((m) => ({ name: m.name, group: m.spec.group, status: m.status, partitions: m.assignment.map((p) => ctx.partitions[p].name), commitsFailed: m.commitsFailed })),
    commitFailures: sorted(commitFailures),
    producers: producers.map((p) => ({ ...p, outcomes: sorted(p.outcomes), errors: sorted(p.errors) })),
    committedOffsets: (ctx.consumers?.groups ?? []).map((g) => ({
      group: g.id,
      topic: g.topic,
      offsets: g.partitions.flatMap((id) => {
        const c = g.committed.get(id);
        return c ? [{ partition: ctx.partitions[id].name, offset: c.offset, leaderEpoch: c.leaderEpoch, at: c.at, consumer: c.consumer }] : [];
      }),
    })),
  };
}

/** Percentiles of ackedAt - sentAt over acknowledged records (0 when none was acknowledged). */
export function ackLatency(ctx: SimContext): { p50: number; p99: number; max: number } {
  const m = ctx.msgs;
  const lat: number[] = [];
  for (let id = 0; id < m.size; id++) if (m.status[id] === SendStatus.Acked && m.ackedAt[id] >= 0) lat.push(m.ackedAt[id] - m.sentAt[id]);
  if (lat.length === 0) return { p50: 0, p99: 0, max: 0 };
  const sortedLat = Float64Array.from(lat).sort();
  const at = (q: number) => Math.round(sortedLat[Math.min(sortedLat.length - 1, Math.floor(q * sortedLat.length))]);
  return { p50: at(0.5), p99: at(0.99), max: Math.round(sortedLat[sortedLat.length - 1]) };
}

/** A send's outcome by name: the callback's exception class or Kafka error code, without the explanation. */
function outcomeName(status: number, error: string | undefined): string {
  if (status === SendStatus.Acked) return 'acked';
  if (status === SendStatus.Failed) return (error ?? 'error').split(' ')[0];
  if (status === SendStatus.Dropped) return 'untold';
  return 'pending';
}

function sorted(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
