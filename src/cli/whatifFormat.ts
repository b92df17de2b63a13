/** The what-if matrix and search as text for the terminal, in the CLI's language. */
import type { CellResult } from '../whatif/matrix.ts';
import type { SearchResult } from '../whatif/search.ts';
import type { FaultModel } from '../whatif/faultModel.ts';
import { GUARANTEES } from '../whatif/runOne.ts';
import { translate, type Lang } from '../i18n/index.ts';

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 1)}%`;

/** The fault model in words: the kinds by their names in the panel, rate and limits. */
export function modelText(lang: Lang, m: FaultModel | null): string {
  if (!m) return translate(lang, 'whatifCli.ownFaults');
  const kinds = m.kinds.map((k) => translate(lang, `whatif.k.${k}`)).join(lang === 'zh-CN' ? '、' : ', ');
  const args = { kinds, rate: m.rate, maxFaults: m.maxFaults, maxDown: m.maxDown };
  return translate(lang, Number.isFinite(m.maxDown) ? 'whatifCli.modelDown' : 'whatifCli.model', args);
}

export function formatMatrix(lang: Lang, r: { scenario: string; runs: number; seed: number; model: FaultModel | null; cells: CellResult[]; runsPerSecond: number }): string {
  const lines = [translate(lang, 'whatifCli.header', { scenario: r.scenario, runs: r.runs, seed: r.seed, faults: modelText(lang, r.model), rate: r.runsPerSecond }), ''];
  for (const c of r.cells) {
    const name = Object.entries(c.settings).map(([k, v]) => `${k}=${v}`).join(' ') || translate(lang, 'whatifCli.asWritten');
    lines.push(translate(lang, 'whatifCli.cell', { name, throughput: Math.round(c.throughput), p50: Math.round(c.latencyP50), p99: Math.round(c.latencyP99) }));
    for (const g of GUARANTEES) {
      const x = c.rates[g];
      lines.push(translate(lang, 'whatifCli.rate', { guarantee: g.padEnd(16), pct: pct(x.rate).padStart(6), low: pct(x.low), high: pct(x.high), mean: x.meanRecords.toFixed(1), label: translate(lang, `whatif.g.${g}`) }));
    }
    if (c.worst) lines.push(translate(lang, 'whatifCli.worst', { run: c.worst.run, seed: c.worst.seed, faults: c.worst.faults.length }));
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

export function formatSearch(lang: Lang, r: SearchResult, file: string | null): string {
  if (!r.found) return translate(lang, 'whatifCli.notFound', { guarantee: r.guarantee, runs: r.runsTried });
  const lines = [translate(lang, 'whatifCli.found', { guarantee: r.guarantee, runs: r.runsTried, shrink: r.shrinkRuns, faults: r.faults.length })];
  for (const f of r.faults) lines.push(`  ${JSON.stringify(f)}`);
  if (r.counts) lines.push(translate(lang, 'whatifCli.counts', { list: GUARANTEES.filter((g) => r.counts![g] > 0).map((g) => `${g} ${r.counts![g]}`).join(', ') }));
  if (file) lines.push(translate(lang, 'whatifCli.written', { file }));
  return lines.join('\n');
}
