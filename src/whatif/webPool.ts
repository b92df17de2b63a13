/**
 * The lab's what-if pool: one Web Worker per core (at most 8), jobs to
 * whichever is free, results in the jobs' order. Where a page forbids
 * workers, the same runs go on the main thread in slices that yield to the
 * page between them. close() (or cancel) stops everything at once.
 */
import { runOne, type RunOutcome } from './runOne.ts';
import type { Job } from './matrix.ts';

export interface WebPool {
  readonly mode: 'workers' | 'main-thread';
  run(jobs: Job[], onDone?: () => void): Promise<RunOutcome[]>;
  /** Rejects the batch under way with CancelledError and ends the workers. */
  close(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

type Reply = { id: number; outcome?: RunOutcome; error?: string };

function startWorkers(size: number): Worker[] {
  const out: Worker[] = [];
  try {
    if (typeof Worker === 'undefined') return out;
    for (let i = 0; i < size; i++) out.push(new Worker(new URL('./webWorker.ts', import.meta.url), { type: 'module', name: `kafka-lab-whatif-${i}` }));
  } catch {
    // A strict Content-Security-Policy (worker-src 'none') refuses workers: run on the main thread instead.
    out.forEach((w) => w.terminate());
    return [];
  }
  return out;
}

export function createWebPool(size = Math.min(8, Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2))): WebPool {
  const workers = startWorkers(size);
  const mode = workers.length ? 'workers' : 'main-thread';
  let abort: ((e: Error) => void) | null = null;
  let closed = false;
  return {
    mode,
    close() {
      closed = true;
      workers.forEach((w) => w.terminate());
      abort?.(new CancelledError());
    },
    run(jobs, onDone) {
      return new Promise((resolve, reject) => {
        if (closed) return reject(new CancelledError());
        const out: RunOutcome[] = new Array(jobs.length);
        let next = 0;
        let done = 0;
        let over = false;
        const finish = (e?: Error) => {
          if (over) return;
          over = true;
          abort = null;
          if (e) reject(e);
          else resolve(out);
        };
        abort = finish;
        const settle = (r: Reply) => {
          if (over) return;
          if (r.error !== undefined || !r.outcome) return finish(new Error(r.error ?? 'a run failed'));
          out[r.id] = r.outcome;
          done++;
          onDone?.();
          if (done === jobs.length) finish();
        };
        if (jobs.length === 0) return finish();
        if (mode === 'main-thread') {
          const slice = () => {
            const until = performance.now() + 30;
            while (!over && next < jobs.length && performance.now() < until) {
              const id = next++;
              try {
                settle({ id, outcome: runOne(jobs[id].raw, jobs[id].seed, jobs[id].faults) });
              } catch (e) {
                settle({ id, error: e instanceof Error ? e.message : String(e) });
              }
            }
            if (!over && next < jobs.length) setTimeout(slice, 0);
          };
          return slice();
        }
        for (const w of workers) {
          const feed = () => {
            if (!over && next < jobs.length) {
              const id = next++;
              w.postMessage({ id, job: jobs[id] });
            }
          };
          w.onmessage = (m: MessageEvent<Reply>) => {
            settle(m.data);
            feed();
          };
          w.onerror = (e) => {
            e.preventDefault();
            finish(new Error(e.message || 'a what-if worker failed'));
          };
          feed();
        }
      });
    },
  };
}
