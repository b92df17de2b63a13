/**
 * The compared run: a second lab with its own store and its own engine host,
 * sharing nothing with the first but what it reads from it. It replays the
 * first lab's run record (scenario, seed, command log) with one setting
 * changed from t=0 (variantRun), and follows the first lab's clock: whenever
 * the first run's simulated time moves (play, pause, seek, step), it asks its
 * host to 'goto' the same time, never asking again before the answer came. A
 * new run record in the first lab (a fault given, a scenario loaded) rebuilds
 * it. The view cannot act on it: its store drops every command but 'story'.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { createLabStore, type LabStore } from './labStore.ts';
import { LabContext } from './LabProvider.tsx';
import { createEngine, type EngineAdapter } from '../worker/adapter.ts';
import { variantRun } from '../timeline/variant.ts';
import type { ConfigChange } from '../engine/config/liveConfig.ts';
import type { HostEvent, RunRecord } from '../timeline/protocol.ts';

/** Why the compared run could not be built (a change Kafka refuses), in the engine's codes. */
export interface CompareFailure {
  where: string;
  reason: string;
  code?: string;
  args?: Record<string, string | number>;
}


export function CompareLab({ main, change, preferWorker, children }: { main: LabStore; change: ConfigChange; preferWorker?: boolean; children: ReactNode }) {
  const [store] = useState(() => {
    let engine: EngineAdapter | null = null;
    const s = createLabStore((c) => {
      if (c.type === 'story') engine?.send(c);
    }, main.getState().lang) as LabStore & { attach?: (e: EngineAdapter | null) => void };
    s.attach = (e) => (engine = e);
    // Read-only: a node's action menu never opens on the replay (its faults are the first run's).
    s.setState({ set: (p) => s.setState({ ...p, menu: null }) });
    return s;
  });

  useEffect(() => {
    let disposed = false;
    let adapter: EngineAdapter | null = null;
    let waiting = false;
    let sentRun: RunRecord | null = null;
    let deaths = 0;
    // Said as a refusal in the compared run's pane (its store's notices).
    const fail = (f: CompareFailure | null) => {
      if (!f) return store.setState({ notices: [] });
      store.getState().notify({ tone: 'error', key: 'error.generic', vars: { where: f.where, reason: f.reason, command: 'config' }, ...(f.code ? { problem: { code: f.code, args: f.args ?? {} } } : {}) });
    };
    const sync = () => {
      if (disposed || !adapter || waiting) return;
      const m = main.getState();
      if (!m.run || !m.snap) return;
      if (m.run !== sentRun) {
        sentRun = m.run;
        const v = variantRun(m.run, change);
        if (!v.ok) return fail(v);
        fail(null);
        waiting = true;
        adapter.send({ type: 'restore', run: v.run, t: m.snap.t, speed: 1 });
        return;
      }
      const have = store.getState().snap?.t;
      if (have !== m.snap.t) {
        waiting = true;
        adapter.send({ type: 'goto', t: m.snap.t });
      }
    };
    const listener = (e: HostEvent) => {
      if (disposed) return;
      if (e.type === 'update' || e.type === 'error') waiting = false;
      if (e.type === 'error') fail({ where: e.where, reason: e.reason, code: e.code, args: e.args });
      if (e.type === 'config-applied') return;
      store.getState().receive(e);
      if (e.type === 'update' || e.type === 'error') sync();
    };
    const start = () =>
      createEngine(listener, { preferWorker: deaths < 2 && preferWorker !== false, onDeath: () => !disposed && recover() }).then((a) => {
        if (disposed) return a.dispose();
        adapter = a;
        store.attach?.(a);
        store.setState({ engine: a.mode });
        sentRun = null;
        sync();
      });
    const recover = () => {
      deaths++;
      adapter = null;
      waiting = false;
      store.attach?.(null);
      void start();
    };
    const unsub = main.subscribe((s, prev) => {
      if (s.lang !== prev.lang) store.setState({ lang: s.lang });
      if (s.snap?.t !== prev.snap?.t || s.run !== prev.run) sync();
    });
    void start();
    return () => {
      disposed = true;
      unsub();
      adapter?.dispose();
    };
  }, [store, main, change, preferWorker]);

  return <LabContext.Provider value={store}>{children}</LabContext.Provider>;
}
