/**
 * The same scenario and seed give the same trace, byte for byte, in Node and
 * in the browser: the engine is bundled for the browser and run in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './serve.ts';
import { runDigest } from './engineDigest.ts';

const root = join(import.meta.dirname, '../..');
const examples = ['acks1-failover.json', 'reorder-inflight.json', 'consumer-autocommit-crash.json'];
let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const executablePath = findChromium(); // before the build: a missing Chromium fails at once
  // An IIFE of the engine (what the worker runs), built in memory.
  const out = await build({
    root,
    logLevel: 'warn',
    configFile: false,
    build: { write: false, minify: true, lib: { entry: join(import.meta.dirname, 'engineDigest.ts'), formats: ['iife'], name: 'EngineDigest' } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  bundle = outputs[0].output.find((o) => o.type === 'chunk')!.code!;
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

describe('determinism across runtimes', () => {
  it.each(examples)('%s: Chromium produces the same trace and report as Node', async (file) => {
    const raw = JSON.parse(readFileSync(join(root, 'public/scenarios', file), 'utf8'));
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>engine</title>');
    await page.addScriptTag({ content: bundle });
    const inBrowser = await page.evaluate((r) => (globalThis as unknown as { EngineDigest: { runDigest(x: unknown): string } }).EngineDigest.runDigest(r), raw);
    await page.close();
    const inNode = runDigest(raw);
    expect(inBrowser.length).toBeGreaterThan(1000);
    expect(inBrowser === inNode).toBe(true);
  });
});
