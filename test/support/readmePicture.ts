/**
 * Takes the README's picture of the lab (docs/lab.png): the built app in
 * Chromium at 1280x800, the acks1-failover example after its leader crash,
 * with acknowledged records lost and the story of one of them. Run: npx tsx test/support/readmePicture.ts
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, serveApp } from '../browser/serve.ts';
import { chromiumOrExit } from './chromium.ts';

const AT_MS = Number(process.env.PICTURE_AT_MS ?? 24_000);
const out = join(import.meta.dirname, '../../docs/lab.png');

const executablePath = chromiumOrExit();
const app = await serveApp();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${app.url}?scenario=acks1-failover`);
  await page.getByTestId('partition-orders-0').waitFor();
  await page.getByTestId('speed').selectOption('30');
  await page.getByTestId('play').click();
  const clock = `Number(document.querySelector('[data-testid=clock]').dataset.t)`;
  await page.waitForFunction(`${clock} >= ${AT_MS}`, undefined, { polling: 50 });
  await page.getByTestId('play').click();
  // Land on the same moment every time, whatever the frame the pause fell on.
  await page.getByTestId('timeline').fill(String(AT_MS));
  await page.waitForFunction(`${clock} === ${AT_MS}`);
  // Open the story of the first acknowledged record that was lost: why it is gone.
  await page.getByTestId('anomaly-lost-write').first().click();
  await page.getByTestId('story').waitFor();
  await page.evaluate('window.scrollTo(0, 0)'); // the story takes focus and scrolls; show the top bar
  await page.waitForTimeout(500); // let transitions settle
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await app.close();
}
