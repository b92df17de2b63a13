/**
 * A pool of worker threads, one per core, for `npm run whatif` and the bench:
 * jobs go to whichever worker is free; results come back in the jobs' order.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Job } from '../whatif/matrix.ts';
import type { RunOutcome } from '../whatif/runOne.ts';

export interface Pool {
  size: number;
  run(jobs: Job[], onDone?: () => void): Promise<RunOutcome[]>;
  close(): Promise<void>;
}

export function createPool(size = availableParallelism()): Pool {
  const entry = new URL('./whatifWorker.ts', import.meta.url).href;
  // The CLI runs TypeScript through tsx, whose loader a worker thread does not inherit: each worker registers it, then loads its entry.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  const workers = Array.from({ length: Math.max(1, size) }, () => new Worker(boot, { eval: true }));
  return {
    size: workers.length,
    run(jobs, onDone) {
      return new Promise((resolve, reject) => {
        const out: RunOutcome[] = new Array(jobs.length);
        let next = 0;
        let done = 0;
        let failed = false;
        if (jobs.length === 0) return resolve(out);
        const listeners: (() => void)[] = [];
        const cleanup = () => listeners.forEach((f) => f());
        const feed = (w: Worker) => {
          if (next < jobs.length) {
            const id = next++;
            w.postMessage({ id, job: jobs[id] });
          }
        };
        for (const w of workers) {
          const onMessage = (m: { id: number; outcome?: RunOutcome; error?: string }) => {
            if (failed) return;
            if (m.error !== undefined || !m.outcome) {
              failed = true;
              cleanup();
              return reject(new Error(m.error ?? 'a run failed'));
            }
            out[m.id] = m.outcome;
            done++;
            onDone?.();
            if (done === jobs.length) {
              cleanup();
              return resolve(out);
            }
            feed(w);
          };
          const onError = (e: Error) => {
            if (failed) return;
            failed = true;
            cleanup();
            reject(e);
          };
          w.on('message', onMessage);
          w.on('error', onError);
          listeners.push(() => {
            w.off('message', onMessage);
            w.off('error', onError);
          });
        }
        for (const w of workers) feed(w);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
