/**
 * npm run whatif -- SCENARIO.json --vary acks=1,all [--vary min.insync.replicas=1,2]
 *   [--faults crash,restart,power-loss] [--rate N] [--max-faults N] [--max-down N]
 *   [--runs N] [--seed S] [--workers N] [--json]
 * npm run whatif -- SCENARIO.json --search lostAcked [--faults ...] [--runs N] [--out FILE]
 *
 * The what-if matrix and the counterexample search of docs/whatif.md, on a
 * pool of worker threads (one per core).
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { ScenarioError } from '../engine/core/scenarioError.ts';
import { aggregate, planMatrix, type Faults } from '../whatif/matrix.ts';
import { DEFAULT_MODEL, parseKinds, type FaultModel } from '../whatif/faultModel.ts';
import { parseVary, SettingError } from '../whatif/settings.ts';
import { GUARANTEES, type Guarantee } from '../whatif/runOne.ts';
import { searchCounterexample } from '../whatif/search.ts';
import { createPool } from './whatifPool.ts';
import { readScenarioFile } from './readScenario.ts';
import { formatMatrix, formatSearch } from './whatifFormat.ts';

const USAGE = `usage: npm run whatif -- <scenario.json> --vary KEY=V1,V2 [--vary ...] [--faults KINDS] [--rate N] [--max-faults N] [--max-down N] [--runs N] [--seed S] [--workers N] [--json]
       npm run whatif -- <scenario.json> --search ${GUARANTEES.join('|')} [--faults KINDS] [--runs N] [--seed S] [--out FILE] [--json]`;

function fail(msg: string): never {
  process.stderr.write(`error: ${msg}\n`);
  process.exit(2);
}

function positiveInt(v: string | undefined, name: string, dflt: number, min = 1): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > 10_000_000) fail(`${name} must be a whole number from ${min}, got "${v}"`);
  return n;
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const { values: o, positionals } = args;
  if (o.help) return void process.stdout.write(USAGE + '\n');
  if (positionals.length !== 1) fail(`give exactly one scenario file\n${USAGE}`);
  const file = positionals[0];
  const raw = readScenarioFile(file, fail);
  const runs = positiveInt(o.runs, '--runs', 200);
  const seed = positiveInt(o.seed, '--seed', 1, 0);
  const workers = positiveInt(o.workers, '--workers', 0, 0) || undefined;
  let model: FaultModel | null = null;
  try {
    if (o.faults !== undefined && o.faults !== 'scenario') model = { ...DEFAULT_MODEL, kinds: parseKinds(o.faults) };
  } catch (e) {
    fail((e as Error).message);
  }
  if (o.search !== undefined && !model) model = { ...DEFAULT_MODEL };
  if (model) {
    const rate = o.rate === undefined ? model.rate : Number(o.rate);
    if (!(rate > 0 && rate <= 600)) fail(`--rate must be a number of faults per simulated minute above 0, up to 600, got "${o.rate}"`);
    model = { ...model, rate, maxFaults: positiveInt(o['max-faults'], '--max-faults', model.maxFaults), maxDown: positiveInt(o['max-down'], '--max-down', 0, 0) || Infinity };
  }
  const pool = createPool(workers);
  const started = performance.now();
  const progress = (done: number, total: number) => {
    if (!process.stderr.isTTY) return;
    const s = (performance.now() - started) / 1000;
    process.stderr.write(`\r${done}/${total} runs, ${Math.round(done / Math.max(s, 0.001))} runs/s `);
  };
  try {
    if (o.search !== undefined) {
      if (!(GUARANTEES as readonly string[]).includes(o.search)) fail(`--search must be one of ${GUARANTEES.join(', ')}, got "${o.search}"`);
      let done = 0;
      const result = await searchCounterexample({ scenario: raw, model: model!, guarantee: o.search as Guarantee, runs, seed }, (jobs) => pool.run(jobs, (n) => progress(Math.min((done += n), runs), runs)), undefined, pool.size);
      let out: string | null = null;
      if (result.counterexample) {
        const name = typeof raw.name === 'string' ? raw.name : file;
        const how = `Found by npm run whatif -- --search ${o.search} --seed ${seed}: run ${result.runsTried} broke it; shrunk to ${result.faults.length} fault(s), then the recovery (heal the network, restart every broker).`;
        const { name: _n, description: _d, ...rest } = result.counterexample;
        result.counterexample = { name: `${name}: counterexample for ${o.search}`, description: how, ...rest };
        out = o.out ?? `counterexample-${o.search}.json`;
        writeFileSync(out, JSON.stringify(result.counterexample, null, 2) + '\n');
      }
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stdout.write(o.json ? JSON.stringify({ ...result, file: out }, null, 2) + '\n' : formatSearch(result, out) + '\n');
      return;
    }
    const vary = (o.vary ?? []).map((v) => {
      try {
        return parseVary(v);
      } catch (e) {
        return fail((e as Error).message);
      }
    });
    if (vary.length === 0) fail(`give at least one --vary KEY=V1,V2 (or --search)\n${USAGE}`);
    const faults: Faults = model ? { mode: 'random', model } : { mode: 'scenario' };
    const { cells, jobs } = planMatrix({ scenario: raw, vary, faults, runs, seed });
    let done = 0;
    const outcomes = await pool.run(jobs, (n) => progress((done += n), jobs.length));
    const seconds = (performance.now() - started) / 1000;
    if (process.stderr.isTTY) process.stderr.write('\n');
    const result = { scenario: file, runs, seed, faults: model ? { kinds: model.kinds, rate: model.rate, maxFaults: model.maxFaults, maxDown: Number.isFinite(model.maxDown) ? model.maxDown : null } : 'scenario', cells: aggregate(cells, jobs, outcomes), runsPerSecond: Math.round(jobs.length / seconds) };
    process.stdout.write(o.json ? JSON.stringify(result, null, 2) + '\n' : formatMatrix(result) + '\n');
  } catch (e) {
    // A refused setting names its field; a run that failed (e.g. one that stopped making progress) says why.
    if (e instanceof ScenarioError || e instanceof SettingError) fail(`${file}: ${e.message}`);
    fail(`${file}: a run failed: ${(e as Error).message}`);
  } finally {
    await pool.close();
  }
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      vary: { type: 'string', multiple: true },
      faults: { type: 'string' },
      rate: { type: 'string' },
      'max-faults': { type: 'string' },
      'max-down': { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      search: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

void main();
