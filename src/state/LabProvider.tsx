/**
 * Creates one lab: its store, its engine (a worker, or the main thread), and
 * the frame pump. While playing, each animation frame asks the engine for one
 * step of simulated time, and never asks again before the answer arrived, so
 * at most one batched update crosses per frame and a slow engine is never
 * flooded.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createLabStore, type LabActions, type LabState, type LabStore, type Notice } from './labStore.ts';
import { createEngine, type EngineAdapter } from '../worker/adapter.ts';
import type { Command } from '../engine/protocol.ts';
import type { Lang } from '../i18n/index.ts';

const LabContext = createContext<LabStore | null>(null);

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
  /** Called when the user switches the language (the app remembers it). */
  onLangChange?: (lang: Lang) => void;
  children: ReactNode;
}

export function LabProvider({ scenario, presetId, lang = 'en', preferWorker, startupError, startupNotices, onLangChange, children }: LabProviderProps) {
  const [store] = useState(() => {
    const pending: Command[] = [];
    let engine: EngineAdapter | null = null;
    const s = createLabStore((c) => (engine ? engine.send(c) : pending.push(c)), lang);
    (s as LabStore & { attach?: (e: EngineAdapter) => void }).attach = (e) => {
      engine = e;
      for (const c of pending.splice(0)) e.send(c);
    };
    return s;
  });

  useEffect(() => store.subscribe((s, prev) => s.lang !== prev.lang && onLangChange?.(s.lang)), [store, onLangChange]);

  useEffect(() => {
    let disposed = false;
    let adapter: EngineAdapter | null = null;
    let raf = 0;
    let waiting = false;
    const tick = (now: number) => {
      raf = requestAnimationFrame(tick);
      const st = store.getState();
      if (!st.playing || waiting || !adapter) return;
      waiting = true;
      adapter.send({ type: 'frame', wallMs: now });
    };
    createEngine(
      (e) => {
        if (disposed) return;
        if (e.type === 'update' || e.type === 'error') waiting = false;
        store.getState().receive(e);
      },
      { preferWorker },
    ).then((a) => {
      if (disposed) return a.dispose();
      adapter = a;
      store.setState({ engine: a.mode, ...(presetId ? { presetId } : {}) });
      (store as LabStore & { attach?: (e: EngineAdapter) => void }).attach?.(a);
      a.send({ type: 'load', scenario });
      if (startupError) store.getState().notify({ tone: 'error', key: 'error.generic', vars: startupError });
      for (const n of startupNotices ?? []) store.getState().notify(n);
      raf = requestAnimationFrame(tick);
    });
    return () => {
      disposed = true;
      cancelAnimationFrame(raf);
      adapter?.dispose();
    };
    // The lab is created once per mount; a new scenario is loaded with a 'load' command.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  return <LabContext.Provider value={store}>{children}</LabContext.Provider>;
}
