/**
 * What a fates panel marks while two runs are compared: each count's
 * difference from the other run, and which of its lost records the other run
 * kept. Null outside a comparison (the panel draws as it always did).
 */
import { createContext, useContext } from 'react';
import type { AnomalySnap } from '../engine/checker/snapshot.ts';
import type { Summary } from '../engine/checker/checker.ts';

export interface CompareMarks {
  /** The other run's counts at the same simulated time. */
  other: Summary;
  /** Message ids the other run lost after acknowledging them, when its list is complete (else null: unknown). */
  otherLost: Set<number> | null;
}

export const CompareMarksContext = createContext<CompareMarks | null>(null);

export const useCompareMarks = () => useContext(CompareMarksContext);

/** The lost-write ids a run lists, when the list holds every one (the host sends the first few of each kind). */
export function lostIds(s: Summary | undefined, anomalies: AnomalySnap[] | undefined): Set<number> | null {
  if (!s || !anomalies) return null;
  const ids = anomalies.filter((a) => a.kind === 'lost-write').map((a) => a.message);
  return ids.length === s.lostAcked ? new Set(ids) : null;
}
