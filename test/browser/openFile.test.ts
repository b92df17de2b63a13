/**
 * The lab's "Open file…" with hostile scenario files, in real Chromium: each
 * is refused with a notice that names the field, and nothing on screen is
 * lost (the scenario menu keeps its label, the counts and the clock keep their
 * values). A valid file with a byte-order mark then loads.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { labSession } from './labSession.ts';

const lab = labSession();
const dir = join(import.meta.dirname, '../fixtures/hostile');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string>;

const FIXTURES = [
  'json-truncated.json',
  'bom-then-bad-field.json',
  'bom-double.json',
  'bom-utf16le.json',
  'top-array.json',
  'top-null.json',
  'topic-name-space.json',
  'producers-duplicate.json',
  'producer-named-b1.json',
  'fault-misspelt-field.json',
  'fault-drop-true.json',
  'cluster-config-proto.json',
  'int-overflow.json',
  'expect-unknown-key.json',
  'faults-too-many.json',
];

describe('Open file… with hostile files', () => {
  it('refuses each naming the field and keeps what was on screen; a valid file with a BOM loads', async () => {
    const page = await lab.open();
    await page.getByTestId('step').click();
    const screen = async () => ({
      preset: await page.getByTestId('preset').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? ''),
      clock: await page.getByTestId('clock').getAttribute('data-t'),
      counts: await page.locator('[data-testid^=count-]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-value')}`)),
    });
    const before = await screen();
    expect(before.counts.length).toBeGreaterThan(0);
    const input = page.locator('input[type=file]');
    for (const f of FIXTURES) {
      await input.setInputFiles({ name: f, mimeType: 'application/json', buffer: readFileSync(join(dir, f)) });
      const notice = page.getByTestId('notice-error').last();
      await expect.poll(() => notice.textContent(), { message: f }).toContain(expected[f]);
      expect(await notice.textContent()).not.toMatch(/\n\s+at |Error:/);
      // Said in words: no placeholder left unfilled (a list at the top once read "Reason: {reason}").
      expect(await notice.textContent(), f).not.toMatch(/\{\w+\}/);
      expect(await screen(), f).toEqual(before);
      // Dismiss it, so the next file's notice is the only one.
      await notice.getByRole('button').click();
    }
    const ok = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ name: 'from a file', until: 5000, producers: [{ name: 'bob', count: 5 }] }))]);
    await input.setInputFiles({ name: 'bom-ok.json', mimeType: 'application/json', buffer: ok });
    await expect.poll(() => page.getByTestId('preset').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '')).toBe('from a file');
    expect(await page.getByTestId('notice-error').count()).toBe(0);
  }, 120_000);

  it('names with spaces and dashes draw correctly: a group "my group", a topic "my-orders.v2", a producer "bob"', async () => {
    const page = await lab.open();
    const scenario = {
      name: 'names',
      until: 20000,
      topics: [{ name: 'my-orders.v2', partitions: 2 }],
      producers: [{ name: 'bob', count: 200 }],
      consumers: [{ name: 'reader-1', group: 'my group', config: { 'auto.offset.reset': 'earliest' } }],
    };
    await page.locator('input[type=file]').setInputFiles({ name: 'names.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
    await page.getByTestId('partition-my-orders.v2-1').waitFor();
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await expect.poll(() => page.getByTestId('count-acked').getAttribute('data-value'), { timeout: 30_000 }).toBe('200');
    await expect.poll(() => page.getByTestId('chart-lag').textContent()).toContain('my group');
    expect(await page.getByTestId('producer-bob').count()).toBe(1);
  }, 120_000);
});
