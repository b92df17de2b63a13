/**
 * The command line as a function: arguments in, exit code and output out.
 * sim.ts calls it with process.argv; tests call it in-process, so every
 * hostile file goes through exactly the path a user's file takes.
 */
import { basename } from 'node:path';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { traceLine } from '../engine/checker/traceExport.ts';
import type { TraceEvent } from '../engine/core/trace.ts';
import { parseScenario } from '../engine/scenario/scenario.ts';
import { ScenarioError } from '../engine/core/scenarioError.ts';
import { decodeScenarioBytes, readScenarioText } from '../engine/scenario/scenarioText.ts';
import { jsonSyntaxError } from '../engine/scenario/jsonSyntax.ts';
import { runScenario } from '../engine/sim/runScenario.ts';
import { buildReport } from '../engine/checker/report.ts';
import { reportWithText } from '../i18n/report.ts';
import { problemText, translate, type Lang } from '../i18n/index.ts';
import '../i18n/catalogEn.ts';
import '../i18n/zhCatalog.ts';
import { scenarioName } from '../i18n/scenarioText.ts';
import { formatReport } from './format.ts';
import { looksLikeRun, parseRun } from '../share/runFile.ts';
import { toRunRecord } from '../share/runRecord.ts';
import { runProblemLine } from '../share/problemText.ts';
import { Timeline } from '../timeline/timeline.ts';
import { presetScenario } from './presetFiles.ts';
import { cliLang } from './cliLang.ts';
import type { Simulation } from '../engine/sim/simulation.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import { traceEvents } from '../engine/core/traceLog.ts';

export const USAGE = translate('en', 'cli.usage');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Exit extends Error {
  constructor(readonly code: number, readonly text: string) {
    super(text);
  }
}

let lang: Lang = 'en';

const fail = (msg: string, code = 2): never => {
  throw new Exit(code, `${translate(lang, 'cli.error', { message: msg })}\n`);
};

/** `env`: the environment whose locale picks the language when --lang is not given (sim.ts passes process.env; tests their own). */
export function runCli(argv: string[], env: Record<string, string | undefined> = {}): CliResult {
  try {
    return main(argv, env);
  } catch (e) {
    if (e instanceof Exit) return { code: e.code, stdout: '', stderr: e.text };
    throw e;
  }
}

/** A bundled example's name in the CLI's language (its file keeps the English); any other file's name as written. */
function bundledName(file: string, name: string): string {
  const id = basename(file).replace(/\.json$/, '');
  return scenarioName('en', id, '') === name ? scenarioName(lang, id, name) : name;
}

function main(argv: string[], env: Record<string, string | undefined>): CliResult {
  const chosen = cliLang(argv, env);
  lang = chosen.lang;
  const usage = translate(lang, 'cli.usage');
  if (chosen.bad) fail(translate(lang, 'cli.badLang', { got: chosen.bad }));
  const files: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') flags.json = true;
    else if (a === '--help' || a === '-h') return { code: 0, stdout: usage + '\n', stderr: '' };
    else if (a.startsWith('--lang=')) flags.lang = a.slice('--lang='.length);
    else if (a === '--seed' || a === '--until' || a === '--lang' || a === '--trace') {
      if (i + 1 >= argv.length) fail(`${translate(lang, 'cli.needsValue', { option: a })}\n${usage}`);
      flags[a.slice(2)] = argv[++i];
    } else if (a.startsWith('--')) fail(`${translate(lang, 'cli.unknownOption', { option: a })}\n${usage}`);
    else files.push(a);
  }
  if (files.length !== 1) fail(`${translate(lang, 'cli.oneFile')}\n${usage}`);
  const file = files[0];
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(translate(lang, 'cli.cannotRead', { file, code: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
  try {
    const raw = readScenarioText(decodeScenarioBytes(bytes), jsonSyntaxError);
    const done = (scenario: Scenario, sim: Simulation): CliResult => {
      // --json is for programs: the locale does not change it; its stories' `text` follows an explicit --lang only (docs/scenario.md).
      const textLang = flags.json && flags.lang === undefined ? 'en' : lang;
      const report = reportWithText(buildReport(sim.ctx, { name: scenario.name, seed: scenario.seed, until: scenario.until, expect: scenario.expect }), textLang);
      // A scenario that states what it shows and does not show it is a failed check.
      return { code: report.expectations.some((e) => !e.ok) ? 1 : 0, stdout: (flags.json ? JSON.stringify(report, null, 2) : formatReport({ ...report, scenario: bundledName(file, scenario.name) }, 5, lang)) + '\n', stderr: '' };
    };
    if (looksLikeRun(raw)) {
      const { scenario, sim } = replayRun(raw, file, flags);
      if (typeof flags.trace === 'string') {
        const out = openTrace(flags.trace, lang);
        try {
          writeTrace(out, traceEvents(sim.ctx.trace));
        } finally {
          closeSync(out);
        }
      }
      return done(scenario, sim);
    }
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const o = raw as Record<string, unknown>;
      if (flags.seed !== undefined) o.seed = Number(flags.seed);
      if (flags.until !== undefined) o.until = Number(flags.until);
    }
    const scenario = parseScenario(raw);
    // The trace file is written as the run goes, and detail events are let go once written: a long run's memory stays bounded.
    const out = typeof flags.trace === 'string' ? openTrace(flags.trace, lang) : -1;
    let sim;
    try {
      sim = runScenario(scenario, { bounded: true, traceSink: out >= 0 ? (events) => writeTrace(out, events) : undefined });
    } finally {
      if (out >= 0) closeSync(out);
    }
    return done(scenario, sim);
  } catch (e) {
    if (e instanceof ScenarioError) {
      const said = problemText(lang, e.code, e.args, e.problem);
      return fail(e.code === 'not-json' || e.code === 'not-utf8' ? translate(lang, 'cli.fileIs', { file, problem: said }) : translate(lang, 'cli.fileProblem', { file, message: e.path ? `${e.path}: ${said}` : said }));
    }
    throw e;
  }
}

/**
 * A run file (src/share/runFile.ts): its scenario with its seed, the command
 * log re-applied at its times by a Timeline, exactly as the lab replays it,
 * run to the scenario's `until`. --seed and --until apply as for a scenario.
 */
function replayRun(raw: unknown, file: string, flags: Record<string, string | true>): { scenario: Scenario; sim: Simulation } {
  const parsed = parseRun(raw);
  const rec = parsed.ok ? toRunRecord(parsed.value, presetScenario) : parsed;
  if (!rec.ok) return fail(translate(lang, 'cli.fileProblem', { file, message: runProblemLine(lang, rec.problem) }));
  const base = { ...rec.value.raw };
  if (flags.seed !== undefined) base.seed = Number(flags.seed);
  if (flags.until !== undefined) base.until = Number(flags.until);
  const tl = new Timeline(base, {}, rec.value.log);
  tl.advanceTo(tl.scenario.until);
  return { scenario: tl.scenario, sim: tl.sim };
}

function openTrace(file: string, lang: Lang): number {
  try {
    return openSync(file, 'w');
  } catch (e) {
    return fail(translate(lang, 'cli.traceFailed', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
}

/** Trace events as JSON lines (t, type, node, fields), written in chunks: a long run has millions. */
function writeTrace(fd: number, trace: TraceEvent[]): void {
  for (let i = 0; i < trace.length; i += 10_000) writeSync(fd, trace.slice(i, i + 10_000).map(traceLine).join('\n') + '\n');
}

