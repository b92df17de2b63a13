/**
 * One built app and one Chromium per test file, a fresh page per test, and
 * the rule every browser test keeps: no console error and no page error.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, serveApp } from './serve.ts';

export function labSession(serve: Parameters<typeof serveApp>[0] = {}): { open(query?: string, viewport?: { width: number; height: number }): Promise<Page> } {
  let app: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  let page: Page | undefined;
  let problems: string[] = [];

  beforeAll(async () => {
    const executablePath = findChromium(); // before the build: a missing Chromium fails at once
    app = await serveApp(serve);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    await page?.close();
    page = undefined;
    expect(problems).toEqual([]);
  });

  return {
    async open(query = '', viewport = { width: 1280, height: 800 }) {
      problems = [];
      // A page in its own context (what @axe-core/playwright expects); closing the page ends it.
      const context = await browser.newContext({ viewport });
      const p = await context.newPage();
      p.once('close', () => void context.close().catch(() => undefined));
      page = p;
      p.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await p.goto(app.url + query);
      await p.getByTestId('partition-orders-0').waitFor({ state: 'attached' });
      return p;
    },
  };
}
