/**
 * Whether a lab shows "replay with one change", and which change: view state
 * per lab (a WeakMap over its store, like the stage and the lesson player).
 * The compared run itself is a second lab (CompareLab.tsx) with its own store
 * and engine host; nothing here reaches either engine.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ConfigChange } from '../engine/config/liveConfig.ts';
import type { LabStore } from './labStore.ts';
import { useLabStore } from './LabProvider.tsx';

export interface CompareState {
  /** The one setting the compared run changes from t=0; null: no comparison shown. */
  change: ConfigChange | null;
  /** The setting picker is open. */
  picking: boolean;
  /** Opened by a lesson step (it closes when the lesson moves on). */
  byLesson: boolean;
}

export type CompareStore = StoreApi<CompareState>;

const compares = new WeakMap<LabStore, CompareStore>();

export function compareOf(lab: LabStore): CompareStore {
  let s = compares.get(lab);
  if (!s) compares.set(lab, (s = createStore<CompareState>(() => ({ change: null, picking: false, byLesson: false }))));
  return s;
}

export function useCompare<T>(pick: (s: CompareState) => T): T {
  return useStore(compareOf(useLabStore()), pick);
}

/** "key=value" as Kafka's tools write it, with the producer, topic or group it applies to. */
export function changeLabel(c: ConfigChange): string {
  const where = c.scope === 'producer' ? c.producer : c.scope === 'topic' ? c.topic : c.scope === 'consumer' ? c.group : '';
  return `${c.key}=${String(c.value)}${where ? ` (${where})` : ''}`;
}
