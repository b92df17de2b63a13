/**
 * npm run sim -- scenario.json [--json] [--seed N] [--until MS] [--lang zh] [--trace out.jsonl]
 * Runs a scenario headless and prints the checker's report; --trace also
 * writes every trace event as a JSON line (see docs/scenario.md).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { parseScenario } from '../engine/scenario.ts';
import { ScenarioError } from '../engine/scenarioError.ts';
import { runScenario } from '../engine/runScenario.ts';
import { buildReport } from '../engine/report.ts';
import { formatReport } from './format.ts';
import { traceLine } from '../engine/traceExport.ts';
import type { TraceEvent } from '../engine/trace.ts';

const USAGE = 'usage: npm run sim -- <scenario.json> [--json] [--seed N] [--until MS] [--lang en|zh] [--trace out.jsonl]';

function fail(msg: string, code = 2): never {
  process.stderr.write(`error: ${msg}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  const files: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') flags.json = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n');
      return;
    } else if (a === '--seed' || a === '--until' || a === '--lang' || a === '--trace') {
      if (i + 1 >= argv.length) fail(`${a} needs a value\n${USAGE}`);
      flags[a.slice(2)] = argv[++i];
    } else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`);
    else files.push(a);
  }
  if (files.length !== 1) fail(`give exactly one scenario file\n${USAGE}`);
  let text: string;
  try {
    text = readFileSync(files[0], 'utf8');
  } catch (e) {
    fail(`cannot read ${files[0]}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`${files[0]} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    if (flags.seed !== undefined) o.seed = Number(flags.seed);
    if (flags.until !== undefined) o.until = Number(flags.until);
  }
  const lang = flags.lang === 'zh' ? 'zh' : 'en';
  if (flags.lang !== undefined && flags.lang !== 'en' && flags.lang !== 'zh') fail(`--lang must be en or zh, got ${String(flags.lang)}`);
  try {
    const scenario = parseScenario(raw);
    const sim = runScenario(scenario);
    if (typeof flags.trace === 'string') writeTrace(flags.trace, sim.ctx.trace);
    const report = buildReport(sim.ctx, { name: scenario.name, seed: scenario.seed, until: scenario.until, expect: scenario.expect }, lang);
    process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report) + '\n');
    // A scenario that states what it shows and does not show it is a failed check.
    if (report.expectations.some((e) => !e.ok)) process.exitCode = 1;
  } catch (e) {
    if (e instanceof ScenarioError) fail(`${files[0]}: ${e.message}`);
    throw e;
  }
}

/** Every trace event as one JSON line, written in chunks (a long run has millions). */
function writeTrace(file: string, trace: TraceEvent[]): void {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (e) {
    fail(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    for (let i = 0; i < trace.length; i += 10_000) {
      const lines = trace.slice(i, i + 10_000).map(traceLine);
      writeSync(fd, lines.join('\n') + '\n');
    }
  } finally {
    closeSync(fd);
  }
}

main(process.argv.slice(2));
