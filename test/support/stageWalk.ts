/**
 * Two walks through the lab as people use it, with a screenshot at each
 * moment that matters, for a person to look at (issue 8's "Must show"):
 * - a teacher with a clicker: the acks=1 failover lesson at 1920×1080,
 *   presenter mode ticked with the mouse, then only the clicker's keys
 *   (PageDown/PageUp, "." and "b" to blank) with the Speed <select> focused,
 *   in English and 中文;
 * - a learner with the keyboard only, once through the first look at
 *   1280×800: Space to play, Tab to p1's acks and ↑ to set acks=1, Tab back
 *   to the leader's card, Enter, and Enter on Crash, then the election.
 * Run: npx tsx test/support/stageWalk.ts   (pictures in $SHOTS_DIR, default /tmp/shots)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, serveApp } from '../browser/serve.ts';
import { chromiumOrExit } from './chromium.ts';
import { lessonSettled } from '../browser/lessonStep.ts';

const dir = process.env.SHOTS_DIR ?? '/tmp/shots';
mkdirSync(dir, { recursive: true });

const clockT = (p: Page) => p.evaluate(() => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t));
const active = (p: Page) => p.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');
const settled = (p: Page, n: number) => lessonSettled(p, n, 120_000);

async function shot(p: Page, name: string): Promise<void> {
  await p.waitForTimeout(300);
  const facts = await p.evaluate(() => ({ overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, t: Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t), focus: document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName }));
  await p.screenshot({ path: join(dir, `${name}.png`) });
  console.log(name, JSON.stringify(facts));
}

async function teacher(p: Page, lang: string): Promise<void> {
  await p.getByTestId('lesson').waitFor();
  await settled(p, 1);
  await p.getByTestId('lesson-presenter').click();
  await p.getByTestId('speed').selectOption('10');
  await p.getByTestId('speed').focus();
  await shot(p, `walk-teacher-${lang}-step1`);
  const steps = Number(await p.getByTestId('lesson').getAttribute('data-steps'));
  for (let i = 2; i <= steps; i++) {
    if ((await p.locator('[data-testid=prediction][data-revealed=false]').count()) > 0) {
      await p.keyboard.press('PageDown');
      await p.locator('[data-testid=prediction][data-revealed=true]').waitFor();
      await shot(p, `walk-teacher-${lang}-step${i - 1}-answer`);
    }
    await p.keyboard.press('PageDown');
    await settled(p, i);
    await shot(p, `walk-teacher-${lang}-step${i}`);
    if (i === 3) {
      await p.keyboard.press('.');
      await shot(p, `walk-teacher-${lang}-blank`);
      await p.keyboard.press('PageDown'); // any key brings the screen back (and does nothing else)
      await shot(p, `walk-teacher-${lang}-unblank`);
      await p.keyboard.press('b');
      await p.keyboard.press('PageUp');
    }
  }
  await p.keyboard.press('PageUp');
  await settled(p, steps - 1);
  console.log(`  speed still ${await p.getByTestId('speed').inputValue()}, focus on ${await active(p)}`);
}

async function tabTo(p: Page, testid: string, back = false): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if ((await active(p)) === testid) return;
    await p.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${testid}`);
}

async function learner(p: Page): Promise<void> {
  await p.keyboard.press('Space');
  await p.waitForFunction(() => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) >= 2000, undefined, { timeout: 60_000 });
  await p.keyboard.press('Space');
  await shot(p, 'walk-learner-playing');
  await tabTo(p, 'p1-acks');
  await p.keyboard.press('ArrowUp'); // the options are 0, 1, all: all → 1
  await shot(p, 'walk-learner-acks1');
  await p.keyboard.press('Space');
  const set = await clockT(p);
  await p.waitForFunction((x) => Number((document.querySelector('[data-testid=clock]') as HTMLElement).dataset.t) >= x, set + 4000, { timeout: 60_000 });
  await p.keyboard.press('Space');
  await tabTo(p, 'broker-b1', true);
  await p.keyboard.press('Enter');
  await shot(p, 'walk-learner-menu');
  // The menu opens on its first item, Crash (kill -9).
  console.log('  menu item focused:', await active(p));
  await p.keyboard.press('Enter');
  await shot(p, 'walk-learner-crashed');
  await p.keyboard.press('Space');
  await p.waitForFunction(() => (document.querySelector('[data-testid=partition-orders-0]') as HTMLElement).dataset.leader !== '1', undefined, { timeout: 60_000 });
  await p.waitForTimeout(1500);
  await p.keyboard.press('Space');
  await shot(p, 'walk-learner-elected');
}

const executablePath = chromiumOrExit();
const app = await serveApp();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  for (const lang of ['en', 'zh-CN']) {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const p = await ctx.newPage();
    p.on('console', (m) => m.type() === 'error' && console.log(`  console error: ${m.text()}`));
    await p.goto(`${app.url}?lesson=acks-failover&lang=${lang}`);
    await teacher(p, lang);
    await ctx.close();
  }
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.on('console', (m) => m.type() === 'error' && console.log(`  console error: ${m.text()}`));
  await p.goto(app.url);
  await p.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
  await learner(p);
  await ctx.close();
} finally {
  await browser.close();
  await app.close();
}
