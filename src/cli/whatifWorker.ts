/** A worker thread of `npm run whatif`: runs the jobs it is given and posts each outcome back. */
import { parentPort } from 'node:worker_threads';
import { runOne } from '../whatif/runOne.ts';
import type { Job } from '../whatif/matrix.ts';

parentPort?.on('message', (m: { id: number; job: Job }) => {
  try {
    parentPort?.postMessage({ id: m.id, outcome: runOne(m.job.raw, m.job.seed, m.job.faults) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
