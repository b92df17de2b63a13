/**
 * How the view talks to its engine: a module Web Worker, or, where a page
 * forbids workers (a strict CSP) or the worker fails to start, the same
 * LabHost on the main thread behind the same interface.
 */
import type { Command, HostEvent } from '../engine/protocol.ts';

export interface EngineAdapter {
  readonly mode: 'worker' | 'main-thread';
  send(c: Command): void;
  dispose(): void;
}

type Listener = (e: HostEvent) => void;

/** Runs the host on the main thread; events are delivered asynchronously like a worker's. */
export async function mainThreadAdapter(listener: Listener): Promise<EngineAdapter> {
  const { LabHost } = await import('./labHost.ts');
  let alive = true;
  const host = new LabHost((e) => queueMicrotask(() => alive && listener(e)), () => performance.now());
  return {
    mode: 'main-thread',
    send: (c) => host.handle(c),
    dispose: () => {
      alive = false;
    },
  };
}

/**
 * Starts a worker and waits for its 'ready'; falls back to the main thread if
 * it cannot be created, reports an error, or says nothing within `timeoutMs`.
 */
export function createEngine(listener: Listener, opts: { preferWorker?: boolean; timeoutMs?: number } = {}): Promise<EngineAdapter> {
  if (opts.preferWorker === false || typeof Worker === 'undefined') return mainThreadAdapter(listener);
  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker;
    const fallback = () => {
      if (settled) return;
      settled = true;
      try {
        worker?.terminate();
      } catch {
        /* already gone */
      }
      resolve(mainThreadAdapter(listener));
    };
    try {
      worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module', name: 'kafka-lab-engine' });
    } catch {
      fallback();
      return;
    }
    const timer = setTimeout(fallback, opts.timeoutMs ?? 4000);
    worker.onerror = (e) => {
      e.preventDefault();
      clearTimeout(timer);
      fallback();
    };
    worker.onmessage = (m: MessageEvent<HostEvent | { type: 'ready' }>) => {
      if (m.data.type === 'ready') {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.onmessage = (ev: MessageEvent<HostEvent>) => listener(ev.data);
        resolve({ mode: 'worker', send: (c) => worker.postMessage(c), dispose: () => worker.terminate() });
      }
    };
  });
}
