/**
 * Runs the what-if panel's request on a pool of Web Workers: plans the jobs
 * (the engine-side planMatrix / searchCounterexample decide everything),
 * reports progress a few times a second, and can be cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { aggregate, planMatrix, type CellResult, type Job } from '../../whatif/matrix.ts';
import { searchCounterexample, type SearchResult } from '../../whatif/search.ts';
import { createWebPool, CancelledError, type WebPool } from '../../whatif/webPool.ts';
import { faultsOf, type WhatIfRequest } from '../../whatif/request.ts';
import { DEFAULT_MODEL } from '../../whatif/faultModel.ts';
import type { RawScenario } from '../../engine/config/liveConfig.ts';
import { ScenarioError } from '../../engine/core/scenarioError.ts';

export type WhatIfState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number; perSecond: number; mode: WebPool['mode'] }
  | { phase: 'matrix'; cells: CellResult[]; jobs: Job[] }
  | { phase: 'search'; result: SearchResult }
  | { phase: 'cancelled' }
  /** `problem`: a setting the scenario refuses, by its code, so the panel says it in the lab's language. */
  | { phase: 'failed'; reason: string; problem?: { path: string; code: string; args: Record<string, string | number>; text: string } };

export function useWhatIf(): { state: WhatIfState; run(req: WhatIfRequest, raw: RawScenario): void; cancel(): void } {
  const [state, setState] = useState<WhatIfState>({ phase: 'idle' });
  const pool = useRef<WebPool | null>(null);
  useEffect(() => () => pool.current?.close(), []);

  const cancel = useCallback(() => pool.current?.close(), []);

  const run = useCallback((req: WhatIfRequest, raw: RawScenario) => {
    pool.current?.close();
    const p = createWebPool();
    pool.current = p;
    const started = performance.now();
    let shown = 0;
    const progress = (done: number, total: number) => {
      const now = performance.now();
      if (done < total && now - shown < 200) return; // a few updates a second are enough for a progress bar
      shown = now;
      setState({ phase: 'running', done, total, perSecond: Math.round(done / Math.max(0.001, (now - started) / 1000)), mode: p.mode });
    };
    const fail = (e: unknown) => {
      p.close();
      if (e instanceof CancelledError) return setState({ phase: 'cancelled' });
      const problem = e instanceof ScenarioError ? { path: e.path, code: e.code, args: e.args, text: e.problem } : undefined;
      setState({ phase: 'failed', reason: e instanceof Error ? e.message : String(e), problem });
    };
    void (async () => {
      try {
        if (req.search) {
          const faults = faultsOf(req);
          // A search draws its own schedules (the form offers no "scenario's own faults" for it); an old link may still say so: the default model then.
          const model = faults.mode === 'random' ? faults.model : DEFAULT_MODEL;
          let total = 0;
          progress(0, req.runs);
          const result = await searchCounterexample({ scenario: raw, model, guarantee: req.search, runs: req.runs, seed: req.seed }, (jobs) => p.run(jobs, (n) => progress(Math.min((total += n), req.runs), req.runs)), undefined, p.size);
          p.close();
          setState({ phase: 'search', result });
          return;
        }
        const { cells, jobs } = planMatrix({ scenario: raw, vary: req.vary, faults: faultsOf(req), runs: req.runs, seed: req.seed });
        let done = 0;
        progress(0, jobs.length);
        const outcomes = await p.run(jobs, (n) => progress((done += n), jobs.length));
        p.close();
        setState({ phase: 'matrix', cells: aggregate(cells, jobs, outcomes), jobs });
      } catch (e) {
        fail(e);
      }
    })();
  }, []);

  return { state, run, cancel };
}
