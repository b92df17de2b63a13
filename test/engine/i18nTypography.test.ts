/**
 * The catalog's tidiness, which no user-visible test would notice until a
 * reader does: Chinese sentences quote with “ ” as the rest of the zh catalog
 * does (not ASCII "), write leader/follower in lower case as the UI does
 * (Kafka's names such as NotLeaderOrFollowerException stay as Kafka spells
 * them), and the screen catalog holds no entry the lab never shows (a stale
 * one, like the old key list, would mislead whoever revives it).
 */
import { describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { ZH } from '../../src/i18n/zhCatalog.ts';
import { en } from '../../src/i18n/en.ts';
import { LESSONS } from '../../src/lessons/index.ts';

const root = join(import.meta.dirname, '../..');
const CJK = /[\u4e00-\u9fff]/;

/** Every Chinese string: the zh catalog's values and every `zh` of a lesson's texts. */
function chineseTexts(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (where: string, v: unknown, zh: boolean): void => {
    if (typeof v === 'string') {
      if (zh && CJK.test(v)) out.push([where, v]);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(`${where}[${i}]`, x, zh));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${where}.${k}`, x, zh || k === 'zh');
  };
  walk('ZH', ZH, true);
  walk('lessons', LESSONS, false);
  return out;
}

describe('Chinese typography', () => {
  const texts = chineseTexts();
  it('finds the Chinese texts to check', () => {
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.some(([w]) => w.startsWith('lessons'))).toBe(true);
  });

  it('quotes Chinese words with “ ”, never ASCII "', () => {
    // ASCII quotes around JSON (a file's { "leaderOf": "topic-0" }, acks "all") are syntax the reader types: they stay.
    const quotesChinese = (s: string) => s.replace(/\\"/g, '').split('"').some((part, i) => i % 2 === 1 && CJK.test(part));
    const bad = texts.filter(([, s]) => quotesChinese(s)).map(([w, s]) => `${w}: ${s.slice(0, 80)}`);
    expect(bad).toEqual([]);
  });

  it('writes leader and follower in lower case, as the rest of the UI', () => {
    const bad = texts.filter(([, s]) => /(?<![A-Za-z])(Leader|Follower)s?(?![A-Za-z])/.test(s)).map(([w, s]) => `${w}: ${s.slice(0, 80)}`);
    expect(bad).toEqual([]);
  });
});

describe('the screen catalog', () => {
  it('has no entry the lab never shows', () => {
    const src = execSync("git ls-files src | grep -v '^src/i18n/' | xargs cat", { cwd: root, maxBuffer: 1 << 28 }).toString();
    const used = (k: string) => {
      if ([`'${k}'`, `"${k}"`, `\`${k}\``].some((q) => src.includes(q))) return true;
      // Keys built from a prefix: t(`consumer.s.${status}`).
      const parts = k.split('.');
      for (let i = parts.length - 1; i > 0; i--) if (src.includes('`' + parts.slice(0, i).join('.') + '.${')) return true;
      return false;
    };
    expect(Object.keys(en).filter((k) => !used(k))).toEqual([]);
  });
});
