/**
 * A run file and a timeline's RunRecord, each from the other. The record holds
 * the scenario JSON after each live config change (what applyChange reads);
 * the file holds only the changes, so reading a file re-plans each change in
 * order with the same validation the lab applies when a user makes it
 * (planChange), and checks each logged fault against the scenario as if it
 * were one of its own faults (broker ids, producer and consumer names).
 */
import { planChange, withSpareMembers, type RawScenario } from '../engine/config/liveConfig.ts';
import { parseScenario } from '../engine/scenario/scenario.ts';
import { ScenarioError } from '../engine/core/scenarioError.ts';
import type { Logged } from '../timeline/commandLog.ts';
import type { RunRecord } from '../timeline/timeline.ts';
import { fromScenarioError, isPresetRef, runProblem, RUN_VERSION, type LogEntry, type Result, type RunFile, type RunProblem } from './runFile.ts';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The scenario JSON a run starts from: its preset's (through `preset`) or its own, with the run's seed. */
export function runScenario(run: RunFile, preset: (id: string) => unknown): Result<RawScenario> {
  let base: unknown = run.scenario;
  if (isPresetRef(run.scenario)) {
    base = preset(run.scenario.preset);
    if (base === undefined) return { ok: false, problem: runProblem('unknown-preset', { value: run.scenario.preset }, 'scenario.preset') };
  }
  return { ok: true, value: { ...clone(base as RawScenario), seed: run.seed } };
}

/**
 * The record a timeline replays (LabHost 'restore'), checked against its
 * scenario: a refusal names the log entry. `preset` returns a preset's
 * scenario JSON, or undefined for an id it does not know.
 */
export function toRunRecord(run: RunFile, preset: (id: string) => unknown): Result<RunRecord> {
  const s = runScenario(run, preset);
  if (!s.ok) return s;
  let raw: RawScenario;
  try {
    parseScenario(s.value);
    raw = withSpareMembers(s.value);
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, problem: fromScenarioError(e, 'scenario') };
    throw e;
  }
  const faults = Array.isArray(raw.faults) ? raw.faults.length : 0;
  const asFaults = run.log.flatMap((e) => (e.fault ? [{ ...e.fault, at: e.t }] : []));
  const where = run.log.flatMap((e, i) => (e.fault ? [i] : []));
  try {
    parseScenario({ ...raw, faults: [...((raw.faults as unknown[]) ?? []), ...asFaults] });
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const k = /^faults\[(\d+)\](.*)$/.exec(e.path);
    const i = k ? Number(k[1]) - faults : -1;
    const path = i >= 0 ? `log[${where[i]}].fault${k![2]}` : '';
    return { ok: false, problem: path ? { ...fromScenarioError(e, 'x'), path } : fromScenarioError(e, 'scenario') };
  }
  const log: Logged[] = [];
  let now = raw;
  for (const [i, e] of run.log.entries()) {
    if (e.fault) {
      log.push({ t: e.t, fault: clone(e.fault) });
      continue;
    }
    const plan = planChange(now, e.change!);
    if (!plan.ok) return { ok: false, problem: { ...refusal(plan), path: `log[${i}].change` } };
    if (plan.mode === 'new-run') return { ok: false, problem: runProblem('change-new-run', { key: e.change!.key }, `log[${i}].change`) };
    now = plan.raw;
    log.push({ t: e.t, change: clone(e.change!), raw: plan.raw });
  }
  return { ok: true, value: { raw, log } };
}

function refusal(plan: { code: string; args: Record<string, string | number>; where: string; reason: string }): RunProblem {
  return { ...fromScenarioError(new ScenarioError(plan.where, plan.reason, plan.code, plan.args), 'x'), args: { ...plan.args } };
}

export interface RunMeta {
  t: number;
  /** The preset the record's scenario is (same JSON, seed aside), or undefined for an inline scenario. */
  preset?: string;
  lesson?: string;
  step?: number;
  lang?: 'en' | 'zh-CN';
  presenter?: boolean;
}

/** A timeline's record as a run file (the log without the derived scenario copies). */
export function fromRunRecord(rec: RunRecord, meta: RunMeta): RunFile {
  const seed = typeof rec.raw.seed === 'number' ? rec.raw.seed : 1;
  const log: LogEntry[] = rec.log.map((e) => ({ t: e.t, ...(e.fault ? { fault: clone(e.fault) } : {}), ...(e.change ? { change: clone(e.change) } : {}) }));
  const run: RunFile = { kafkaLab: 'run', version: RUN_VERSION, scenario: meta.preset ? { preset: meta.preset } : clone(rec.raw), seed, log, t: Math.max(0, Math.round(meta.t)) };
  if (meta.lesson) run.lesson = meta.lesson;
  if (meta.step !== undefined && meta.lesson) run.step = meta.step;
  if (meta.lang) run.lang = meta.lang;
  if (meta.presenter) run.presenter = true;
  return run;
}

/** Whether a record's scenario is this preset's JSON (any seed): then a link can name the preset instead of carrying it. */
export function isPresetScenario(raw: RawScenario, presetRaw: unknown): boolean {
  if (typeof presetRaw !== 'object' || presetRaw === null) return false;
  try {
    const a = { ...withSpareMembers(clone(presetRaw as RawScenario)), seed: 0 };
    const b = { ...raw, seed: 0 };
    return canonical(a) === canonical(b);
  } catch {
    return false;
  }
}

function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(x);
}
