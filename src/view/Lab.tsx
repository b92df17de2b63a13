/**
 * One lab's page: controls on top; then two columns. The stage: the cluster
 * leading it with the guide beside it, then the partitions' logs, producers,
 * consumers and charts. On the right: fates, the story, the actions (under
 * the configuration below 1800 px), configuration and the event log. Keys:
 * one keymap (keymap.ts); presenter mode and the blank screen: stage.ts.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useLab } from '../state/LabProvider.tsx';
import { TopBar } from './TopBar.tsx';
import { Transport } from './Transport.tsx';
import { ClusterHint, ClusterView, WIDE_FROM } from './ClusterView.tsx';
import { ActionsPanel } from './ActionsPanel.tsx';
import { PartitionLogs } from './PartitionLogs.tsx';
import { Producers } from './Producers.tsx';
import { Consumers } from './Consumers.tsx';
import { Charts } from './Charts.tsx';
import { FatesPanel } from './FatesPanel.tsx';
import { StoryPanel } from './StoryPanel.tsx';
import { ConfigPanel } from './ConfigPanel.tsx';
import { EventLog } from './EventLog.tsx';
import { Notices } from './Notices.tsx';
import { Guide } from './Guide.tsx';
import { LessonPanel } from './LessonPanel.tsx';
import { useT } from './hooks.ts';
import { installKeymap, keysHelp } from './keymap.ts';
import { useKeyContext, useStage } from './stage.ts';
import { Confirm } from './Confirm.tsx';
import { Unnoticed } from './Unnoticed.tsx';
import { CompareView } from './Compare.tsx';
import { ComparePicker } from './ComparePicker.tsx';
import { useCompare } from '../state/compare.ts';
import { NARROW, UNDER_1280, useMedia } from './media.ts';
import './stage.css';
import './contain.css';
import './stageFit.css';

type Tab = 'config' | 'events';

/**
 * A wide screen (1920×1080): room for the actions right under the fates, for
 * a big cluster's charts beside its diagram, and under presenter mode's zoom
 * for a low diagram beside the guide.
 */
const WIDE_SCREEN = '(min-width: 1800px)';

export function Lab() {
  const t = useT();
  const keys = useKeyContext();
  const presenter = useStage((s) => s.presenter);
  const blank = useStage((s) => s.blank);
  const lang = useLab((s) => s.lang);
  const story = useLab((s) => s.story);
  // A cluster of four or more brokers needs the wide stage: its diagram moves to the top of the middle column.
  const wide = useLab((s) => (s.snap?.brokers.length ?? 0) >= WIDE_FROM);
  const [tab, setTab] = useState<Tab>('config');
  const comparing = useCompare((s) => s.change !== null);
  const wideScreen = useMedia(WIDE_SCREEN);
  // Always two columns: the stage (the cluster leading it, the guide beside it, so the logs start above the fold), then
  // fates and configuration on the right, the actions under the configuration, or on a wide screen right under the
  // fates, in the first screen. A small cluster on a wide screen had a third column of its own (the cluster, then the
  // actions) that left 370 px empty under the actions at 1920×1080, and the charts stopped short of the window's bottom.
  // A small cluster with the guide beside it (presenter mode's zoom needs 1800 px): a low diagram, as tall
  // as the guide, so the logs come up under both and nothing is left empty under the guide. In a lesson the logs stand beside it.
  const inLesson = useStore(keys.player.store, (s) => s.lesson !== null);
  // Under 1280 px (1024×768) too, a medium-wide low diagram (clusterLayout.ts): the guide fills its column, the logs come up.
  const phone = useMedia(NARROW);
  const flat = !wide && !inLesson && (presenter ? wideScreen : !phone);
  // A big cluster on a wide screen: its diagram is far taller than the guide beside it; the charts fill the rest of that column,
  // in the first screen (under the logs' many summary rows they were far below it). Presenter mode hides them.
  const chartsBeside = wide && wideScreen && !presenter;
  // A low diagram on a wide screen is taller than the guide beside it: the actions fill that column, in the first screen,
  // beside the diagram they act on (presenter mode hides them; in a lesson they stand under the fates).
  const actionsBeside = flat && wideScreen && !presenter;
  // 1280 to 1799 px: the low diagram's panel, with its two-line hint under the drawing, stood 75 px taller than the guide
  // beside it (an empty box at 1280×800). The hint goes under the guide: the diagram's panel and the guide's column
  // come out about as tall (and the logs 30 px higher). Under 1280 px the narrower guide column is already the taller.
  const under1280 = useMedia(UNDER_1280);
  const hintBeside = flat && !actionsBeside && !presenter && !under1280;

  // One keymap for the whole lab (keymap.ts): clicker keys act whatever has focus.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => installKeymap(keys, root.current), [keys]);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
    return () => document.documentElement.classList.remove('presenter');
  }, [presenter]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <div className="lab" lang={lang} ref={root}>
      <TopBar />
      <Transport />
      <LessonPanel />
      <Notices />
      {comparing ? <CompareView /> : <main className="grid two" data-layout="two">
        <div className="col mid">
          <div className="stage-top">
            <ClusterView flat={flat} charts={chartsBeside} hint={!hintBeside} />
            {/* The controller-has-not-noticed banner first: it is about this moment, the guide about the whole run.
                The column scrolls when its text is longer than the diagram is tall (presenter mode, 1280×800):
                focusable, so a keyboard can scroll it too (axe: scrollable-region-focusable). */}
            <div className="stage-side" role="region" aria-label={t('stage.side')} tabIndex={0}>
              <Unnoticed />
              <Guide />
              {hintBeside && <ClusterHint />}
              {actionsBeside && <ActionsPanel />}
              {chartsBeside && <Charts />}
            </div>
          </div>
          <PartitionLogs />
          <Producers />
          <Consumers />
          {!chartsBeside && <Charts />}
        </div>
        <div className="col right">
          <FatesPanel />
          {story && <StoryPanel />}
          {wideScreen && !actionsBeside && <ActionsPanel />}
          <section className="panel tabs">
            <div role="tablist" aria-label={t('app.panels')}>
              {(['config', 'events'] as Tab[]).map((k) => (
                <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'tab on' : 'tab'} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
                  {t(k === 'config' ? 'config.title' : 'events.title')}
                </button>
              ))}
            </div>
            <div role="tabpanel">{tab === 'config' ? <ConfigPanel /> : <EventLog />}</div>
          </section>
          {!wideScreen && <ActionsPanel />}
        </div>
      </main>}
      <footer className="keys">
        {t('keys.title')}: {keysHelp(t)}
      </footer>
      <Confirm />
      <ComparePicker />
      {blank && <div className="blank-screen" data-testid="blank" aria-hidden="true" onPointerDown={() => keys.stage.setState({ blank: false })} />}
    </div>
  );
}
