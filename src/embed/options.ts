/**
 * The widget's options, read the same way from a <kafka-lab> element's
 * attributes and from the iframe page's URL parameters: each one checked on
 * its own (valibot), so one bad option becomes a notice naming it and its
 * fallback, and the widget still starts with everything else.
 */
import * as v from 'valibot';
import { parseLang } from '../i18n/lang.ts';
import type { Lang } from '../i18n/index.ts';

export const CONTROLS = ['play', 'step', 'timeline', 'faults', 'config', 'fates', 'story'] as const;
export type Control = (typeof CONTROLS)[number];

/** What a widget shows when `controls` is not given (faults and config take room a doc page rarely has). */
export const DEFAULT_CONTROLS: Control[] = ['play', 'step', 'timeline', 'fates', 'story'];

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
}

/** Every name the widget reads: the element observes exactly these attributes. */
export const OPTION_NAMES = ['scenario', 'lesson', 'seed', 'from', 'to', 'controls', 'autoplay', 'lang', 'theme', 'compact', 'height', 'speed'] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

export interface OptionProblem {
  name: OptionName;
  reason: string;
  fallback: string;
}

const MAX_LEN = 2048;
const text = v.pipe(v.string(), v.maxLength(MAX_LEN, 'is longer than 2048 characters'));
/** Preset ids are file names; a URL is anything fetchable that is not a script. */
const scenarioSchema = v.pipe(text, v.trim(), v.nonEmpty('is empty'), v.check((s) => !/^\s*(javascript|data|vbscript):/i.test(s), 'is not a preset id or an http(s) or relative URL'));
const lessonSchema = v.pipe(text, v.trim(), v.regex(/^[a-z0-9-]{1,64}$/, 'is not a lesson id'));
const intSchema = (min: number, max: number) =>
  v.pipe(text, v.trim(), v.regex(/^\d{1,10}$/, 'is not a whole number'), v.transform(Number), v.number(), v.minValue(min, `is below ${min}`), v.maxValue(max, `is above ${max}`));
const flagSchema = v.pipe(text, v.trim(), v.toLowerCase(), v.picklist(['', 'true', 'false', '1', '0', 'yes', 'no', 'autoplay', 'compact'], 'is not true or false'), v.transform((s) => !['false', '0', 'no'].includes(s)));
const themeSchema = v.pipe(text, v.trim(), v.toLowerCase(), v.picklist(['light', 'dark'], 'is not light or dark'));
const heightSchema = v.pipe(text, v.trim(), v.regex(/^\d{2,4}(px|em|rem|vh)?$/, 'is not a height like 480 or 480px'));
const SPEED_CHOICES = ['0.1', '0.25', '0.5', '1', '2', '5', '10', '30', '100'] as const;
const speedSchema = v.pipe(text, v.trim(), v.picklist(SPEED_CHOICES, `is not one of ${SPEED_CHOICES.join(', ')}`), v.transform(Number));
const controlsSchema = v.pipe(
  text,
  v.transform((s) => s.split(/[\s,]+/).filter(Boolean)),
  v.array(v.picklist(CONTROLS, `names a control that is not one of ${CONTROLS.join(', ')}`)),
);

/** Reads raw option strings (null = absent) into options, with a problem per option that was refused. */
export function readOptions(get: (name: OptionName) => string | null, fallbackLang: Lang = 'en'): { options: WidgetOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  function one<T>(name: OptionName, schema: v.GenericSchema<string, T>, fallback: T, said = String(fallback)): T {
    const raw = get(name);
    if (raw === null) return fallback;
    const r = v.safeParse(schema, raw);
    if (r.success) return r.output;
    problems.push({ name, reason: r.issues[0].message, fallback: said });
    return fallback;
  }
  const langRaw = get('lang');
  let lang = fallbackLang;
  if (langRaw !== null) {
    const l = parseLang(langRaw.slice(0, 64));
    if (l) lang = l;
    else problems.push({ name: 'lang', reason: 'is not en or zh-CN', fallback: fallbackLang });
  }
  const options: WidgetOptions = {
    scenario: one('scenario', scenarioSchema, 'first-look'),
    lesson: one<string | null>('lesson', lessonSchema, null, 'no lesson'),
    seed: one<number | null>('seed', intSchema(0, 4_294_967_295), null, "the scenario's seed"),
    from: one<number | null>('from', intSchema(0, 86_400_000), null, 'the start'),
    to: one<number | null>('to', intSchema(0, 86_400_000), null, 'the end'),
    controls: new Set(one<Control[]>('controls', controlsSchema, DEFAULT_CONTROLS, DEFAULT_CONTROLS.join(' '))),
    autoplay: one('autoplay', flagSchema, false),
    lang,
    theme: one<'light' | 'dark'>('theme', themeSchema, 'light'),
    compact: one('compact', flagSchema, false),
    height: one<string | null>('height', heightSchema, null, 'the box it is given'),
    speed: one('speed', speedSchema, 1),
  };
  if (options.from !== null && options.to !== null && options.to <= options.from) {
    problems.push({ name: 'to', reason: `is not after from (${options.from})`, fallback: 'the end' });
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
