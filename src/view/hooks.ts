/** Small hooks the view shares: translation bound to the lab's language, reduced motion, structured selections. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import type { LabActions, LabState } from '../state/labStore.ts';
import { translate, type Args, type MessageKey } from '../i18n/index.ts';

/** The catalog bound to the lab's language: only catalog keys are accepted (an unknown key is a type error). */
export type T = (key: MessageKey, vars?: Args) => string;

export function useT(): T {
  const lang = useLab((s) => s.lang);
  return useCallback<T>((key, vars) => translate(lang, key, vars), [lang]);
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

/** Structural equality of plain JSON-like data (what a selector below returns). */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Selects a small structured value (names, leaders, statuses) and keeps the
 * previous one while it is equal in content, so a component re-renders only
 * when what it shows changes, without packing names into strings.
 */
export function useLabData<T>(selector: (s: LabState & LabActions) => T): T {
  const prev = useRef<{ v: T } | null>(null);
  return useLab((s) => {
    const next = selector(s);
    if (prev.current && sameData(prev.current.v, next)) return prev.current.v;
    prev.current = { v: next };
    return next;
  });
}

/**
 * Whether `el` is on screen or within `margin` of it (true until an
 * IntersectionObserver has said otherwise): what is off screen can skip work
 * nobody sees, and catch up when it scrolls into view (the frame after).
 */
export function useOnScreen(el: Element | null, margin = '0px'): boolean {
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((es) => setOn(es[es.length - 1].isIntersecting), { rootMargin: margin });
    io.observe(el);
    return () => io.disconnect();
  }, [el, margin]);
  return on;
}
