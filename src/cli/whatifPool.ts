/**
 * A pool of worker threads, one per core, for `npm run whatif` and the bench.
 * Each call hands the cells' scenarios to every worker once, then small
 * chunks of runs (wire.ts) to whichever worker is free, two chunks ahead so
 * no worker waits for the next; results come back in the jobs' order.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Job } from '../whatif/matrix.ts';
import type { RunOutcome } from '../whatif/runOne.ts';
import { chunkSize, packJobs, readRow, ROW } from '../whatif/wire.ts';
import type { WorkerReply, WorkerRequest } from './whatifWorker.ts';

export interface Pool {
  size: number;
  /** Runs every job; `onDone(n)` after each n runs that finished. */
  run(jobs: Job[], onDone?: (n: number) => void): Promise<RunOutcome[]>;
  close(): Promise<void>;
}

/**
 * A run allocates a few MB of short-lived objects; a young generation of 48 MB
 * (V8's default is 16-32) lets most of them die before a scavenge: about a
 * tenth less CPU per run.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 48 };

interface EsbuildLike {
  buildSync(o: Record<string, unknown>): { outputFiles: { text: string }[] };
}

/**
 * The worker's code as one plain script, built with the esbuild that tsx
 * brings. Run through tsx's loader instead, every function carries a
 * keep-names wrapper, and a run takes a fifth longer. null when esbuild is
 * not at hand: the workers then load the TypeScript through tsx.
 */
function bundledWorker(entry: string): string | null {
  try {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    const esbuild = fromTsx('esbuild') as EsbuildLike;
    const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
    return out.outputFiles[0].text;
  } catch {
    return null;
  }
}

function tsxBoot(entry: string): string {
  // A worker thread does not inherit tsx's loader: it registers it, then loads its entry.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
}

export function createPool(size = availableParallelism()): Pool {
  const entry = fileURLToPath(new URL('./whatifWorker.ts', import.meta.url));
  const code = bundledWorker(entry) ?? tsxBoot(entry);
  const workers = Array.from({ length: Math.max(1, size) }, () => new Worker(code, { eval: true, resourceLimits: RESOURCE_LIMITS }));
  let gen = 0;
  return {
    size: workers.length,
    run(jobs, onDone) {
      const g = ++gen;
      return new Promise((resolve, reject) => {
        const out: RunOutcome[] = new Array(jobs.length);
        if (jobs.length === 0) return resolve(out);
        const { cells, runs, order } = packJobs(jobs);
        let next = 0;
        let done = 0;
        let over = false;
        const listeners: (() => void)[] = [];
        const end = (e?: Error) => {
          if (over) return;
          over = true;
          listeners.forEach((f) => f());
          if (e) reject(e);
          else resolve(out);
        };
        const feed = (w: Worker, first: boolean) => {
          if (next >= runs.length) return;
          const n = chunkSize(runs.length - next, workers.length);
          const msg: WorkerRequest = { gen: g, first: next, runs: runs.slice(next, next + n), cells: first ? cells : undefined };
          next += n;
          w.postMessage(msg);
        };
        for (const w of workers) {
          const onMessage = (m: WorkerReply) => {
            if (over || m.gen !== g) return;
            if (m.error !== undefined || !m.rows) return end(new Error(m.error ?? 'a run failed'));
            const count = m.rows.length / ROW;
            for (let i = 0; i < count; i++) {
              const j = order[m.first + i];
              out[j] = readRow(m.rows, i, jobs[j].seed);
            }
            done += count;
            onDone?.(count);
            if (done === jobs.length) return end();
            feed(w, false);
          };
          const onError = (e: Error) => end(e);
          w.on('message', onMessage);
          w.on('error', onError);
          listeners.push(() => {
            w.off('message', onMessage);
            w.off('error', onError);
          });
        }
        // Two chunks ahead per worker: the next is already there when one finishes.
        for (const w of workers) {
          feed(w, true);
          feed(w, false);
        }
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
