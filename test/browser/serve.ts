/**
 * Builds the app (the lab, then the documentation widget) into a fresh temporary directory and serves it with
 * `vite preview` on a free localhost port, for the browser tests and the UI
 * benchmark. Returns the URL and a function that stops the server. Under
 * `npm test` every browser test file serves the run's one shared build.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { build, preview } from 'vite';
import { SHARED_BUILD_ENV } from '../support/sharedBuild.ts';

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The Chromium every browser test and bench:ui drives: see test/support/chromium.ts. */
export { findChromium } from '../support/chromium.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function buildApp(outDir: string, minify: boolean): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  // Vitest sets NODE_ENV=test, which would bundle React's development build: test what ships.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    // The lab, then the documentation widget into the same folder (vite.widget.config.ts), as `npm run build` does.
    for (const configFile of ['vite.config.ts', 'vite.widget.config.ts']) {
      await build({
        root,
        configFile: join(root, configFile),
        mode: 'production',
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: configFile === 'vite.config.ts',
          sourcemap: false,
          ...(minify ? {} : { minify: false }),
          // motion's files start with React's "use client", which a client-only bundle drops: one such
          // warning per file would bury the test report (hundreds of lines); every other warning still shows.
          rolldownOptions: { onwarn: (w, warn) => (w.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(w)) },
        },
      });
    }
  } finally {
    process.env.NODE_ENV = env;
  }
}

/**
 * Under `npm test`, the run's one shared build (test/support/sharedBuild.ts): the first caller builds it
 * (mkdir is the lock), the others wait for its "ready" or "failed" mark.
 */
async function sharedBuild(dir: string): Promise<string> {
  const outDir = join(dir, 'app');
  let builder = true;
  try {
    mkdirSync(join(dir, 'lock'));
  } catch {
    builder = false;
  }
  if (builder) {
    try {
      await buildApp(outDir, true);
      writeFileSync(join(dir, 'ready'), '');
    } catch (e) {
      writeFileSync(join(dir, 'failed'), String(e instanceof Error ? e.message : e));
      throw e;
    }
    return outDir;
  }
  for (const until = Date.now() + 600_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    if (existsSync(join(dir, 'ready'))) return outDir;
    if (existsSync(join(dir, 'failed'))) throw new Error(`the shared build of the app failed in another test file: ${readFileSync(join(dir, 'failed'), 'utf8')}`);
  }
  throw new Error('the shared build of the app was not ready after 10 minutes');
}

/**
 * `headers`: sent with every response, e.g. a Content-Security-Policy the app must run under.
 * `minify: false` keeps function names readable in a CPU profile (test/bench/uiProfile.ts).
 */
export async function serveApp(opts: { headers?: Record<string, string>; minify?: boolean } = {}): Promise<{ url: string; outDir: string; close: () => Promise<void> }> {
  const root = join(import.meta.dirname, '..', '..');
  const shared = process.env[SHARED_BUILD_ENV];
  const own = !shared || opts.minify === false;
  let outDir: string;
  if (own) {
    outDir = mkdtempSync(join(tmpdir(), 'kafka-lab-build-'));
    await buildApp(outDir, opts.minify !== false);
  } else outDir = await sharedBuild(shared);
  const port = await freePort();
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1', open: false, headers: opts.headers } });
  return {
    url: `http://127.0.0.1:${port}/`,
    outDir,
    close: async () => {
      await new Promise<void>((r) => server.httpServer.close(() => r()));
      if (own) rmSync(outDir, { recursive: true, force: true });
    },
  };
}
