import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, serveApp } from './serve.ts';
const app = await serveApp();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const p = await ctx.newPage();
p.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
const preset = process.argv[2] ?? 'acks1-failover';
await p.goto(app.url + `?lang=zh-CN&scenario=${preset}`);
await p.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
await p.getByTestId('speed').selectOption({ index: 3 }).catch(() => {});
await p.getByTestId('play').click();
await p.waitForTimeout(Number(process.argv[3] ?? 8000));
await p.getByTestId('play').click();
await p.getByTestId('tab-events').click();
// open every event filter
for (const cb of await p.locator('.events input[type=checkbox]').all()) await cb.check().catch(() => {});
const first = p.locator('.fates li button, .fates .list button').first();
if (await first.count()) await first.click().catch(() => {});
await p.waitForTimeout(500);
const texts: string[] = await p.evaluate(() => {
  const out: string[] = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const el = n.parentElement!;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || el.closest('[hidden],[aria-hidden=true]')) continue;
    const t = n.textContent!.trim();
    if (t && /[A-Za-z]{2,}/.test(t)) out.push(t);
  }
  for (const el of document.querySelectorAll('[title],[aria-label],[placeholder]')) for (const a of ['title', 'aria-label', 'placeholder']) { const v = el.getAttribute(a); if (v && /[A-Za-z]{2,}/.test(v)) out.push(`@${a}: ${v}`); }
  return out;
});
console.log([...new Set(texts)].join('\n'));
await p.screenshot({ path: `/tmp/i18n-explore/${preset}.png`, fullPage: true });
await browser.close();
await app.close();
