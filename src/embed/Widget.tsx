/**
 * The documentation widget's view: the lab's own components, fewer of them,
 * in a box that reflows to whatever size the host gives (container queries in
 * widget.css, down to 320×240). Which controls show is the `controls` option;
 * `compact` keeps the cluster and the fates only; the partitions' logs show where `controls` names `logs`. Everything a user reads
 * comes from the catalog; the "Open in the full lab" link carries the run (links.ts).
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { ClusterView } from '../view/ClusterView.tsx';
import { FatesPanel } from '../view/FatesPanel.tsx';
import { StoryPanel } from '../view/StoryPanel.tsx';
import { ActionsPanel } from '../view/ActionsPanel.tsx';
import { ConfigPanel } from '../view/ConfigPanel.tsx';
import { PartitionLogs } from '../view/PartitionLogs.tsx';
import { Notices } from '../view/Notices.tsx';
import { useT } from '../view/hooks.ts';
import { formatMs } from '../i18n/index.ts';
import { scenarioName } from '../i18n/scenarioText.ts';
import type { WidgetOptions } from './options.ts';
import type { WidgetApi } from './api.ts';
import { followRun, keepRunHref } from './links.ts';

const WidgetLesson = lazy(() => import('./WidgetLesson.tsx').then((m) => ({ default: m.WidgetLesson })));

export interface WidgetProps {
  options: WidgetOptions;
  api: WidgetApi;
  /** Plays within the time range (what the Play button and the API's play do). */
  play(): void;
}

export function Widget({ options, api, play }: WidgetProps) {
  const t = useT();
  const c = options.controls;
  const story = useLab((s) => s.story);
  const info = useLab((s) => s.info);
  const lang = useLab((s) => s.lang);
  const presetId = useLab((s) => s.presetId);
  const name = info ? scenarioName(lang, presetId, info.name) : t('embed.loading');
  const timeRange = !options.lesson && (options.from !== null || options.to !== null);
  return (
    <div className={`kl-widget ${options.theme}${options.compact ? ' compact' : ''}`} lang={lang} role="region" aria-label={t('embed.label', { name })} data-testid="widget">
      <WidgetBar options={options} play={play} />
      {options.lesson && (
        <Suspense fallback={null}>
          <WidgetLesson to={options.to} api={api} />
        </Suspense>
      )}
      <div className="w-main">
        <div className="w-cluster">
          <ClusterView />
        </div>
        {!options.compact && (
          <div className="w-side">
            {c.has('fates') && <FatesPanel />}
            {c.has('story') && story && <StoryPanel />}
            {c.has('faults') && <ActionsPanel />}
            {c.has('config') && (
              <section className="panel">
                <ConfigPanel />
              </section>
            )}
          </div>
        )}
        {options.compact && c.has('fates') && <MiniFates />}
        {!options.compact && c.has('logs') && (
          <div className="w-logs">
            <PartitionLogs />
          </div>
        )}
      </div>
      <footer className="w-foot">
        <span className="w-name" title={name}>
          {name}
          {timeRange && <> · {t('embed.range', { from: formatMs(options.from ?? 0), to: options.to === null ? '∞' : formatMs(options.to) })}</>}
        </span>
        <FullLabLink options={options} />
      </footer>
      <Notices />
    </div>
  );
}

function FullLabLink({ options }: { options: WidgetOptions }) {
  const t = useT();
  const lab = useLabStore();
  const ref = useRef<HTMLAnchorElement>(null);
  // The href is written straight onto the link (no render per frame), always the run on screen.
  useEffect(() => {
    const a = ref.current!;
    const keeper = keepRunHref(lab, options.lesson, (href) => a.setAttribute('href', href));
    const follow = (e: MouseEvent) => followRun(e, keeper);
    a.addEventListener('click', follow);
    a.addEventListener('auxclick', follow);
    // A reader reaching for the widget (pointer or focus inside it) is about to need the link: keep it in step from then on.
    const widget = a.closest('.kl-widget') ?? a;
    widget.addEventListener('pointerover', keeper.wake);
    widget.addEventListener('focusin', keeper.wake);
    return () => {
      keeper.stop();
      a.removeEventListener('click', follow);
      a.removeEventListener('auxclick', follow);
      widget.removeEventListener('pointerover', keeper.wake);
      widget.removeEventListener('focusin', keeper.wake);
    };
  }, [lab, options.lesson]);
  return (
    <a ref={ref} className="w-full" target="_blank" rel="noopener" title={t('embed.openFullTitle')} data-testid="open-full">
      {t('embed.openFull')} ↗
    </a>
  );
}

/** The play, step and timeline controls a widget shows. */
function WidgetBar({ options, play }: { options: WidgetOptions; play(): void }) {
  const t = useT();
  const c = options.controls;
  const send = useLab((s) => s.send);
  const playing = useLab((s) => s.playing);
  const now = useLab((s) => s.snap?.t ?? 0);
  // The clock is text: it reads the text snapshot, as the fates beside it do (LabState.textSnap); the slider moves every frame.
  const shown = useLab((s) => s.textSnap?.t ?? 0);
  const horizon = useLab((s) => s.horizon);
  const [drag, setDrag] = useState<number | null>(null);
  useEffect(() => {
    if (drag !== null && Math.abs(now - drag) < 1) setDrag(null);
  }, [now, drag]);
  if (!c.has('play') && !c.has('step') && !c.has('timeline')) return null;
  const max = Math.max(horizon, 1);
  return (
    <div className="w-bar" role="group" aria-label={t('keys.transport')}>
      {c.has('play') && (
        <button type="button" className="btn primary play" onClick={() => (playing ? send({ type: 'pause' }) : play())} data-testid="play">
          {playing ? `❚❚ ${t('transport.pause')}` : `▶ ${t('transport.play')}`}
        </button>
      )}
      {c.has('step') && (
        <button type="button" className="btn" onClick={() => send({ type: 'step' })} title={t('transport.stepTitle')} data-testid="step">
          ▸❙ <span className="w-label">{t('transport.step')}</span>
        </button>
      )}
      {c.has('timeline') && (
        <input
          className="w-timeline"
          type="range"
          min={0}
          max={max}
          step={1}
          value={Math.min(drag ?? now, max)}
          onChange={(e) => {
            const v = Number(e.target.value);
            setDrag(v);
            send({ type: 'seek', t: v });
          }}
          aria-label={t('transport.timeline')}
          aria-valuetext={formatMs(drag ?? now)}
          data-testid="timeline"
        />
      )}
      <output className="w-clock" aria-label={t('transport.time')} data-testid="clock" data-t={shown}>
        {formatMs(shown)}
      </output>
    </div>
  );
}

/** The counts that matter most, in one line (compact mode). */
function MiniFates() {
  const t = useT();
  // The text snapshot, as the lab's fates panel reads it (LabState.textSnap).
  const s = useLab((st) => st.textSnap?.summary);
  if (!s) return null;
  const rows = [
    ['acked', 'fates.acked', s.acked, ''],
    ['lostAcked', 'fates.lostAcked', s.lostAcked, s.lostAcked ? 'bad' : 'zero'],
    ['duplicated', 'fates.duplicated', s.duplicated, s.duplicated ? 'bad' : 'zero'],
  ] as const;
  return (
    <dl className="w-mini" aria-label={t('fates.title')}>
      {rows.map(([id, k, v, tone]) => (
        <div key={id} className={`count ${tone}`} data-testid={`count-${id}`} data-value={v}>
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
