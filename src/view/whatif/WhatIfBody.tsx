/**
 * The what-if dialog's content: the form, the progress and the results,
 * loaded on first open so the lab's first page stays small. A link can carry
 * the form (`?whatif=…`, the settings, not the results); opening the worst
 * run of a cell, or a counterexample, loads it into this lab.
 */
import { useEffect, useState } from 'react';
import { useLab } from '../../state/LabProvider.tsx';
import { DEFAULT_REQUEST, decodeRequest, encodeRequest, checkRequest, type WhatIfRequest } from '../../whatif/request.ts';
import { useT } from '../hooks.ts';
import { scenarioName } from '../../i18n/scenarioText.ts';
import { problemText } from '../../i18n/index.ts';
import { useWhatIf } from './useWhatIf.ts';
import { WhatIfForm } from './WhatIfForm.tsx';
import { MatrixResults, SearchResults, cellName } from './WhatIfResults.tsx';

export default function WhatIfBody({ close, closed }: { close(): void; /** Bumped each time the dialog closes: running work stops. */ closed: number }) {
  const t = useT();
  const info = useLab((s) => s.info);
  const lang = useLab((s) => s.lang);
  const presetId = useLab((s) => s.presetId);
  const send = useLab((s) => s.send);
  const set = useLab((s) => s.set);
  const notify = useLab((s) => s.notify);
  const [req, setReq] = useState<WhatIfRequest>(() => {
    const param = new URLSearchParams(location.search).get('whatif');
    const r = param === null ? null : decodeRequest(param);
    return r?.ok ? r.request : DEFAULT_REQUEST;
  });
  const { state, run, cancel } = useWhatIf();
  const busy = state.phase === 'running';

  useEffect(() => {
    const param = new URLSearchParams(location.search).get('whatif');
    const r = param === null ? null : decodeRequest(param);
    if (r && !r.ok) notify({ tone: 'error', key: 'whatif.badLink', vars: { reason: r.error } });
  }, [notify]);
  useEffect(() => {
    if (closed) cancel();
  }, [closed, cancel]);

  const start = () => {
    const checked = checkRequest(req);
    if (!checked.ok) return notify({ tone: 'error', key: 'whatif.failed', vars: { reason: checked.error } });
    if (info) run(checked.request, info.raw);
  };
  const load = (scenario: Record<string, unknown>, label: string) => {
    send({ type: 'load', scenario: { ...scenario, name: label } });
    set({ pendingPresetId: label });
    close();
  };
  const copyLink = async () => {
    const url = new URL(location.href);
    url.searchParams.set('whatif', encodeRequest(req));
    try {
      await navigator.clipboard.writeText(url.href);
    } catch {
      history.replaceState(null, '', url.href); // no clipboard (an insecure page): the address bar holds the link instead
    }
    notify({ tone: 'info', key: 'whatif.linkCopied' });
  };

  return (
    <>
      <p className="whatif-intro">
        <strong>{info ? scenarioName(lang, presetId, info.name) : ''}</strong> · {t('whatif.intro')}
      </p>
      <WhatIfForm value={req} onChange={setReq} busy={busy} />
      <div className="whatif-actions">
        {busy ? (
          <button type="button" className="btn" onClick={cancel} data-testid="whatif-cancel">
            {t('whatif.cancel')}
          </button>
        ) : (
          <button type="button" className="btn primary" onClick={start} data-testid="whatif-run" disabled={!info}>
            {req.search ? t('whatif.runSearch') : t('whatif.runMatrix')}
          </button>
        )}
        <button type="button" className="btn" onClick={copyLink}>
          {t('whatif.copyLink')}
        </button>
      </div>
      {state.phase === 'running' && (
        <div className="whatif-progress" role="status">
          <progress max={state.total} value={state.done} data-testid="whatif-progress" />
          <span>{t('whatif.progress', { done: state.done, total: state.total, rate: state.perSecond })}</span>
          {state.mode === 'main-thread' && <span>{t('whatif.mode.main-thread')}</span>}
        </div>
      )}
      {state.phase === 'cancelled' && <p role="status">{t('whatif.cancelled')}</p>}
      {state.phase === 'failed' && <p role="alert">{t('whatif.failed', { reason: state.problem ? `${state.problem.path ? `${state.problem.path}: ` : ''}${problemText(lang, state.problem.code, state.problem.args, state.problem.text)}` : state.reason })}</p>}
      {state.phase === 'matrix' && (
        <MatrixResults
          cells={state.cells}
          onOpen={(i) => {
            const w = state.cells[i].worst;
            const job = w && state.jobs.find((j) => j.cell === i && j.run === w.run);
            if (w && job) load({ ...job.raw, seed: w.seed, faults: w.faults }, t('whatif.scenarioName', { cell: cellName(state.cells[i]), run: w.run + 1 }));
          }}
        />
      )}
      {state.phase === 'search' && state.result.counterexample && <SearchResults result={state.result} onOpen={() => load(state.result.counterexample!, t('whatif.scenarioName', { cell: state.result.guarantee, run: state.result.runsTried }))} />}
      {state.phase === 'search' && !state.result.counterexample && <SearchResults result={state.result} onOpen={() => undefined} />}
    </>
  );
}
