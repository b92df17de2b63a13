/** A worker thread of `npm run whatif`: runs the chunks of runs it is given and posts their outcome rows back (wire.ts). */
import { parentPort } from 'node:worker_threads';
import { WireRunner, type WireRun } from '../whatif/wire.ts';
import type { RawScenario } from '../engine/config/liveConfig.ts';
// A refusal's message in words, should one cross back to the command line.
import '../i18n/catalogEn.ts';

/** A chunk of runs; the first chunk of each batch (gen) carries the batch's cells. */
export interface WorkerRequest {
  gen: number;
  first: number;
  runs: WireRun[];
  cells?: RawScenario[];
}

export type WorkerReply = { gen: number; first: number; rows?: Float64Array; error?: string };

const runner = new WireRunner();
let cellsOf = -1;

parentPort?.on('message', (m: WorkerRequest) => {
  try {
    if (m.cells) {
      runner.setCells(m.cells);
      cellsOf = m.gen;
    }
    if (cellsOf !== m.gen) throw new Error(`runs of batch ${m.gen} came before its scenarios`);
    const rows = runner.run(m.runs);
    parentPort?.postMessage({ gen: m.gen, first: m.first, rows } satisfies WorkerReply, [rows.buffer]);
  } catch (e) {
    parentPort?.postMessage({ gen: m.gen, first: m.first, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply);
  }
});
