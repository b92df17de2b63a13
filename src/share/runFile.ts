/**
 * A run as a file: the scenario (inline, or a preset's id), the seed, the
 * command log (the user's faults and live config changes at their simulated
 * times: Timeline.record()), the moment the author was looking at, and the
 * lesson, language and presenter mode around it. The lab's Save run and share
 * links, `npm run sim -- run.json` and the embed widget all read it here.
 *
 * Untrusted input: parseRun never throws. Every refusal is a RunProblem with
 * a path and a code; codes shared with scenarios (scenarioProblems.ts) read
 * with the same sentences, the run's own codes with share.problem.<code>.
 * Nothing in a run is ever evaluated: it is data checked field by field.
 */
import * as v from 'valibot';
import { describe, ScenarioError } from '../engine/core/scenarioError.ts';
import { PROBLEM_CODES, type ProblemCode } from '../engine/core/scenarioProblems.ts';
import { parseStructure, pathText } from '../engine/scenario/scenarioSchema.ts';
import { rejectPrototypeKeys } from '../engine/scenario/scenarioRules.ts';
import { parseScenario } from '../engine/scenario/scenario.ts';
import { MAX_FAULTS } from '../engine/scenario/scenarioSchema.ts';
import type { ConfigChange, RawScenario } from '../engine/config/liveConfig.ts';
import type { LiveFault } from '../timeline/protocol.ts';

/** The run's own refusals (the scenario's are ProblemCodes). */
export const RUN_PROBLEM_CODES = [
  'not-run', 'version', 'too-long', 'bad-base64', 'bad-compression', 'too-large', 'not-json', 'bad-param',
  'unknown-preset', 'preset-unavailable', 'log-order', 'change-refused', 'change-new-run', 'fault-refused', 'no-run',
] as const;
export type RunProblemCode = (typeof RUN_PROBLEM_CODES)[number];

export interface RunProblem {
  /** 'scenario': a scenario problem code (problem.<code> in the catalog); 'run': share.problem.<code>. */
  source: 'scenario' | 'run';
  code: string;
  args: Record<string, string | number>;
  /** Where in the run (e.g. `log[2].fault.broker`, `scenario.topics[0].name`), '' for the whole. */
  path: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: RunProblem };

export const RUN_VERSION = 1;
/** 24 h of simulated time: the scenario's own bound on `until`. */
export const MAX_RUN_MS = 24 * 3600 * 1000;
export const MAX_LOG = MAX_FAULTS;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export type ScenarioRef = RawScenario | { preset: string };

export interface LogEntry {
  t: number;
  fault?: LiveFault;
  change?: ConfigChange;
}

export interface RunFile {
  kafkaLab: 'run';
  version: 1;
  scenario: ScenarioRef;
  seed: number;
  log: LogEntry[];
  t: number;
  lesson?: string;
  step?: number;
  lang?: 'en' | 'zh-CN';
  presenter?: boolean;
}

export const isPresetRef = (s: ScenarioRef): s is { preset: string } => Object.keys(s).length === 1 && typeof (s as { preset?: unknown }).preset === 'string';

export function runProblem(code: RunProblemCode, args: Record<string, string | number> = {}, path = ''): RunProblem {
  return { source: 'run', code, args, path };
}

export function fromScenarioError(e: ScenarioError, prefix: string): RunProblem {
  const path = !e.path || e.path === 'scenario' ? prefix : e.path.startsWith('scenario.') ? `${prefix}.${e.path.slice(9)}` : e.path.startsWith('[') ? `${prefix}${e.path}` : `${prefix}.${e.path}`;
  return { source: (PROBLEM_CODES as readonly string[]).includes(e.code) ? 'scenario' : 'run', code: e.code, args: e.args, path };
}

// ---- the schema: each message is a code with its arguments (as scenarioSchema.ts does) ----
type Issue = v.BaseIssue<unknown>;
const m = (code: ProblemCode | RunProblemCode, args: (i: Issue) => Record<string, string | number> = () => ({})) => (i: Issue) => JSON.stringify({ code, args: args(i) });
const got = (i: Issue) => ({ got: describe(i.input) });
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function strictOf<E extends v.ObjectEntries>(entries: E, like: string) {
  const known = Object.keys(entries).join(', ');
  return v.strictObject(entries, (i) => {
    if (i.expected === 'never') return JSON.stringify({ code: 'unknown-field', args: { known } });
    if (i.expected?.startsWith('"')) return JSON.stringify({ code: 'required', args: {} });
    return JSON.stringify({ code: 'not-object', args: { like, ...got(i) } });
  });
}
function obj<E extends v.ObjectEntries>(entries: E, like: string) {
  const strict = strictOf(entries, like);
  return v.pipe(v.custom<v.InferInput<typeof strict>>(isObj, m('not-object', (i) => ({ like, ...got(i) }))), strict);
}
const int = (min: number, max: number) =>
  v.pipe(v.number(m('not-integer', got)), v.integer(m('not-integer', got)), v.minValue(min, m('range', (i) => ({ min, max, ...got(i) }))), v.maxValue(max, m('range', (i) => ({ min, max, ...got(i) }))));
const name = () => v.pipe(v.string(m('not-string', got)), v.minLength(1, m('not-string', got)), v.maxLength(249, m('not-string', got)));
/** An id field of a run file (`field`: its name, which the refusal names as the parameter). */
const id = (field: string) => v.pipe(v.string(m('not-string', got)), v.regex(ID, m('bad-param', (i) => ({ param: field, ...got(i) }))));
const value = v.union([v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.maxLength(1000)), v.boolean()], m('config-value', got));
const key = () => v.pipe(v.string(m('not-string', got)), v.minLength(1, m('not-string', got)), v.maxLength(200, m('not-string', got)));

const Change = v.pipe(
  v.custom<Record<string, unknown>>(isObj, m('not-object', (i) => ({ like: '{ "scope": "topic", "topic": "orders", "key": "min.insync.replicas", "value": 2 }', ...got(i) }))),
  v.variant(
    'scope',
    [
      strictOf({ scope: v.literal('producer'), producer: name(), key: key(), value }, ''),
      strictOf({ scope: v.literal('topic'), topic: name(), key: key(), value }, ''),
      strictOf({ scope: v.literal('cluster'), key: v.picklist(['brokers', 'partitions', 'replication.factor'], m('one-of', (i) => ({ values: '"brokers", "partitions", "replication.factor"', ...got(i) }))), value }, ''),
      strictOf({ scope: v.literal('consumer'), group: name(), key: key(), value }, ''),
    ],
    m('one-of', (i) => ({ values: '"producer", "topic", "cluster", "consumer"', ...got(i) })),
  ),
);

const Entry = obj({ t: int(0, MAX_RUN_MS), fault: v.optional(v.custom<Record<string, unknown>>(isObj, m('not-object', got))), change: v.optional(Change) }, '{ "t": 3000, "fault": { "type": "crash", "broker": 1 } }');

const Run = obj(
  {
    kafkaLab: v.literal('run', m('not-run')),
    version: v.literal(RUN_VERSION, m('version', (i) => ({ got: describe(i.input), supported: RUN_VERSION }))),
    scenario: v.custom<Record<string, unknown>>(isObj, m('not-object', (i) => ({ like: '{ "preset": "acks1-failover" } or a scenario', ...got(i) }))),
    seed: int(0, 2 ** 32 - 1),
    log: v.pipe(v.array(Entry, m('not-list', got)), v.maxLength(MAX_LOG, m('too-many', (i) => ({ max: MAX_LOG, got: (i.input as unknown[]).length })))),
    t: int(0, MAX_RUN_MS),
    lesson: v.optional(id('lesson')),
    step: v.optional(int(0, 999)),
    lang: v.optional(v.picklist(['en', 'zh-CN'], m('one-of', (i) => ({ values: '"en", "zh-CN"', ...got(i) })))),
    presenter: v.optional(v.boolean(m('bool', got))),
  },
  '{ "kafkaLab": "run", "version": 1, ... }',
);

function issueProblem(issue: Issue): RunProblem {
  const keys = (issue.path ?? []).map((p) => p.key as string | number);
  let d: { code: string; args: Record<string, string | number> };
  try {
    d = JSON.parse(issue.message) as typeof d;
  } catch {
    d = { code: 'not-valid', args: { got: describe(issue.input) } };
  }
  const path = keys.length ? pathText(keys) : '';
  return { source: (PROBLEM_CODES as readonly string[]).includes(d.code) ? 'scenario' : 'run', code: d.code, args: d.args, path };
}

/**
 * Checks a run's JSON value, field by field: its shape, ranges and keys; an
 * inline scenario (parseScenario: structure and rules); each logged fault as a
 * scenario fault at its time. Cross-references (a broker beyond the cluster,
 * a config Kafka refuses) are checked by toRunRecord, against the scenario.
 */
export function parseRun(input: unknown): Result<RunFile> {
  try {
    if (!isObj(input) || !Object.hasOwn(input, 'kafkaLab')) return { ok: false, problem: runProblem('not-run', {}, '') };
    try {
      rejectPrototypeKeys(input);
    } catch (e) {
      if (e instanceof ScenarioError) return { ok: false, problem: { source: 'scenario', code: e.code, args: e.args, path: e.path === 'scenario' ? '' : e.path } };
      throw e;
    }
    const r = v.safeParse(Run, input, { abortEarly: true });
    if (!r.success) return { ok: false, problem: issueProblem(r.issues[0]) };
    const run = r.output as RunFile;
    const s = run.scenario as Record<string, unknown>;
    if ('preset' in s) {
      if (Object.keys(s).length !== 1) return { ok: false, problem: { source: 'scenario', code: 'unknown-field', args: { known: 'preset' }, path: `scenario.${Object.keys(s).find((k) => k !== 'preset')}` } };
      if (typeof s.preset !== 'string' || !ID.test(s.preset)) return { ok: false, problem: runProblem('bad-param', { param: 'scenario.preset', got: describe(s.preset) }, 'scenario.preset') };
    } else parseScenario(s);
    let last = 0;
    for (const [i, e] of run.log.entries()) {
      if (e.t < last) return { ok: false, problem: runProblem('log-order', { t: e.t, before: last }, `log[${i}].t`) };
      last = e.t;
      if (!e.fault === !e.change) return { ok: false, problem: { source: 'scenario', code: 'required', args: {}, path: `log[${i}].${e.fault ? 'change' : 'fault'}` } };
      if (e.fault) {
        if ('at' in e.fault) return { ok: false, problem: { source: 'scenario', code: 'unknown-field', args: { known: 'type, …' }, path: `log[${i}].fault.at` } };
        try {
          parseStructure({ faults: [{ ...e.fault, at: e.t }] });
        } catch (err) {
          if (err instanceof ScenarioError) return { ok: false, problem: fromScenarioError(new ScenarioError(err.path.replace(/^faults\[0\]\.?/, ''), err.problem, err.code, err.args), `log[${i}].fault`) };
          throw err;
        }
      }
    }
    return { ok: true, value: run };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, problem: fromScenarioError(e, 'scenario') };
    return { ok: false, problem: { source: 'scenario', code: 'not-valid', args: { got: describe(input) }, path: '' } };
  }
}

/** Reads a run file's text (JSON): a refusal rather than an exception. */
export function readRunText(text: string): Result<RunFile> {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, problem: runProblem('not-json', { reason: e instanceof Error ? e.message.slice(0, 120) : 'JSON' }) };
  }
  return parseRun(json);
}

/** Whether a file's JSON value claims to be a run (else it is read as a scenario). */
export const looksLikeRun = (x: unknown): boolean => isObj(x) && Object.hasOwn(x, 'kafkaLab');

/** The run as a file's JSON, keys in a fixed order (so two saves of one run are byte-identical). */
export function runToJSON(run: RunFile): string {
  const { kafkaLab, version, scenario, seed, log, t, lesson, step, lang, presenter } = run;
  return JSON.stringify({ kafkaLab, version, scenario, seed, log: log.map(({ t: at, fault, change }) => ({ t: at, ...(fault ? { fault } : {}), ...(change ? { change } : {}) })), t, lesson, step, lang, presenter }, null, 2) + '\n';
}
