/**
 * The text catalog: every key has both languages with the same placeholders,
 * no key is defined twice, plurals follow Intl.PluralRules, and every code the
 * engine emits, with the arguments it really passes (every example run with
 * detail events, every hostile file's refusal), renders in both languages with
 * no placeholder left and, in Chinese, no English sentence. The language
 * choice (?lang, remembered, browser) is checked here with a fake storage.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGS } from '../../src/i18n/catalog.ts';
import { EN, type MessageKey } from '../../src/i18n/catalogEn.ts';
import { AREAS_ZH, ZH } from '../../src/i18n/zhCatalog.ts';
import { AREAS_EN } from '../../src/i18n/catalogEn.ts';
import { interpolate, placeholders, templateOf, type Lang } from '../../src/i18n/format.ts';
import { eventText, problemText, rebalanceReasonText, stepText, translate } from '../../src/i18n/index.ts';
import { chooseLang, langFromBrowser, LANG_STORAGE_KEY, parseLang, type LangStorage } from '../../src/i18n/lang.ts';
import { scenarioDescription, scenarioName, presetLabel } from '../../src/i18n/scenarioText.ts';
import { reportWithText } from '../../src/i18n/report.ts';
import { formatReport } from '../../src/cli/format.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { readScenarioText } from '../../src/engine/scenario/scenarioText.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';
import { runScenario } from '../../src/engine/sim/runScenario.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { consumerSnapshot } from '../../src/engine/checker/consumerSnapshot.ts';
import { PROBLEM_CODES } from '../../src/engine/core/scenarioProblems.ts';
import { LESSONS } from '../../src/lessons/index.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const root = join(import.meta.dirname, '../..');
const examples = readdirSync(join(root, 'public/scenarios')).filter((f) => f.endsWith('.json')).sort();
const hostile = readdirSync(join(root, 'test/fixtures/hostile')).filter((f) => f.endsWith('.json')).sort();
const keys = Object.keys(EN) as MessageKey[];
const LEFT = /\{\w+\}|undefined|NaN|\[object/;
const CJK = /[\u4e00-\u9fff]/;

/** Kafka's names and the lab's own identifiers, which Chinese text keeps as they are. */
const KAFKA_WORDS = new Set(
  'acks all leader leaders follower followers broker brokers controller epoch offset offsets key keys kill rebalance generation member id position unclean eager fence fenced poll range roundrobin sticky cooperative ms s producer consumer batch page cache fsync true false none earliest latest auto commit process inline queue record thread pool per plain idempotent sink close heartbeat to of the is'.split(' '),
);

/**
 * English that leaked into a Chinese line: runs of plain lowercase words (not
 * config keys like auto.offset.reset=none, not names like orders-0 or c1) with
 * a word that is neither a Kafka name nor a name the scenario gave.
 */
function englishLeaks(text: string, names: readonly string[]): string[] {
  const runs = text.match(/(?<![\w.=@-])[a-z]+(?:[-'][a-z]+)*(?: [a-z]+(?:[-'][a-z]+)*)*(?![\w.=@(-])/g) ?? [];
  return runs.filter((run) => run.split(' ').some((w) => !KAFKA_WORDS.has(w) && !names.includes(w)));
}

function namesOf(raw: Record<string, unknown>): string[] {
  const list = (k: string) => ((raw[k] ?? []) as { name?: string; group?: string }[]).flatMap((x) => [x.name ?? '', x.group ?? '']);
  return [...list('topics'), ...list('producers'), ...list('consumers')].filter(Boolean);
}

describe('the catalog', () => {
  it('has every key in both languages and no key defined in two areas', () => {
    expect(Object.keys(ZH).sort()).toEqual([...keys].sort());
    const seen = new Map<string, string>();
    for (const [area, table] of Object.entries(AREAS_EN)) {
      expect(Object.keys(AREAS_ZH[area as keyof typeof AREAS_ZH]).sort(), area).toEqual(Object.keys(table).sort());
      for (const k of Object.keys(table)) {
        expect(seen.get(k), `${k} in ${area}`).toBeUndefined();
        seen.set(k, area);
      }
    }
    expect(seen.size).toBe(keys.length);
  });

  it('each message has the same placeholders in English and Chinese, and a plural counts by one of them', () => {
    const differ = keys.filter((k) => placeholders(EN[k]).join() !== placeholders(ZH[k]).join());
    expect(differ).toEqual([]);
    for (const k of keys)
      for (const m of [EN[k], ZH[k]]) {
        if (typeof m === 'string') continue;
        expect(Object.keys(m).filter((f) => f !== 'count' && !['zero', 'one', 'two', 'few', 'many', 'other'].includes(f)), k).toEqual([]);
      }
  });

  it('every message renders in both languages with its placeholders filled', () => {
    for (const k of keys) {
      const args = Object.fromEntries(placeholders(EN[k]).map((p) => [p, 7]));
      for (const lang of ['en', 'zh-CN'] as Lang[]) expect(translate(lang, k, args), `${lang} ${k}`).not.toMatch(LEFT);
    }
  });

  it('plurals follow Intl.PluralRules: 1 record, 2 records; Chinese has one form', () => {
    const args = (n: number) => ({ producer: 'p1', error: 'NETWORK_EXCEPTION', records: n });
    expect(translate('en', 'event.send-failed', args(1))).toBe('p1: send failed with NETWORK_EXCEPTION (1 record)');
    expect(translate('en', 'event.send-failed', args(2))).toBe('p1: send failed with NETWORK_EXCEPTION (2 records)');
    expect(translate('en', 'event.send-failed', args(0))).toBe('p1: send failed with NETWORK_EXCEPTION (0 records)');
    expect(translate('zh-CN', 'event.send-failed', args(1))).toBe('p1 发送失败：NETWORK_EXCEPTION（1 条）');
    expect(templateOf('en', { count: 'n', one: 'a', other: 'b' }, { n: 1 })).toBe('a');
    expect(templateOf('en', { count: 'n', one: 'a', other: 'b' }, { n: 1.5 })).toBe('b');
    // A missing count reads as "other"; a missing argument stays visible instead of vanishing.
    expect(interpolate('en', { count: 'n', one: '{n} x', other: '{n} xs' })).toBe('{n} xs');
  });

  it('Chinese never shows an English sentence where English has one (beyond Kafka names)', () => {
    const same = keys.filter((k) => typeof EN[k] === 'string' && EN[k] === ZH[k] && englishLeaks((EN[k] as string).replace(/\{\w+\}/g, '#'), []).length > 0);
    expect(same).toEqual([]);
  });
});

describe('engine codes with the arguments the engine passes', () => {
  it.each(examples)('%s: every event, story step and rebalance reason reads in both languages', (file) => {
    const raw = JSON.parse(readFileSync(join(root, 'public/scenarios', file), 'utf8')) as Record<string, unknown>;
    raw.until = Math.min(Number(raw.until ?? 60_000), 90_000);
    raw.cluster = { ...((raw.cluster ?? {}) as object), lab: { ...(((raw.cluster ?? {}) as { lab?: object }).lab ?? {}), detail: true } };
    const ctx = runScenario(parseScenario(raw)).ctx;
    const names = namesOf(raw);
    const seen = new Set<string>();
    for (const e of traceEvents(ctx.trace)) {
      const key = e.type === 'consumer' ? `consumer ${e.what}` : e.type;
      const en = eventText('en', e);
      const zh = eventText('zh-CN', e);
      expect(en, key).not.toMatch(LEFT);
      expect(zh, key).not.toMatch(LEFT);
      if (seen.has(key)) continue;
      seen.add(key);
      expect(zh, `${key}: ${zh}`).toMatch(CJK);
      expect(englishLeaks(zh, names), `${key}: ${zh}`).toEqual([]);
    }
    for (const a of check(ctx).anomalies.slice(0, 50))
      for (const s of a.story) {
        expect(stepText('en', s), s.code).not.toMatch(LEFT);
        const zh = stepText('zh-CN', s);
        expect(zh, s.code).not.toMatch(LEFT);
        expect(englishLeaks(zh, names), `${s.code}: ${zh}`).toEqual([]);
      }
    for (const g of consumerSnapshot(ctx, { rebalances: 50 })) for (const r of g.rebalances) expect(rebalanceReasonText('zh-CN', r.why)).not.toMatch(LEFT);
  });

  it.each(hostile)('%s: the refusal reads in both languages, the English one exactly as the error says', (file) => {
    let err: unknown;
    try {
      parseScenario(readScenarioText(readFileSync(join(root, 'test/fixtures/hostile', file), 'utf8')));
    } catch (e) {
      err = e;
    }
    if (!(err instanceof ScenarioError)) return; // refused later, by the run (covered by hostile.test.ts)
    expect(PROBLEM_CODES as readonly string[]).toContain(err.code);
    expect(problemText('en', err.code, err.args)).toBe(err.problem);
    const zh = problemText('zh-CN', err.code, err.args);
    // (A value quoted from the file may well be NaN.)
    expect(zh).not.toMatch(/\{\w+\}|undefined|\[object/);
    expect(zh).toMatch(CJK);
  });
});

describe('the CLI and the report', () => {
  it('--lang zh prints the summary in Chinese, and the JSON report keeps its English reason args', () => {
    const raw = JSON.parse(readFileSync(join(root, 'public/scenarios/acks1-failover.json'), 'utf8'));
    const s = parseScenario(raw);
    const report = buildReport(runScenario(s).ctx, { name: s.name, seed: s.seed, until: s.until, expect: s.expect });
    const zh = formatReport(reportWithText(report, 'zh-CN'), 5, 'zh-CN');
    expect(zh).toMatch(/已确认后丢失\s+\d+/);
    // The scenario's own name and its expect keys (summary fields) are the file's words.
    expect(englishLeaks(zh.split('\n').slice(1).join('\n'), ['orders', ...Object.keys(report.summary)])).toEqual([]);
    const en = reportWithText(report, 'en');
    const truncated = en.anomalies.flatMap((a) => a.story).find((st) => st.code === 'truncated');
    expect(truncated?.args.reason).toMatch(/^log diverges from leader/);
  });
});

describe('scenario texts by preset id', () => {
  it('every bundled example has its name and description in both languages; a user file keeps its own', () => {
    for (const f of examples) {
      const id = f.replace(/\.json$/, '');
      const raw = JSON.parse(readFileSync(join(root, 'public/scenarios', f), 'utf8'));
      expect(scenarioName('en', id, '?')).toBe(raw.name);
      expect(scenarioDescription('en', id, '?')).toBe(raw.description);
      expect(scenarioName('zh-CN', id, '?')).toMatch(CJK);
      expect(scenarioDescription('zh-CN', id, '?')).toMatch(CJK);
    }
    // A lesson's scenario (the lab's preset id lesson:<id> while it plays).
    for (const l of LESSONS) expect(scenarioName('zh-CN', `lesson:${l.id}`, '?'), l.id).toMatch(CJK);
    expect(scenarioName('zh-CN', 'my-file.json', 'My own')).toBe('My own');
    expect(presetLabel('en', { id: 'acks0-loss', label: 'x' })).toMatch(/^acks=0:/);
    expect(presetLabel('en', { id: 'consumer-clean-close', label: 'x' })).toBe('Consumers: Clean close with auto-commit: no duplicates on restart');
    expect(presetLabel('zh-CN', { id: 'consumer-clean-close', label: 'x' })).toMatch(/^消费者：/);
  });
});

describe('which language the lab starts in', () => {
  const storage = (init: Record<string, string> = {}): LangStorage & { data: Record<string, string> } => ({
    data: { ...init },
    getItem(k) {
      return this.data[k] ?? null;
    },
    setItem(k, v) {
      this.data[k] = v;
    },
  });
  const throwing: LangStorage = {
    getItem() {
      throw new Error('SecurityError');
    },
    setItem() {
      throw new Error('QuotaExceededError');
    },
  };

  it('reads language tags as the lab speaks them', () => {
    expect(['zh', 'zh-CN', 'zh-Hans', 'ZH-tw', 'en', 'en-GB', 'fr', ''].map(parseLang)).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'en', 'en', null, null]);
    expect(langFromBrowser(['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
    expect(langFromBrowser(['de'])).toBe('en');
  });

  it('first visit: the browser language, remembered; later visits: the remembered one; ?lang wins', () => {
    const st = storage();
    expect(chooseLang(null, st, ['zh-CN', 'en'])).toEqual({ lang: 'zh-CN' });
    expect(st.data[LANG_STORAGE_KEY]).toBe('zh-CN');
    expect(chooseLang(null, st, ['en-US'])).toEqual({ lang: 'zh-CN' });
    expect(chooseLang('en', st, ['zh-CN'])).toEqual({ lang: 'en' });
  });

  it('an unknown ?lang is named, and the lab falls back; a throwing storage never breaks the start', () => {
    expect(chooseLang('xx', storage({ [LANG_STORAGE_KEY]: 'zh-CN' }), ['en'])).toEqual({ lang: 'zh-CN', unknown: 'xx' });
    expect(chooseLang('xx', throwing, ['en-GB'])).toEqual({ lang: 'en', unknown: 'xx' });
    expect(chooseLang(null, throwing, ['zh-TW'])).toEqual({ lang: 'zh-CN' });
    expect(chooseLang(null, null, undefined)).toEqual({ lang: 'en' });
    expect(chooseLang(null, storage({ [LANG_STORAGE_KEY]: 'tlh' }), ['en'])).toEqual({ lang: 'en' });
  });

  it('every catalog is complete for every language the lab offers', () => {
    for (const lang of Object.keys(CATALOGS) as Lang[]) expect(Object.keys(CATALOGS[lang]).length).toBe(keys.length);
  });
});
