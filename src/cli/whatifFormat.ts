/** The what-if matrix and search as text for the terminal. */
import type { CellResult } from '../whatif/matrix.ts';
import type { SearchResult } from '../whatif/search.ts';
import { GUARANTEES } from '../whatif/runOne.ts';

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 1)}%`;

export function formatMatrix(r: { scenario: string; runs: number; seed: number; faults: unknown; cells: CellResult[]; runsPerSecond: number }): string {
  const lines = [`${r.scenario}: ${r.runs} runs per cell, seed ${r.seed}, faults ${typeof r.faults === 'string' ? "the scenario's own" : JSON.stringify(r.faults)} (${r.runsPerSecond} runs/s)`, ''];
  for (const c of r.cells) {
    const name = Object.entries(c.settings).map(([k, v]) => `${k}=${v}`).join(' ') || '(as written)';
    lines.push(`${name}: ${Math.round(c.throughput)} acked records/s, ack latency p50 ${Math.round(c.latencyP50)} ms, p99 ${Math.round(c.latencyP99)} ms`);
    for (const g of GUARANTEES) {
      const x = c.rates[g];
      lines.push(`  ${g.padEnd(16)} ${pct(x.rate).padStart(6)} of runs  [${pct(x.low)} – ${pct(x.high)}]  ${x.meanRecords.toFixed(1)} records/run`);
    }
    if (c.worst) lines.push(`  worst run: #${c.worst.run} (seed ${c.worst.seed}), ${c.worst.faults.length} faults`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

export function formatSearch(r: SearchResult, file: string | null): string {
  if (!r.found) return `${r.guarantee}: not found in ${r.runsTried} runs. The guarantee held for every schedule tried; that is evidence, not proof.`;
  const lines = [`${r.guarantee}: broken after ${r.runsTried} run(s); shrunk in ${r.shrinkRuns} more to ${r.faults.length} fault(s) (then the recovery: heal, restart every broker):`];
  for (const f of r.faults) lines.push(`  ${JSON.stringify(f)}`);
  if (r.counts) lines.push(`counts: ${GUARANTEES.filter((g) => r.counts![g] > 0).map((g) => `${g} ${r.counts![g]}`).join(', ')}`);
  if (file) lines.push(`written to ${file}: npm run sim -- ${file} tells its story`);
  return lines.join('\n');
}
