/**
 * How the lab is being shown, per lab (a WeakMap over its store, like the
 * lesson player): presenter mode for the back of a room, and a blanked screen
 * (a clicker's "b" or "."), which any key or click brings back. View-only
 * state: nothing here reaches the engine.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useLabStore } from '../state/LabProvider.tsx';
import { lessonPlayer } from '../state/lessonPlayer.ts';
import type { KeyContext } from './keymap.ts';
import type { LabStore } from '../state/labStore.ts';

export interface StageState {
  presenter: boolean;
  blank: boolean;
  /** A question waiting for the user's answer (ending a lesson to change the scenario). */
  question: { text: string; resolve(ok: boolean): void } | null;
}

export type StageStore = StoreApi<StageState>;

const stages = new WeakMap<LabStore, StageStore>();

export function stageOf(lab: LabStore): StageStore {
  let s = stages.get(lab);
  if (!s) stages.set(lab, (s = createStore<StageState>(() => ({ presenter: false, blank: false, question: null }))));
  return s;
}


/** The keymap's context for this lab: its store, lesson player and stage. */
export function useKeyContext(): KeyContext {
  const lab = useLabStore();
  return useMemo(() => ({ lab, player: lessonPlayer(lab), stage: stageOf(lab) }), [lab]);
}

export function useStage<T>(pick: (s: StageState) => T): T {
  return useStore(stageOf(useLabStore()), pick);
}

/**
 * Asks the user a yes/no question in the lab's own dialog (see Confirm.tsx);
 * resolves false when dismissed.
 */
export function ask(stage: StageStore, text: string): Promise<boolean> {
  return new Promise((resolve) => {
    stage.getState().question?.resolve(false);
    stage.setState({ question: { text, resolve: (ok: boolean) => { stage.setState({ question: null }); resolve(ok); } } });
  });
}
