/**
 * Mounts one widget into a shadow root: its own lab store and engine (a
 * worker, or the main thread where the host forbids workers), its options,
 * its API. The scenario option is resolved first (a preset id or a URL); a
 * bad one becomes a notice and the widget shows the first look. A time range
 * is played by running to `from` as fast as the engine goes, then pausing
 * at `to`; Play past `to` starts the range again.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LabProvider, useLabStore } from '../state/LabProvider.tsx';
import { FIRST_LOOK } from '../state/defaultScenario.ts';
import type { LabStore, Notice } from '../state/labStore.ts';
import { lessonPlayer } from '../state/lessonPlayer.ts';
import { MAX_SPEED } from '../timeline/protocol.ts';
import { ErrorBoundary } from '../view/ErrorBoundary.tsx';
import { Widget } from './Widget.tsx';
import { WidgetApi, type Emit } from './api.ts';
import { fromJson, loadErrorText, resolveScenario, type Resolved } from './scenarioSource.ts';
import { loadCatalog, translate, type Lang } from '../i18n/index.ts';
import { widgetSheets } from './styles.ts';
import type { OptionProblem, WidgetOptions } from './options.ts';
import { useEffect } from 'react';

export interface MountedWidget {
  api: WidgetApi;
  destroy(): void;
}

export interface MountEnv {
  /** Where relative scenario URLs are read from (the host page). */
  base: string;
  emit: Emit;
  /** Engine in a worker when allowed (false: the main thread, as ?worker=0). */
  preferWorker?: boolean;
  /** Where the scenario comes from instead of the `scenario` option (the iframe page's share-link parameters). */
  resolve?: () => Promise<Resolved>;
}

/** An option's problem as a notice's values (and, in English, the console warning's). */
export function problemVars(lang: Lang, p: OptionProblem): Record<string, string> {
  return { name: p.name, reason: translate(lang, `embed.reason.${p.reason}`, p.args), fallback: translate(lang, `embed.fallback.${p.fallback}`) };
}

const withSeed = (scenario: unknown, seed: number | null) => (seed !== null && scenario && typeof scenario === 'object' && !Array.isArray(scenario) ? { ...scenario, seed } : scenario);

export function mountWidget(shadow: ShadowRoot, options: WidgetOptions, problems: OptionProblem[], env: MountEnv): MountedWidget {
  shadow.adoptedStyleSheets = widgetSheets();
  const host = document.createElement('div');
  host.className = 'kl-root';
  shadow.replaceChildren(host);
  const root = createRoot(host);
  const api = new WidgetApi(env.emit);
  let destroyed = false;

  void (async () => {
    // 中文 is its own chunk: an English widget never downloads it (src/i18n/catalog.ts).
    await loadCatalog(options.lang).catch(() => undefined);
    const notices: Omit<Notice, 'id'>[] = problems.map((p) => ({ tone: 'error', key: 'embed.badOption', vars: problemVars(options.lang, p) }));
    let scenario: unknown = FIRST_LOOK;
    let presetId = 'first-look';
    let run: Resolved['run'];
    if (!options.lesson) {
      let r: Resolved | undefined;
      // A whole run (the iframe page's share-link parameters, or the `run` option) first; if refused, `scenario`.
      const runOption = options.run;
      const resolveRun = env.resolve ?? (runOption ? () => import('./runSource.ts').then((m) => m.openLink(m.runParams(runOption))) : undefined);
      // A refused link in the iframe's URL shows the first look (it named no scenario); a refused `run` option, the `scenario` option.
      let linkRefused = false;
      if (resolveRun) {
        try {
          r = await resolveRun();
        } catch (e) {
          linkRefused = !!env.resolve;
          notices.push({ tone: 'error', key: env.resolve ? 'embed.badScenario' : 'embed.badRun', vars: { value: options.scenario.slice(0, 200), reason: loadErrorText(options.lang, e) } });
        }
      }
      if (!r && !linkRefused) {
        try {
          r = await resolveScenario(options.scenario, env.base);
        } catch (e) {
          notices.push({ tone: 'error', key: 'embed.badScenario', vars: { value: options.scenario.slice(0, 200), reason: loadErrorText(options.lang, e) } });
        }
      }
      if (r) {
        scenario = r.scenario;
        presetId = r.id;
        run = r.run;
      }
    }
    if (destroyed) return;
    const render = () =>
      root.render(
        <StrictMode>
          <ErrorBoundary lang={options.lang} onReset={render}>
            <LabProvider scenario={withSeed(scenario, options.seed)} presetId={presetId} lang={options.lang} preferWorker={env.preferWorker !== false} startupNotices={notices}>
              <Driver options={options} api={api} base={env.base} run={run} />
            </LabProvider>
          </ErrorBoundary>
        </StrictMode>,
      );
    render();
  })();

  return {
    api,
    destroy() {
      destroyed = true;
      api.detach();
      root.unmount();
    },
  };
}

/** Hooks the API to this widget's store, starts the range or the lesson, then draws the widget. */
function Driver({ options, api, base, run }: { options: WidgetOptions; api: WidgetApi; base: string; run: Resolved['run'] }) {
  const lab = useLabStore();
  const play = () => playRange(lab, options);
  /** Loads what a page asked for: a scenario starts at 0, a run replays its log to its moment. */
  const open = (r: Resolved, speed = lab.getState().speed) => {
    const st = lab.getState();
    st.set({ pendingPresetId: r.id });
    if (r.run) st.send({ type: 'restore', run: r.run.record, t: r.run.t, speed });
    else st.send({ type: 'load', scenario: r.scenario });
  };
  useEffect(() => {
    let cancelled = false;
    api.attach(lab, {
      play,
      load: async (what) => {
        try {
          open(typeof what === 'string' ? await resolveScenario(what, base) : await fromJson(what, 'api'));
        } catch (e) {
          // Said like any refusal (an error event), and the promise says why.
          const reason = loadErrorText(lab.getState().lang, e);
          lab.getState().notify({ tone: 'error', key: 'error.generic', vars: { where: 'load', reason, command: 'load' } });
          throw new Error(reason);
        }
      },
      lesson: () => {
        const s = lessonPlayer(lab).store.getState();
        return s.lesson ? { id: s.lesson.id, step: s.index + 1, steps: s.lesson.steps.length } : null;
      },
    });
    // Once the first scenario has loaded: open the lesson, or run to the range's start.
    const start = () => {
      if (cancelled) return;
      if (options.lesson) {
        if (options.speed !== 1) lab.getState().send({ type: 'speed', speed: options.speed });
        const id = options.lesson;
        void import('./WidgetLesson.tsx').then(async (m) => {
          if (cancelled) return;
          const ok = await m.openWidgetLesson(lab, { id, from: options.from, to: options.to });
          if (!ok) lab.getState().notify({ tone: 'error', key: 'embed.unknownLesson', vars: { value: id } });
          else if (options.autoplay) lessonPlayer(lab).next();
        }).catch((e: unknown) => lab.getState().notify({ tone: 'error', key: 'error.generic', vars: { where: id, reason: loadErrorText(options.lang, e) } }));
        return;
      }
      // A run file opens at its own moment, with its log; a range's end still stops it.
      if (run) {
        open({ scenario: run.record.raw, id: lab.getState().presetId, run }, options.speed);
        if (options.to !== null) lab.getState().send({ type: 'pause-at', t: options.to });
        if (options.autoplay) lab.getState().send({ type: 'play' });
        return;
      }
      startRange(lab, options);
    };
    if (lab.getState().snap) start();
    else {
      const off = lab.subscribe((s) => {
        if (!s.snap) return;
        off();
        start();
      });
      return () => ((cancelled = true), off(), api.detach());
    }
    return () => ((cancelled = true), api.detach());
    // Once per widget: options change by remounting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lab, api]);
  return <Widget options={options} api={api} play={play} />;
}

/** Runs to `from` as fast as the engine goes (paused there), then arms `to`; autoplay plays on. */
function startRange(lab: LabStore, o: WidgetOptions) {
  const send = lab.getState().send;
  if (o.speed !== 1) send({ type: 'speed', speed: o.speed });
  if (o.from === null || o.from === 0) {
    if (o.to !== null) send({ type: 'pause-at', t: o.to });
    if (o.autoplay) send({ type: 'play' });
    return;
  }
  const speed = o.speed;
  send({ type: 'speed', speed: MAX_SPEED });
  send({ type: 'pause-at', t: o.from });
  send({ type: 'play' });
  const off = lab.subscribe((s) => {
    if (!s.stopped || s.stopped.t < o.from!) return;
    off();
    send({ type: 'speed', speed });
    if (o.to !== null) send({ type: 'pause-at', t: o.to });
    if (o.autoplay) send({ type: 'play' });
  });
}

/** Play, within the range: at or past `to`, the range starts again from `from`. */
function playRange(lab: LabStore, o: WidgetOptions) {
  const s = lab.getState();
  const t = s.snap?.t ?? 0;
  if (!o.lesson && o.to !== null && t >= o.to) {
    s.send({ type: 'seek', t: Math.min(o.from ?? 0, s.horizon) });
    s.send({ type: 'pause-at', t: o.to });
  } else if (!o.lesson && o.to !== null) s.send({ type: 'pause-at', t: o.to });
  s.send({ type: 'play' });
}
