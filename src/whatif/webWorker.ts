/// <reference lib="webworker" />
/** A Web Worker of the lab's what-if pool: runs each job it is given and posts the outcome back. */
import { runOne } from './runOne.ts';
import type { Job } from './matrix.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (m: MessageEvent<{ id: number; job: Job }>) => {
  try {
    scope.postMessage({ id: m.data.id, outcome: runOne(m.data.job.raw, m.data.job.seed, m.data.job.faults) });
  } catch (e) {
    scope.postMessage({ id: m.data.id, error: e instanceof Error ? e.message : String(e) });
  }
};
