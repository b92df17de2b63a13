/**
 * The lab's what-if pool: one Web Worker per core (at most 8). Each batch
 * hands the cells' scenarios to every worker once, then small chunks of runs
 * to whichever is free, two ahead (wire.ts); results in the jobs' order.
 * Where a page forbids workers, the same runs go on the main thread in
 * slices that yield to the page between them. close() (or cancel) stops
 * everything at once.
 */
import type { RunOutcome } from './runOne.ts';
import type { Job } from './matrix.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
import { chunkSize, packJobs, readRow, WireRunner, ROW, type WireRun } from './wire.ts';

export interface WebPool {
  readonly mode: 'workers' | 'main-thread';
  /** Runs going at once: the workers, or 1 on the main thread. */
  readonly size: number;
  /** Runs every job; `onDone(n)` after each n runs that finished. */
  run(jobs: Job[], onDone?: (n: number) => void): Promise<RunOutcome[]>;
  /** Rejects the batch under way with CancelledError and ends the workers. */
  close(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** A chunk of runs; the first chunk of each batch (gen) carries the batch's cells. */
export interface WebRequest {
  gen: number;
  first: number;
  runs: WireRun[];
  cells?: RawScenario[];
}

export type WebReply = { gen: number; first: number; rows?: Float64Array; error?: string };

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
  let gen = 0;
  return {
    mode,
    size: Math.max(1, workers.length),
    close() {
      closed = true;
      workers.forEach((w) => w.terminate());
      abort?.(new CancelledError());
    },
    run(jobs, onDone) {
      const g = ++gen;
      return new Promise((resolve, reject) => {
        if (closed) return reject(new CancelledError());
        const out: RunOutcome[] = new Array(jobs.length);
        const { cells, runs, order } = packJobs(jobs);
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
        const settle = (r: WebReply) => {
          if (over || r.gen !== g) return;
          if (r.error !== undefined || !r.rows) return finish(new Error(r.error ?? 'a run failed'));
          const count = r.rows.length / ROW;
          for (let i = 0; i < count; i++) {
            const j = order[r.first + i];
            out[j] = readRow(r.rows, i, jobs[j].seed);
          }
          done += count;
          onDone?.(count);
          if (done === jobs.length) finish();
        };
        if (jobs.length === 0) return finish();
        if (mode === 'main-thread') {
          const runner = new WireRunner();
          runner.setCells(cells);
          const slice = () => {
            const until = performance.now() + 30;
            while (!over && next < runs.length && performance.now() < until) {
              const first = next++;
              try {
                settle({ gen: g, first, rows: runner.run(runs.slice(first, first + 1)) });
              } catch (e) {
                settle({ gen: g, first, error: e instanceof Error ? e.message : String(e) });
              }
            }
            if (!over && next < runs.length) setTimeout(slice, 0);
          };
          return slice();
        }
        const feed = (w: Worker, first: boolean) => {
          if (over || next >= runs.length) return;
          const n = chunkSize(runs.length - next, workers.length);
          const msg: WebRequest = { gen: g, first: next, runs: runs.slice(next, next + n), cells: first ? cells : undefined };
          next += n;
          w.postMessage(msg);
        };
        for (const w of workers) {
          w.onmessage = (m: MessageEvent<WebReply>) => {
            settle(m.data);
            feed(w, false);
          };
          w.onerror = (e) => {
            e.preventDefault();
            finish(new Error(e.message || 'a what-if worker failed'));
          };
        }
        // Two chunks ahead per worker: the next is already there when one finishes.
        for (const w of workers) {
          feed(w, true);
          feed(w, false);
        }
      });
    },
  };
}
