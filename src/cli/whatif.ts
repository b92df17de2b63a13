/**
 * npm run whatif -- SCENARIO.json --vary acks=1,all [--vary min.insync.replicas=1,2]
 *   [--faults crash,restart,power-loss] [--rate N] [--max-faults N] [--max-down N]
 *   [--runs N] [--seed S] [--workers N] [--lang en|zh-CN] [--json]
 * npm run whatif -- SCENARIO.json --search lostAcked [--faults ...] [--runs N] [--out FILE]
 *
 * The what-if matrix and the counterexample search of docs/whatif.md, on a
 * pool of worker threads (one per core), in English or 中文 (whatifArgs.ts).
 */
import { writeFileSync } from 'node:fs';
import { ScenarioError } from '../engine/core/scenarioError.ts';
import { aggregate, planMatrix } from '../whatif/matrix.ts';
import { searchCounterexample } from '../whatif/search.ts';
import { problemText, translate, type Lang } from '../i18n/index.ts';
import '../i18n/catalogEn.ts';
import '../i18n/zhCatalog.ts';
import { createPool, type Pool } from './whatifPool.ts';
import { readScenarioFile } from './readScenario.ts';
import { formatMatrix, formatSearch } from './whatifFormat.ts';
import { cliLang, readArgs, usage, UsageError, type WhatIfArgs } from './whatifArgs.ts';

let lang: Lang = cliLang(process.argv.slice(2), process.env).lang;

function fail(msg: string): never {
  process.stderr.write(`${translate(lang, 'cli.error', { message: msg })}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let a: WhatIfArgs;
  try {
    a = readArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (e instanceof UsageError) fail(e.message);
    throw e;
  }
  lang = a.lang;
  if (a.help) return void process.stdout.write(usage(lang) + '\n');
  const raw = readScenarioFile(a.file, fail, lang);
  const pool = createPool(a.workers);
  try {
    await (a.search ? search(a, raw, pool) : matrix(a, raw, pool));
  } catch (e) {
    // A refused setting names its field in the user's language; a run that failed (e.g. one that stopped making progress) says why.
    if (e instanceof ScenarioError) fail(translate(lang, 'cli.fileProblem', { file: a.file, message: e.path ? `${e.path}: ${problemText(lang, e.code, e.args, e.problem)}` : problemText(lang, e.code, e.args, e.problem) }));
    if (e instanceof UsageError) fail(e.message);
    fail(translate(lang, 'whatifCli.runFailed', { file: a.file, reason: (e as Error).message }));
  } finally {
    await pool.close();
  }
}

/** A progress line on a terminal, rewritten in place. */
function progressLine(): { show: (done: number, total: number) => void; end: () => void } {
  const started = performance.now();
  return {
    show(done, total) {
      if (!process.stderr.isTTY) return;
      const rate = Math.round(done / Math.max((performance.now() - started) / 1000, 0.001));
      process.stderr.write(`\r${translate(lang, 'whatifCli.progress', { done, total, rate })} `);
    },
    end: () => void (process.stderr.isTTY && process.stderr.write('\n')),
  };
}

async function search(a: WhatIfArgs, raw: Record<string, unknown>, pool: Pool): Promise<void> {
  const guarantee = a.search!;
  const p = progressLine();
  let done = 0;
  const result = await searchCounterexample({ scenario: raw, model: a.model!, guarantee, runs: a.runs, seed: a.seed }, (jobs) => pool.run(jobs, (n) => p.show(Math.min((done += n), a.runs), a.runs)), undefined, pool.size);
  let out: string | null = null;
  if (result.counterexample) {
    const name = typeof raw.name === 'string' ? raw.name : a.file;
    const how = translate(lang, 'whatifCli.ceHow', { guarantee, seed: a.seed, run: result.runsTried, faults: result.faults.length });
    const { name: _n, description: _d, ...rest } = result.counterexample;
    result.counterexample = { name: translate(lang, 'whatifCli.ceName', { name, guarantee }), description: how, ...rest };
    out = a.out ?? `counterexample-${guarantee}.json`;
    try {
      writeFileSync(out, JSON.stringify(result.counterexample, null, 2) + '\n');
    } catch (e) {
      throw new UsageError(translate(lang, 'whatifCli.cannotWrite', { file: out, reason: (e as NodeJS.ErrnoException).code ?? String(e) }));
    }
  }
  p.end();
  process.stdout.write(a.json ? JSON.stringify({ ...result, file: out }, null, 2) + '\n' : formatSearch(lang, result, out) + '\n');
}

async function matrix(a: WhatIfArgs, raw: Record<string, unknown>, pool: Pool): Promise<void> {
  const started = performance.now();
  const { cells, jobs } = planMatrix({ scenario: raw, vary: a.vary, faults: a.model ? { mode: 'random', model: a.model } : { mode: 'scenario' }, runs: a.runs, seed: a.seed });
  const p = progressLine();
  let done = 0;
  const outcomes = await pool.run(jobs, (n) => p.show((done += n), jobs.length));
  const runsPerSecond = Math.round(jobs.length / ((performance.now() - started) / 1000));
  p.end();
  const m = a.model;
  const faults = m ? { kinds: m.kinds, rate: m.rate, maxFaults: m.maxFaults, maxDown: Number.isFinite(m.maxDown) ? m.maxDown : null } : 'scenario';
  const result = { scenario: a.file, runs: a.runs, seed: a.seed, faults, cells: aggregate(cells, jobs, outcomes), runsPerSecond };
  process.stdout.write(a.json ? JSON.stringify(result, null, 2) + '\n' : formatMatrix(lang, { ...result, model: m }) + '\n');
}

void main();
