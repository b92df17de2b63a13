/**
 * Both languages in Chromium: the 中文 lab, after a crash, a story, the full
 * event log, a node menu and the lessons menu, shows no text of the English
 * catalog and no English word beyond Kafka's names, units and the scenario's
 * own names; badges stay on one line and a broker card's state inside the
 * card. The language comes from the browser,
 * is remembered across visits, ?lang still wins, and an unknown ?lang gets a
 * notice naming it and the languages the lab speaks.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { runTo } from './runTo.ts';
import { EN, type MessageKey } from '../../src/i18n/catalogEn.ts';
import { ZH } from '../../src/i18n/zhCatalog.ts';
import { templateOf, type Message } from '../../src/i18n/format.ts';

const lab = labSession();

/** Kafka's names and terms, units, keys of the keyboard, and values of the scenario format, as the Chinese UI keeps them. */
const ALLOWED = new Set(
  [
    // Kafka's vocabulary and names
    'kafka', 'kraft', 'broker', 'brokers', 'leader', 'follower', 'controller', 'epoch', 'offset', 'offsets', 'acks', 'all', 'isr', 'hw', 'leo', 'key', 'id', 'producer',
    'unclean', 'fsync', 'kill', 'gc', 'stable', 'poll', 'true', 'false', 'none', 'earliest', 'latest', 'range', 'roundrobin', 'sticky', 'long', 'max', 'kip',
    // units
    'ms', 's', 'kb', 'mb',
    // consumer lag, as kafka-consumer-groups.sh and the consumer's records-lag metric name it
    'lag',
    // the keyboard
    'space', 'pagedown', 'pageup', 'home', 'end', 'esc', 'f5', 'ctrl',
    // values of the scenario format shown as they are set (processing, commit, sink)
    'inline', 'queue', 'thread-pool', 'per-key-queue', 'auto', 'before-process', 'after-process', 'record', 'plain', 'idempotent',
  ].map((w) => w.toLowerCase()),
);

/** Words a text may contain: allowed words, names (orders-0, b1, k3), config keys, error names, Java class names, one letter. */
function foreignWords(text: string, names: readonly string[]): string[] {
  // Java API names: methods as called (send(), poll(), commitSync()) and the Web Worker API.
  const t = text.replace(/\b[A-Za-z]+\(\)/g, '').replace(/Web Worker/g, '');
  const words = t.match(/[A-Za-z][A-Za-z0-9._=@'’-]*/g) ?? [];
  return words.filter((raw) => {
    const w = raw.replace(/[.'’-]+$/, '');
    if (w.length <= 1 || /[0-9._=@]/.test(w)) return false; // b1, acks=1, min.insync.replicas, orders-0
    if (/^[A-Z_]+$/.test(w)) return false; // ISR, HW, NOT_ENOUGH_REPLICAS, EN
    if (/^[a-z]+[A-Z]/.test(w) || /^[A-Z][a-z]+[A-Z]/.test(w)) return false; // commitSync, CommitFailedException, PageDown
    if (names.includes(w)) return false;
    return !ALLOWED.has(w.toLowerCase());
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English catalog's sentences that Chinese says differently, as patterns (placeholders match anything). */
function englishPatterns(): RegExp[] {
  const out: RegExp[] = [];
  for (const k of Object.keys(EN) as MessageKey[]) {
    const forms = (m: Message) => (typeof m === 'string' ? [m] : [templateOf('en', m, { [m.count]: 1 }), templateOf('en', m, { [m.count]: 2 })]);
    for (const form of forms(EN[k])) {
      if (forms(ZH[k]).includes(form)) continue;
      const literal = form.replace(/\{\w+\}/g, ' ');
      if (!/[a-z]{3,}/i.test(literal) || foreignWords(literal, []).length === 0) continue; // only Kafka names: Chinese says the same
      out.push(new RegExp(`^${form.split(/\{\w+\}/).map(escape).join('.+')}$`, 's'));
    }
  }
  return out;
}

/** Every visible text node and every label a screen reader or a tooltip shows. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const shown = (el: Element) => {
      const s = getComputedStyle(el);
      return s.display !== 'none' && s.visibility !== 'hidden' && !el.closest('[hidden]') && (el as HTMLElement).getClientRects().length > 0;
    };
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.replace(/\s+/g, ' ').trim();
      if (el && text && shown(el) && el.tagName !== 'SCRIPT' && el.tagName !== 'STYLE') out.push(text);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [aria-roledescription]'))
      for (const a of ['title', 'aria-label', 'placeholder', 'aria-roledescription']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    return out;
  });
}

describe('中文, completely', () => {
  it('after a crash, a story, the event log, a node menu and the lessons menu, no English is left but Kafka names', async () => {
    const page = await lab.open('?lang=zh-CN&scenario=acks1-failover');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    // Past the crash (6 s), the election (about 15 s) and the old leader's restart and truncation (20 s).
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=clock]')!.dataset.t) > 22_000, undefined, { timeout: 60_000, polling: 100 });
    await page.getByTestId('play').click();
    await page.getByTestId('tab-events').click();
    for (const box of await page.locator('.events input[type=checkbox]').all()) await box.check();
    await page.getByTestId('anomaly-lost-write').first().click();
    await page.getByTestId('story').waitFor();
    const texts = [...(await visibleTexts(page))];
    await page.getByTestId('broker-b2').click();
    texts.push(...(await visibleTexts(page)));
    await page.keyboard.press('Escape');
    await page.getByTestId('lessons').click();
    texts.push(...(await visibleTexts(page)));

    const unique = [...new Set(texts)];
    expect(unique.length).toBeGreaterThan(100);
    expect(unique.some((t) => t.includes('截断'))).toBe(true); // the event log and the story are there
    const names = ['orders', 'p1'];
    const patterns = englishPatterns();
    const english = unique.filter((t) => patterns.some((p) => p.test(t)));
    expect(english).toEqual([]);
    const foreign = unique.map((t) => [t, foreignWords(t, names)] as const).filter(([, w]) => w.length > 0);
    expect(foreign).toEqual([]);

    // Labels never wrap inside a badge.
    const wrapped = await page.evaluate(() => [...document.querySelectorAll('.isr, .pill')].filter((el) => el.getClientRects().length > 1).map((el) => el.textContent));
    expect(wrapped).toEqual([]);
  });

  for (const presenter of [false, true])
    it(`a broker card's state fits inside the card in 中文${presenter ? ', in presenter mode' : ''}: the fenced ex-leader's "已隔离（fenced）" ran past its right edge`, async () => {
      const page = await lab.open('?lang=zh-CN&scenario=acks1-failover', { width: 1280, height: 800 });
      if (presenter) {
        await page.locator('body').focus();
        await page.keyboard.press('p');
      }
      // b1 is crashed at 6 s, fenced when the controller notices, and restarted at 20 s: still fenced then.
      await runTo(page, 20_000);
      expect(await page.getByTestId('broker-b1').getAttribute('data-status')).toBe('fenced');
      const out = await page.getByTestId('broker-b1').evaluate((g) => {
        const card = [...g.querySelectorAll('rect')].find((r) => !r.classList.contains('pulse'))!.getBoundingClientRect();
        return [...g.querySelectorAll('text')].map((t) => ({ text: t.textContent, over: Math.round(t.getBoundingClientRect().right - card.right) })).filter((x) => x.over > -2);
      });
      expect(out).toEqual([]);
    });
});

describe('which language, and remembering it', () => {
  it("the browser's language on a first visit, the user's choice remembered on the next, ?lang still wins", async () => {
    const page = await lab.open('', undefined, { locale: 'zh-CN' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByTestId('play').textContent()).toMatch(/播放/);
    await page.getByTestId('lang').click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('play').textContent()).toMatch(/Play/);
    await page.goto(page.url().split('?')[0] + '?lang=zh-CN');
    await page.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('an English browser gets English', async () => {
    const page = await lab.open('', undefined, { locale: 'en-GB' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('an unknown ?lang gets a notice in the current language naming it and the supported ones', async () => {
    const page = await lab.open('?lang=xx', undefined, { locale: 'zh-CN' });
    const notice = page.getByTestId('notice-error').filter({ hasText: 'xx' });
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('?lang=xx');
    expect(text).toContain('en, zh-CN');
    expect(text).toMatch(/不是本实验室支持的语言/);
    // The notice follows the language switch.
    await page.getByTestId('lang').click();
    expect(await notice.textContent()).toMatch(/is not a language of this lab/);
  });

  it('a storage that throws never breaks the page: the lab starts in the browser language', async () => {
    const page = await lab.open('', undefined, { locale: 'zh-CN' });
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    await page.reload();
    await page.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByTestId('lang').click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
