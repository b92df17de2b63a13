/**
 * One lab's page: controls on top; the cluster and actions on the left; the
 * partitions' logs, producers and charts in the middle; fates, the story,
 * configuration and the event log on the right. Keyboard shortcuts act on
 * this lab only (they are ignored while typing in a field).
 */
import { useEffect, useRef, useState } from 'react';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { MAX_SPEED } from '../timeline/protocol.ts';
import { TopBar } from './TopBar.tsx';
import { Transport, SPEEDS } from './Transport.tsx';
import { ClusterView } from './ClusterView.tsx';
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

type Tab = 'config' | 'events';

export function Lab() {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const story = useLab((s) => s.story);
  const [tab, setTab] = useState<Tab>('config');
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (el.closest('input, select, textarea, [role="menu"]') || (el.tagName === 'BUTTON' && (e.key === ' ' || e.key === 'Enter'))) return;
      if ((el.getAttribute('role') === 'button' || el.tagName === 'BUTTON') && (e.key === 'Enter' || e.key === ' ')) return;
      const s = store.getState();
      const now = s.snap?.t ?? 0;
      const i = SPEEDS.indexOf(s.speed);
      switch (e.key) {
        case ' ':
          s.send({ type: s.playing ? 'pause' : 'play' });
          break;
        case 'ArrowRight':
          s.send({ type: 'step' });
          break;
        case 'ArrowLeft':
          s.send({ type: 'seek', t: Math.max(0, now - 1000) });
          break;
        case '+':
        case '=':
          if (i >= 0 && i < SPEEDS.length - 1) s.send({ type: 'speed', speed: SPEEDS[i + 1] });
          break;
        case '-':
          if (i > 0) s.send({ type: 'speed', speed: SPEEDS[i - 1] });
          else if (s.speed === MAX_SPEED) s.send({ type: 'speed', speed: SPEEDS[SPEEDS.length - 2] });
          break;
        case 'Home':
          s.send({ type: 'seek', t: 0 });
          break;
        case 'End':
          s.send({ type: 'seek', t: s.horizon });
          break;
        case 'l':
        case 'L':
          s.set({ lang: s.lang === 'en' ? 'zh-CN' : 'en' });
          break;
        case 'Escape':
          s.set({ menu: null, story: null });
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <div className="lab" ref={root} lang={lang}>
      <TopBar />
      <Transport />
      <LessonPanel />
      <Notices />
      <main className="grid">
        <div className="col left">
          <ClusterView />
          <ActionsPanel />
        </div>
        <div className="col mid">
          <Guide />
          <PartitionLogs />
          <Producers />
          <Consumers />
          <Charts />
        </div>
        <div className="col right">
          <FatesPanel />
          {story && <StoryPanel />}
          <section className="panel tabs">
            <div role="tablist" aria-label="panels">
              {(['config', 'events'] as Tab[]).map((k) => (
                <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'tab on' : 'tab'} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
                  {t(k === 'config' ? 'config.title' : 'events.title')}
                </button>
              ))}
            </div>
            <div role="tabpanel">{tab === 'config' ? <ConfigPanel /> : <EventLog />}</div>
          </section>
        </div>
      </main>
      <footer className="keys">{t('app.keys')}</footer>
    </div>
  );
}
