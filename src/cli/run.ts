/**
 * The command line as a function: arguments in, exit code and output out.
 * sim.ts calls it with process.argv; tests call it in-process, so every
 * hostile file goes through exactly the path a user's file takes.
 */
import { readFileSync } from 'node:fs';
import { parseScenario } from '../engine/scenario.ts';
import { ScenarioError } from '../engine/scenarioError.ts';
import { checkScenarioSize, readScenarioText } from '../engine/scenarioText.ts';
import { runScenario } from '../engine/runScenario.ts';
import { buildReport } from '../engine/report.ts';
import { formatReport } from './format.ts';

export const USAGE = 'usage: npm run sim -- <scenario.json> [--json] [--seed N] [--until MS] [--lang en|zh]';

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

const fail = (msg: string, code = 2): never => {
  throw new Exit(code, `error: ${msg}\n`);
};

export function runCli(argv: string[]): CliResult {
  try {
    return main(argv);
  } catch (e) {
    if (e instanceof Exit) return { code: e.code, stdout: '', stderr: e.text };
    throw e;
  }
}

function main(argv: string[]): CliResult {
  const files: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') flags.json = true;
    else if (a === '--help' || a === '-h') return { code: 0, stdout: USAGE + '\n', stderr: '' };
    else if (a === '--seed' || a === '--until' || a === '--lang') {
      if (i + 1 >= argv.length) fail(`${a} needs a value\n${USAGE}`);
      flags[a.slice(2)] = argv[++i];
    } else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`);
    else files.push(a);
  }
  if (files.length !== 1) fail(`give exactly one scenario file\n${USAGE}`);
  const file = files[0];
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const lang = flags.lang === 'zh' ? 'zh' : 'en';
  if (flags.lang !== undefined && flags.lang !== 'en' && flags.lang !== 'zh') fail(`--lang must be en or zh, got ${String(flags.lang)}`);
  try {
    checkScenarioSize(bytes.length);
    const raw = readScenarioText(bytes.toString('utf8'));
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const o = raw as Record<string, unknown>;
      if (flags.seed !== undefined) o.seed = Number(flags.seed);
      if (flags.until !== undefined) o.until = Number(flags.until);
    }
    const scenario = parseScenario(raw);
    const sim = runScenario(scenario);
    const report = buildReport(sim.ctx, { name: scenario.name, seed: scenario.seed, until: scenario.until, expect: scenario.expect }, lang);
    // A scenario that states what it shows and does not show it is a failed check.
    return { code: report.expectations.some((e) => !e.ok) ? 1 : 0, stdout: (flags.json ? JSON.stringify(report, null, 2) : formatReport(report)) + '\n', stderr: '' };
  } catch (e) {
    if (e instanceof ScenarioError) return fail(e.code === 'not-json' ? `${file} is ${e.problem}` : `${file}: ${e.message}`);
    throw e;
  }
}
