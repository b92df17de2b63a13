/**
 * Consumer events read in the reader's language: every consumer trace event of
 * every consumer example renders in Chinese without English sentences leaking
 * through, its English rendering is a sentence (not its code, no placeholder
 * left), the event log shows exactly that line, and the group's stories and
 * rebalance reasons are Chinese too.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { runScenario } from '../../src/engine/sim/runScenario.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { consumerSnapshot } from '../../src/engine/checker/consumerSnapshot.ts';
import { CONSUMER_EVENT_CODES, LEAVE_CLOSING, LEAVE_POLL_TIMEOUT, type Args } from '../../src/engine/consumer/consumerEventCodes.ts';
import { consumerEventText, eventText, rebalanceReasonText, stepText } from '../../src/i18n/index.ts';
import type { TraceEvent } from '../../src/engine/core/trace.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

type CEvent = Extract<TraceEvent, { type: 'consumer' }>;

const dir = join(import.meta.dirname, '../../public/scenarios');
const files = readdirSync(dir).filter((f) => f.startsWith('consumer-') && f.endsWith('.json')).sort();

/** Kafka's own words, which the Chinese text keeps as they are. */
const KAFKA_TERMS = ['offset', 'offsets', 'rebalance', 'generation', 'leader', 'epoch', 'broker', 'member', 'id', 'position', 'unclean', 'eager', 'kill', 'poll', 'key', 'range', 'roundrobin', 'sticky', 'cooperative', 'ms'];

/**
 * English that leaked into a Chinese line: runs of plain lowercase words (not
 * config keys like auto.offset.reset=none, not names like orders-0 or c1) with
 * any word that is neither a Kafka term nor a name (group, topic) the scenario gave.
 */
function englishLeaks(text: string, names: string[] = []): string[] {
  const allowed = new Set([...KAFKA_TERMS, ...names]);
  const runs = text.match(/(?<![\w.=@-])[a-z]+(?:[-'][a-z]+)*(?: [a-z]+(?:[-'][a-z]+)*)*(?![\w.=@(-])/g) ?? [];
  return runs.filter((run) => run.split(' ').some((w) => !allowed.has(w)));
}

const CJK = /[\u4e00-\u9fff]/;

function expectChinese(text: string, where: string, names: string[]): void {
  expect(englishLeaks(text, names), `${where}: ${text}`).toEqual([]);
  expect(text, where).toMatch(CJK);
  expect(text, where).not.toMatch(/undefined|NaN|\[object/);
}

function run(file: string, detail: boolean) {
  const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  raw.cluster = { ...(raw.cluster ?? {}), lab: { ...(raw.cluster?.lab ?? {}), detail } };
  return runScenario(parseScenario(raw)).ctx;
}

/** The names a scenario gives (groups, topics) may be English words. */
function namesOf(file: string): string[] {
  const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return [...(raw.consumers ?? []).map((c: { group: string }) => c.group), ...(raw.topics ?? []).map((t: { name: string }) => t.name)];
}

describe('the leak detector', () => {
  it('finds English sentences and lets Kafka terms, config keys and names through', () => {
    expect(englishLeaks('c1 在 generation 3 提交了 orders-0@12 orders-1@7')).toEqual([]);
    expect(englishLeaks('auto.offset.reset=none 让它从 offset 5 开始，leader epoch 2；OFFSET_OUT_OF_RANGE')).toEqual([]);
    expect(englishLeaks('消费组 billing 开始 rebalance：c1 left the group', ['billing'])).toEqual(['left the group']);
    expect(englishLeaks('消费组 billing 开始 rebalance：c1 rejoined', ['billing'])).toEqual(['rejoined']);
    expect(englishLeaks('消费组 billing：the consumer is being closed', ['billing'])).toEqual(['the consumer is being closed']);
    expect(englishLeaks('消费组 billing 开始 rebalance')).toEqual(['billing']);
    expect(englishLeaks('消费组 billing 开始 rebalance：member-rejoined', ['billing'])).toEqual(['member-rejoined']);
  });
});

describe('consumer events in English and Chinese', () => {
  it('there are consumer examples to run', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s: every consumer event reads in Chinese, and in English as a sentence the event log shows', (file) => {
    const seen = new Set<string>();
    const names = namesOf(file);
    for (const detail of [false, true]) {
      const ctx = run(file, detail);
      for (const e of traceEvents(ctx.trace)) {
        if (e.type !== 'consumer') continue;
        seen.add(e.what);
        const en = consumerEventText('en', e);
        expect(en, e.what).not.toBe(e.what);
        expect(en, e.what).not.toMatch(/\{\w+\}|undefined|NaN|\[object/);
        expect(eventText('en', e)).toBe(en);
        const zh = eventText('zh-CN', e);
        expect(zh).toBe(consumerEventText('zh-CN', e));
        expectChinese(zh, `${file} ${e.what}`, names);
        if (e.consumer) expect(zh).toContain(e.consumer);
      }
      for (const g of consumerSnapshot(ctx, { rebalances: 50 })) {
        for (const r of g.rebalances) {
          const en = rebalanceReasonText('en', r.why);
          expect(en).not.toBe(r.why.code);
          expect(en).toContain(String(r.why.args.member ?? ''));
          expectChinese(rebalanceReasonText('zh-CN', r.why), `${file} rebalance reason`, names);
        }
      }
    }
    expect(seen.has('committed') || seen.has('commit-failed')).toBe(true);
  });

  it.each(files)('%s: consumer story steps read in Chinese', (file) => {
    const ctx = run(file, false);
    for (const a of check(ctx).anomalies) {
      for (const s of a.story) if (s.code.startsWith('c-')) expectChinese(stepText('zh-CN', s), `${file} ${s.code}`, namesOf(file));
    }
  });

  it('the examples exercise rebalances, crashes, commits, resets and truncation', () => {
    const seen = new Set<string>();
    for (const f of files) for (const e of traceEvents(run(f, true).trace)) if (e.type === 'consumer') seen.add(e.what);
    expect([...seen]).toEqual(expect.arrayContaining(['rebalance', 'stable', 'assigned', 'revoked', 'committed', 'commit-failed', 'crashed', 'offset-reset', 'truncation-detected', 'polled', 'poll-timeout', 'session-expired']));
  });
});

describe('every consumer event code, including those no example reaches', () => {
  const base: Args = { generation: 4, partitions: 'orders-0,orders-1', offset: 12, partition: 'orders-1', error: 'ILLEGAL_GENERATION', records: 3, ranges: 'orders-0[3..5]', maxPollIntervalMs: 300000, broker: 2, protocol: 'range', members: 'c1=[orders-0] c2=[orders-1]', memberId: 'c1-1', sessionTimeoutMs: 45000, leader: 3, epoch: 2, divergedAt: 9, reset: 'earliest', skipped: 4, life: 2, lostInQueue: 7, inline: 1, autoCommit: 1, ms: 5000, offsets: 'orders-0@5', auto: 1, cause: 'reassigned', brokerError: 'UNKNOWN_MEMBER_ID', oldGeneration: 3, reason: 'member-left', member: 'c2', leave: LEAVE_POLL_TIMEOUT, retentionMinutes: 10080, emptySince: 20000, instance: 'billing-1', oldMemberId: 'billing-1-1', state: 'Stable' };
  const variants: Args[] = [
    {},
    { partitions: '', skipped: 0, lostInQueue: 0, inline: 0, autoCommit: 0, auto: 0, divergedAt: '?' },
    ...['rejoining', 'not-in-group', 'coordinator-unknown', 'old-generation', 'broker-error'].map((cause) => ({ cause })),
    ...['member-joined', 'member-rejoined', 'session-timeout', 'coordinator-resumed'].map((reason) => ({ reason })),
    { leave: LEAVE_CLOSING },
  ];

  it.each(CONSUMER_EVENT_CODES)('%s renders in both languages from its args alone', (what) => {
    for (const v of variants) {
      const ev = { consumer: 'c1', group: 'billing', what, args: { ...base, ...v } };
      const en = consumerEventText('en', ev);
      expect(en).not.toMatch(/undefined|NaN|\[object/);
      expect(en).not.toBe(what);
      expect(en).not.toMatch(/\{\w+\}/);
      expectChinese(consumerEventText('zh-CN', ev), `${what} ${JSON.stringify(v)}`, ['billing', 'orders']);
    }
  });

  it('an unknown code shows as the code itself, in either language, never as a blank', () => {
    expect(consumerEventText('zh-CN', { consumer: 'c1', group: 'g', what: 'mystery' })).toBe('mystery');
    expect(consumerEventText('en', { consumer: 'c1', group: 'g', what: 'mystery' })).toBe('mystery');
  });
});
