/**
 * The matrix as a heatmap (rows: anomalies, columns: cells; colour by the
 * share of runs, d3-scale) and a table of intervals, throughput and latency;
 * a search result with its shrunk schedule. Opening a run is the caller's.
 */
import { scaleLinear } from 'd3-scale';
import type { CellResult } from '../../whatif/matrix.ts';
import type { SearchResult } from '../../whatif/search.ts';
import { GUARANTEES } from '../../whatif/runOne.ts';
import { useT } from '../hooks.ts';

const color = scaleLinear<string>().domain([0, 0.05, 1]).range(['#f4f4f4', '#f4a582', '#b2182b']).clamp(true);
/** Dark text on light cells, white on dark ones: at least 4.5:1 either way. */
const ink = (rate: number) => (rate > 0.4 ? '#fff' : '#111');
const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;

export const cellName = (c: CellResult) => Object.entries(c.settings).map(([k, v]) => `${k}=${v}`).join(', ') || '—';

export function MatrixResults({ cells, onOpen }: { cells: CellResult[]; onOpen(cell: number): void }) {
  const t = useT();
  return (
    <div className="whatif-results" data-testid="whatif-heatmap">
      <table className="whatif-heat">
        <caption>{t('whatif.heatmap')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('whatif.cell')}</th>
            {cells.map((c, i) => (
              <th scope="col" key={i}>
                <code>{cellName(c)}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {GUARANTEES.map((g) => (
            <tr key={g}>
              <th scope="row">{t(`whatif.g.${g}`)}</th>
              {cells.map((c, i) => {
                const r = c.rates[g];
                return (
                  <td key={i} className="whatif-heat-cell" data-rate={r.rate} style={{ background: color(r.rate), color: ink(r.rate) }}>
                    {pct(r.rate)}
                    <small>
                      {pct(r.low)}–{pct(r.high)}
                    </small>
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row" />
            {cells.map((c, i) => (
              <td key={i}>
                {c.worst ? (
                  <button type="button" className="btn" data-testid={`whatif-open-${i}`} onClick={() => onOpen(i)}>
                    {t('whatif.openWorst')}
                  </button>
                ) : (
                  <span className="muted">{t('whatif.noWorst')}</span>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className="whatif-table">
        <caption>{t('whatif.details')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('whatif.cell')}</th>
            <th scope="col">{t('whatif.g.lostAcked')}</th>
            <th scope="col">{t('whatif.interval')}</th>
            <th scope="col">{t('whatif.records')}</th>
            <th scope="col">{t('whatif.throughput')}</th>
            <th scope="col">{t('whatif.latency')}</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((c, i) => (
            <tr key={i}>
              <th scope="row">
                <code>{cellName(c)}</code>
              </th>
              <td>
                {c.rates.lostAcked.runs} / {c.runs}
              </td>
              <td>
                {pct(c.rates.lostAcked.low)} – {pct(c.rates.lostAcked.high)}
              </td>
              <td>{c.rates.lostAcked.meanRecords.toFixed(1)}</td>
              <td>{Math.round(c.throughput)}</td>
              <td>
                {Math.round(c.latencyP50)} / {Math.round(c.latencyP99)} ms
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SearchResults({ result, onOpen }: { result: SearchResult; onOpen(): void }) {
  const t = useT();
  if (!result.found) return <p data-testid="whatif-search-result">{t('whatif.notFound', { runs: result.runsTried })}</p>;
  return (
    <div data-testid="whatif-search-result">
      <p>{t('whatif.found', { runs: result.runsTried, shrink: result.shrinkRuns, faults: result.faults.length })}</p>
      <ol className="whatif-faults">
        {result.faults.map((f, i) => (
          <li key={i}>
            <code>{JSON.stringify(f)}</code>
          </li>
        ))}
      </ol>
      <button type="button" className="btn primary" onClick={onOpen}>
        {t('whatif.openCounterexample')}
      </button>
    </div>
  );
}
