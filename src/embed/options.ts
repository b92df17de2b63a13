/**
 * The widget's options, read the same way from a <kafka-lab> element's
 * attributes and from the iframe page's URL parameters: each one checked on
 * its own (valibot), so one bad option becomes a notice naming it and its
 * fallback, and the widget still starts with everything else.
 */
import * as v from 'valibot';
import { parseLang } from '../i18n/lang.ts';
import type { Lang } from '../i18n/index.ts';

export const CONTROLS = ['play', 'step', 'timeline', 'faults', 'config', 'fates', 'story', 'logs'] as const;
export type Control = (typeof CONTROLS)[number];

/**
 * What a widget shows when `controls` is not given (faults and config take room a doc page rarely has).
 * The partitions' logs show only where `controls` names them (or it is not given): in a box
 * of a few hundred pixels they fall below the cluster and the fates, and a list that leaves them
 * out should not end with their heading cut off at the bottom.
 */
export const DEFAULT_CONTROLS: Control[] = ['play', 'step', 'timeline', 'fates', 'story', 'logs'];

export interface WidgetOptions {
  /** A preset id, or a URL of a scenario or run file. */
  scenario: string;
  lesson: string | null;
  seed: number | null;
  /** Simulated ms, or (with a lesson) 1-based step numbers. */
  from: number | null;
  to: number | null;
  controls: Set<Control>;
  autoplay: boolean;
  lang: Lang;
  theme: 'light' | 'dark';
  compact: boolean;
  /** A CSS length for the element's height (the iframe's box decides its own). */
  height: string | null;
  /** Simulated ms per wall ms at start (one of the lab's speeds). */
  speed: number;
  /**
   * A whole run, faults and config changes and moment included: a share
   * link, its query (scenario=…&seed=…&t=…&log=…), or its packed `run`
   * parameter. Wins over `scenario`, which is what shows if it is refused.
   */
  run: string | null;
}

/** Every name the widget reads: the element observes exactly these attributes. */
export const OPTION_NAMES = ['scenario', 'lesson', 'seed', 'from', 'to', 'controls', 'autoplay', 'lang', 'theme', 'compact', 'height', 'speed', 'run'] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

/** What was wrong with an option and what the widget uses instead: catalog codes (embed.reason.*, embed.fallback.*) and their values. */
export interface OptionProblem {
  name: OptionName;
  reason: Reason;
  args: Record<string, string | number>;
  fallback: Fallback;
}

export type Reason = 'tooLong' | 'empty' | 'notScenario' | 'notLesson' | 'notNumber' | 'below' | 'above' | 'notFlag' | 'notTheme' | 'notHeight' | 'notControl' | 'notSpeed' | 'notLang' | 'notAfter';
export type Fallback = 'firstLook' | 'noLesson' | 'scenarioSeed' | 'start' | 'end' | 'defaultControls' | 'off' | 'light' | 'box' | 'speed1' | 'pageLang' | 'scenarioOption';

const MAX_LEN = 2048;
/** A share link may be longer than other options (src/share/link.ts caps each parameter itself). */
const MAX_RUN_LEN = 16_000;
const MAX_SEED = 4_294_967_295;
/** A day of simulated time: far beyond any scenario's `until`. */
const MAX_MS = 86_400_000;
const text = v.pipe(v.string(), v.maxLength(MAX_LEN, 'tooLong'));
const runSchema = v.pipe(v.string(), v.maxLength(MAX_RUN_LEN, 'tooLong'), v.trim(), v.nonEmpty('empty'));
/** Preset ids are file names; a URL is anything fetchable that is not a script. */
const scenarioSchema = v.pipe(text, v.trim(), v.nonEmpty('empty'), v.check((s) => !/^\s*(javascript|data|vbscript):/i.test(s), 'notScenario'));
const lessonSchema = v.pipe(text, v.trim(), v.regex(/^[a-z0-9-]{1,64}$/, 'notLesson'));
const intSchema = (min: number, max: number) =>
  v.pipe(text, v.trim(), v.regex(/^\d{1,10}$/, 'notNumber'), v.transform(Number), v.number(), v.minValue(min, 'below'), v.maxValue(max, 'above'));
const flagSchema = v.pipe(text, v.trim(), v.toLowerCase(), v.picklist(['', 'true', 'false', '1', '0', 'yes', 'no', 'autoplay', 'compact'], 'notFlag'), v.transform((s) => !['false', '0', 'no'].includes(s)));
const themeSchema = v.pipe(text, v.trim(), v.toLowerCase(), v.picklist(['light', 'dark'], 'notTheme'));
const heightSchema = v.pipe(text, v.trim(), v.regex(/^\d{2,4}(px|em|rem|vh)?$/, 'notHeight'));
const SPEED_CHOICES = ['0.1', '0.25', '0.5', '1', '2', '5', '10', '30', '100'] as const;
const speedSchema = v.pipe(text, v.trim(), v.picklist(SPEED_CHOICES, 'notSpeed'), v.transform(Number));
const controlsSchema = v.pipe(
  text,
  v.transform((s) => s.split(/[\s,]+/).filter(Boolean)),
  v.array(v.picklist(CONTROLS, 'notControl')),
);

/** Reads raw option strings (null = absent) into options, with a problem per option that was refused. */
export function readOptions(get: (name: OptionName) => string | null, fallbackLang: Lang = 'en'): { options: WidgetOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  function one<T>(name: OptionName, schema: v.GenericSchema<string, T>, fallback: T, said: Fallback, limits: Record<string, number> = {}): T {
    const raw = get(name);
    if (raw === null) return fallback;
    const r = v.safeParse(schema, raw);
    if (r.success) return r.output;
    const reason = r.issues[0].message as Reason;
    const args: Record<string, string | number> = { value: raw.slice(0, 80), maxLen: name === 'run' ? MAX_RUN_LEN : MAX_LEN, ...limits, controls: CONTROLS.join(', '), speeds: SPEED_CHOICES.join(', ') };
    problems.push({ name, reason, args, fallback: said });
    return fallback;
  }
  const langRaw = get('lang');
  let lang = fallbackLang;
  if (langRaw !== null) {
    const l = parseLang(langRaw.slice(0, 64));
    if (l) lang = l;
    else problems.push({ name: 'lang', reason: 'notLang', args: { value: langRaw.slice(0, 80) }, fallback: 'pageLang' });
  }
  const options: WidgetOptions = {
    scenario: one('scenario', scenarioSchema, 'first-look', 'firstLook'),
    lesson: one<string | null>('lesson', lessonSchema, null, 'noLesson'),
    seed: one<number | null>('seed', intSchema(0, MAX_SEED), null, 'scenarioSeed', { min: 0, max: MAX_SEED }),
    from: one<number | null>('from', intSchema(0, MAX_MS), null, 'start', { min: 0, max: MAX_MS }),
    to: one<number | null>('to', intSchema(0, MAX_MS), null, 'end', { min: 0, max: MAX_MS }),
    controls: new Set(one<Control[]>('controls', controlsSchema, DEFAULT_CONTROLS, 'defaultControls')),
    autoplay: one('autoplay', flagSchema, false, 'off'),
    lang,
    theme: one<'light' | 'dark'>('theme', themeSchema, 'light', 'light'),
    compact: one('compact', flagSchema, false, 'off'),
    height: one<string | null>('height', heightSchema, null, 'box'),
    speed: one('speed', speedSchema, 1, 'speed1'),
    run: one<string | null>('run', runSchema, null, 'scenarioOption'),
  };
  if (options.from !== null && options.to !== null && options.to <= options.from) {
    problems.push({ name: 'to', reason: 'notAfter', args: { value: options.to, from: options.from }, fallback: 'end' });
    options.to = null;
  }
  return { options, problems };
}

/** The options as URL parameters (the iframe page's), leaving out defaults. */
export function optionsToParams(o: Partial<Record<OptionName, string | number | boolean | null>>): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of OPTION_NAMES) {
    const val = o[k];
    if (val === null || val === undefined || val === false) continue;
    q.set(k, val === true ? '1' : String(val));
  }
  return q;
}
