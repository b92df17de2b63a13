/**
 * How far the learner got in each lesson, kept in this browser (localStorage).
 * Guarded: private windows, a full quota or a hand-edited value never break
 * the lab; a value that is not what we wrote is ignored.
 */
export interface LessonProgress {
  /** Furthest step reached (1-based). */
  step: number;
  steps: number;
}

const KEY = 'krl.lessonProgress.v1';

type Progress = Record<string, LessonProgress>;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const valid = (v: unknown): v is LessonProgress =>
  typeof v === 'object' && v !== null && Number.isInteger((v as LessonProgress).step) && Number.isInteger((v as LessonProgress).steps) && (v as LessonProgress).step >= 1 && (v as LessonProgress).step <= (v as LessonProgress).steps;

export function readProgress(): Progress {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => valid(v))) as Progress;
  } catch {
    return {};
  }
}

/** Records that step `step` (1-based) of `steps` was reached; keeps the furthest. */
export function recordProgress(id: string, step: number, steps: number): void {
  const all = readProgress();
  const had = all[id];
  if (had && had.steps === steps && had.step >= step) return;
  all[id] = { step: Math.max(step, had?.steps === steps ? had.step : 0), steps };
  try {
    storage()?.setItem(KEY, JSON.stringify(all));
  } catch {
    // Quota or a private window: progress is a convenience, the lesson goes on.
  }
}

export const isDone = (p: LessonProgress | undefined): boolean => !!p && p.step >= p.steps;
