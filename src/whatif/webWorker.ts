/// <reference lib="webworker" />
/** A Web Worker of the lab's what-if pool: runs the chunks of runs it is given and posts their outcome rows back (wire.ts). */
import { WireRunner } from './wire.ts';
import type { WebReply, WebRequest } from './webPool.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new WireRunner();
let cellsOf = -1;

scope.onmessage = (m: MessageEvent<WebRequest>) => {
  const { gen, first } = m.data;
  try {
    if (m.data.cells) {
      runner.setCells(m.data.cells);
      cellsOf = gen;
    }
    if (cellsOf !== gen) throw new Error(`runs of batch ${gen} came before its scenarios`);
    const rows = runner.run(m.data.runs);
    scope.postMessage({ gen, first, rows } satisfies WebReply, [rows.buffer]);
  } catch (e) {
    scope.postMessage({ gen, first, error: e instanceof Error ? e.message : String(e) } satisfies WebReply);
  }
};
