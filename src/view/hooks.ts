/** Small hooks the view shares: translation bound to the lab's language, reduced motion. */
import { useCallback, useSyncExternalStore } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { translate } from '../i18n/index.ts';

export function useT(): (key: string, vars?: Record<string, string | number>) => string {
  const lang = useLab((s) => s.lang);
  return useCallback((key: string, vars?: Record<string, string | number>) => translate(lang, key, vars), [lang]);
}

const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;

/** The user's prefers-reduced-motion setting, live. */
export function useReducedMotionPref(): boolean {
  return useSyncExternalStore(
    (cb) => {
      query?.addEventListener('change', cb);
      return () => query?.removeEventListener('change', cb);
    },
    () => query?.matches ?? false,
    () => false,
  );
}

/** Colours for record keys (Okabe–Ito, readable for colour-blind viewers), and text that contrasts on each. */
export const KEY_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#7F7F7F'];
// Black or white, whichever reaches 4.5:1 on the solid colour (white only on #0072B2; on #009E73, #D55E00, #7F7F7F white is 3.4-4.0:1).
export const KEY_TEXT = ['#000', '#000', '#000', '#000', '#fff', '#000', '#000', '#000'];
export const keyColor = (k: number) => (k < 0 ? '#B8B8B8' : KEY_COLORS[k % KEY_COLORS.length]);
export const keyText = (k: number) => (k < 0 ? '#000' : KEY_TEXT[k % KEY_TEXT.length]);
