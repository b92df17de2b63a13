/**
 * Creates one lab: its store, its engine (a worker, or the main thread), the
 * supervisor that rebuilds the run if that engine dies, and the frame pump. While playing, each animation frame asks the engine for one
 * step of simulated time, and never asks again before the answer arrived, so
 * at most one batched update crosses per frame and a slow engine is never
 * flooded.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createLabStore, type LabActions, type LabState, type LabStore, type Notice } from './labStore.ts';
import { createEngine, type EngineAdapter } from '../worker/adapter.ts';
import type { Command, HostEvent, RunRecord } from '../timeline/protocol.ts';
import type { Lang } from '../i18n/index.ts';

export const LabContext = createContext<LabStore | null>(null);

export function useLab<T>(selector: (s: LabState & LabActions) => T): T {
  const store = useContext(LabContext);
  if (!store) throw new Error('useLab outside a LabProvider');
  return useStore(store, selector);
}

export function useLabStore(): LabStore {
  const store = useContext(LabContext);
  if (!store) throw new Error('useLabStore outside a LabProvider');
  return store;
}

export interface LabProviderProps {
  scenario: unknown;
  presetId?: string;
  lang?: Lang;
  preferWorker?: boolean;
  /** A problem found before the lab started (a bad URL parameter), shown once it runs. */
  startupError?: { where: string; reason: string };
  /** Notices to show once the lab runs (an unknown ?lang or ?scenario), as catalog keys so they follow the language. */
  startupNotices?: Omit<Notice, 'id'>[];
  /** A run to rebuild instead of loading `scenario` (a share link): replayed to `t`, paused. */
  initialRun?: { record: RunRecord; t: number };
  /** Called once the store exists (the page keeps its URL in step with the run). */
  onStore?: (store: LabStore) => void;
  /** Called when the user switches the language (the app remembers it). */
  onLangChange?: (lang: Lang) => void;
  children: ReactNode;
}

export function LabProvider({ scenario, presetId, lang = 'en', preferWorker, startupError, startupNotices, initialRun, onStore, onLangChange, children }: LabProviderProps) {
  const [store] = useState(() => {
    const pending: Command[] = [];
    let engine: EngineAdapter | null = null;
    const s = createLabStore((c) => (engine ? engine.send(c) : pending.push(c)), lang) as Supervised;
    s.attach = (e) => {
      engine = e;
      if (e) for (const c of pending.splice(0)) e.send(c);
    };
    return s;
  });

  useEffect(() => store.subscribe((s, prev) => s.lang !== prev.lang && onLangChange?.(s.lang)), [store, onLangChange]);

  useEffect(() => {
    let disposed = false;
    let adapter: EngineAdapter | null = null;
    let raf = 0;
    let waiting = false;
    let deaths = 0;
    const tick = (now: number) => {
      raf = requestAnimationFrame(tick);
      const st = store.getState();
      if (!st.playing || waiting || !adapter) return;
      waiting = true;
      adapter.send({ type: 'frame', wallMs: now });
    };
    const listener = (e: HostEvent) => {
      if (disposed) return;
      if (e.type === 'update' || e.type === 'error') waiting = false;
      store.getState().receive(e);
    };
    /**
     * Supervision: an engine that dies after start (its worker terminated,
     * closed, or throwing) is replaced, and the run rebuilt from its command
     * log at the time it had reached, paused, with the user's configuration and
     * faults. After a second death the engine moves to the main thread.
     */
    const start = (first: boolean) =>
      createEngine(listener, { preferWorker: deaths < 2 && preferWorker !== false, onDeath: (reason) => !disposed && recover(reason) }).then((a) => {
        if (disposed) return a.dispose();
        adapter = a;
        store.setState({ engine: a.mode, ...(first && presetId ? { presetId } : {}) });
        const st = store.getState();
        if (first) {
          store.attach?.(a);
          a.send(initialRun ? { type: 'restore', run: initialRun.record, t: initialRun.t, speed: 1 } : { type: 'load', scenario });
        } else {
          a.send(st.run ? { type: 'restore', run: st.run, t: st.snap?.t ?? 0, speed: st.speed } : { type: 'load', scenario });
          store.attach?.(a);
        }
      });
    const recover = (reason: string) => {
      deaths++;
      adapter = null;
      waiting = false;
      store.attach?.(null);
      const st = store.getState();
      store.setState({ engine: 'starting', playing: false });
      st.notify({ tone: 'info', key: 'engine.rebuilt', vars: { reason, t: st.snap?.t ?? 0 } });
      void start(false);
    };
    void start(true).then(() => {
      if (startupError) store.getState().notify({ tone: 'error', key: 'error.generic', vars: startupError });
      for (const n of startupNotices ?? []) store.getState().notify(n);
      raf = requestAnimationFrame(tick);
      onStore?.(store);
    });
    // A test hook, only with ?debug=engine in the page's own URL: the event ends the engine as a crash would (the lab then recovers).
    const kill = () => adapter?.kill();
    const debug = typeof location !== 'undefined' && new URLSearchParams(location.search).get('debug') === 'engine';
    if (debug) window.addEventListener('kafka-lab:kill-engine', kill);
    return () => {
      disposed = true;
      cancelAnimationFrame(raf);
      adapter?.dispose();
      if (debug) window.removeEventListener('kafka-lab:kill-engine', kill);
    };
    // The lab is created once per mount; a new scenario is loaded with a 'load' command.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  return <LabContext.Provider value={store}>{children}</LabContext.Provider>;
}

type Supervised = LabStore & { attach?: (e: EngineAdapter | null) => void };
