/**
 * A lesson is data: a scenario, and the stops a teacher (or a learner alone)
 * makes along its run, each with narration in English and Simplified Chinese.
 * A step is reached at a simulated time or at the first trace event of a kind
 * after the previous step; it may act (a fault, a config change: the same
 * commands the lab's controls send, so the engine decides what they mean),
 * point at something on screen, and state what the run shows at that moment.
 * The lesson's `expect` states what the whole run shows. test/engine/lessons.test.ts
 * runs every lesson headless and checks each claim, so a lesson is also a test.
 */
import type { LiveFault } from '../timeline/protocol.ts';
import type { ConfigChange, RawScenario } from '../engine/config/liveConfig.ts';
import type { TraceMatch } from '../engine/checker/traceMatch.ts';

/** The same words in both languages of the lab. */
export interface Text {
  en: string;
  zh: string;
}

export type Trigger =
  /** Pause when the run reaches this simulated time (ms). */
  | { at: number }
  /** Pause right after the first trace event matching this, later than the previous step. */
  | { event: TraceMatch };

export type LessonAction =
  | { type: 'fault'; fault: LiveFault }
  | { type: 'config'; change: ConfigChange }
  /**
   * Opens "replay with one change" beside the run: the same seed and command
   * log with `change` from t=0 (src/timeline/variant.ts). The lesson's own run
   * is untouched; the comparison closes when the lesson moves to another step.
   */
  | { type: 'compare'; change: ConfigChange };

export type Panel = 'cluster' | 'logs' | 'producers' | 'consumers' | 'charts' | 'fates';

/** What the narration points at. */
export interface Highlight {
  panel?: Panel;
  broker?: number;
  partition?: string;
  /** A count in the fates panel, by summary key (e.g. "lostAcked"). */
  count?: string;
}

/**
 * Counts the run must show: summary keys (as a scenario's "expect"), or
 * "group.<group id>.<key>" for one consumer group. A number, or ">0", "<=5".
 */
export type Claims = Record<string, number | string>;

export interface LessonStep {
  /** Names the step for `since`. */
  id?: string;
  trigger: Trigger;
  text: Text;
  actions?: LessonAction[];
  highlight?: Highlight;
  /** Claims about the run at this step (after its actions). */
  expect?: Claims;
  /** Judge `expect` on what changed since the step with this id (e.g. "nothing new was lost"). */
  since?: string;
  /**
   * Ask the learner before the run goes on: placed at the step before the
   * lesson's key moment. The next step's `expect` carries the claim that makes
   * the correct answer correct, so the run itself proves the `why`.
   */
  predict?: Prediction;
}

/** A question with 2 to 4 answers, exactly one correct, and why (pointing at the screen). */
export interface Prediction {
  question: Text;
  answers: { text: Text; correct: boolean }[];
  why: Text;
}

/** Where a lesson sits in the course index. */
export type LessonGroup = 'producer' | 'broker' | 'consumer' | 'end-to-end';
export const LESSON_GROUPS: readonly LessonGroup[] = ['producer', 'broker', 'consumer', 'end-to-end'];

export interface Lesson {
  id: string;
  group: LessonGroup;
  title: Text;
  /** One or two sentences: what the lesson shows. */
  summary: Text;
  /** The scenario inline, or a file under public/scenarios. */
  scenario: RawScenario | { file: string };
  steps: LessonStep[];
  /** Claims about the whole run (to the scenario's `until`). */
  expect: Claims;
}

export const triggerLabel = (t: Trigger): string => ('at' in t ? `${(t.at / 1000).toFixed(1)} s` : `first ${t.event.type}${t.event.type === 'consumer' ? ` ${String(t.event.what)}` : ''}`);
