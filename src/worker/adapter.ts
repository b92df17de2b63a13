/**
 * How the view talks to its engine: a module Web Worker or, where a page
 * forbids workers or one fails to start, the same LabHost on the main thread.
 * A worker that dies after start (an error event, a message it cannot read,
 * or terminate() through `kill`) is reported once through `onDeath`; the lab's
 * supervisor (LabProvider) then rebuilds the run in a new engine.
 */
import type { Command, HostEvent } from '../timeline/protocol.ts';

export interface EngineAdapter {
  readonly mode: 'worker' | 'main-thread';
  send(c: Command): void;
  dispose(): void;
  /** Ends the engine as a crash would (the supervisor's test hook). */
  kill(): void;
}

type Listener = (e: HostEvent) => void;
export interface EngineOptions {
  preferWorker?: boolean;
  timeoutMs?: number;
  onDeath?: (reason: string) => void;
}

/** Runs the host on the main thread; events are delivered asynchronously like a worker's. */
export async function mainThreadAdapter(listener: Listener, onDeath?: (reason: string) => void): Promise<EngineAdapter> {
  const { LabHost } = await import('../timeline/host.ts');
  let alive = true;
  const host = new LabHost((e) => queueMicrotask(() => alive && listener(e)), () => performance.now());
  const end = () => (alive = false);
  return { mode: 'main-thread', send: (c) => alive && host.handle(c), dispose: end, kill: () => (end(), onDeath?.('killed')) };
}

/** Starts a worker and waits for its 'ready'; falls back to the main thread if it cannot start within `timeoutMs`. */
export function createEngine(listener: Listener, opts: EngineOptions = {}): Promise<EngineAdapter> {
  if (opts.preferWorker === false || typeof Worker === 'undefined') return mainThreadAdapter(listener, opts.onDeath);
  return new Promise((resolve) => {
    let state: 'starting' | 'running' | 'over' = 'starting';
    let worker: Worker;
    const stop = () => {
      try {
        worker?.terminate();
      } catch {
        /* already gone */
      }
    };
    const fail = (reason: string) => {
      const was = state;
      if (was === 'over') return;
      state = 'over';
      clearTimeout(timer);
      stop();
      if (was === 'starting') resolve(mainThreadAdapter(listener, opts.onDeath));
      else opts.onDeath?.(reason);
    };
    const timer = setTimeout(() => fail('no answer'), opts.timeoutMs ?? 4000);
    try {
      worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module', name: 'kafka-lab-engine' });
    } catch {
      return fail('cannot start');
    }
    worker.onerror = (e) => (e.preventDefault(), fail(e.message || 'error'));
    worker.onmessageerror = () => fail('unreadable message');
    worker.onmessage = (m: MessageEvent<HostEvent | { type: 'ready' }>) => {
      if (m.data.type !== 'ready' || state !== 'starting') return;
      state = 'running';
      clearTimeout(timer);
      worker.onmessage = (ev: MessageEvent<HostEvent>) => state === 'running' && listener(ev.data);
      const end = () => ((state = 'over'), stop());
      resolve({ mode: 'worker', send: (c) => state === 'running' && worker.postMessage(c), dispose: end, kill: () => fail('terminated') });
    };
  });
}
