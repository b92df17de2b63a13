/** A CSS media query as React state, for layouts that move elements rather than restyle them. */
import { useSyncExternalStore } from 'react';

/** One column: a phone or a narrow window (lab.css uses the same width). */
export const NARROW = '(max-width: 760px)';
/** Under the three-column width: the top bar moves more of its controls under More. */
export const UNDER_1280 = '(max-width: 1279px)';

/** One MediaQueryList per query: React reads the snapshot on every render and commit, and matchMedia() builds and evaluates a new list each call. */
const lists = new Map<string, MediaQueryList>();
const listOf = (query: string): MediaQueryList => {
  let m = lists.get(query);
  if (!m) lists.set(query, (m = window.matchMedia(query)));
  return m;
};

export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (cb) => {
      const m = listOf(query);
      m.addEventListener('change', cb);
      return () => m.removeEventListener('change', cb);
    },
    () => listOf(query).matches,
  );
}
