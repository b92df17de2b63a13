/**
 * npm run whatif's options, read and checked: the language first (--lang, else
 * LC_ALL / LC_MESSAGES / LANG as other command-line tools read them), so that
 * every refusal after it is said in the user's language.
 */
import { parseArgs } from 'node:util';
import { translate, type Lang, type MessageKey } from '../i18n/index.ts';
import { cliLang } from './cliLang.ts';
import { DEFAULT_MODEL, parseKinds, type FaultModel } from '../whatif/faultModel.ts';
import { parseVary, SettingError, type Vary } from '../whatif/settings.ts';
import { GUARANTEES, type Guarantee } from '../whatif/runOne.ts';

export { cliLang, envLang } from './cliLang.ts';

/** A refusal, already in the user's language: the CLI prints it after "error:" and exits with 2. */
export class UsageError extends Error {}

export interface WhatIfArgs {
  lang: Lang;
  file: string;
  runs: number;
  seed: number;
  workers: number | undefined;
  /** null: the scenario's own faults. */
  model: FaultModel | null;
  vary: Vary[];
  search: Guarantee | undefined;
  out: string | undefined;
  json: boolean;
  help: boolean;
}

export const usage = (lang: Lang): string => translate(lang, 'whatifCli.usage', { guarantees: GUARANTEES.join('|') });

export function readArgs(argv: string[], env: Record<string, string | undefined>): WhatIfArgs {
  const { lang, bad } = cliLang(argv, env);
  const refuse = (key: MessageKey, args?: Record<string, string | number>, withUsage = false): never => {
    throw new UsageError(translate(lang, key, args) + (withUsage ? `\n${usage(lang)}` : ''));
  };
  if (bad !== undefined) refuse('whatifCli.badLang', { got: bad });
  let parsed!: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    // node:util says it in English: an unknown option, or one given without its value.
    const option = /'(-[^' ]*)/.exec((e as Error).message)?.[1] ?? '';
    const takesNoValue = /does not take an argument/.test((e as Error).message);
    refuse((e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 'cli.unknownOption' : takesNoValue ? 'whatifCli.noValue' : 'cli.needsValue', { option }, true);
  }
  const { values: o, positionals } = parsed;
  const base = { lang, json: o.json ?? false, help: o.help ?? false };
  if (o.help) return { ...base, file: '', runs: 0, seed: 0, workers: undefined, model: null, vary: [], search: undefined, out: undefined };
  if (positionals.length !== 1) refuse('cli.oneFile', undefined, true);
  const whole = (v: string | undefined, option: string, dflt: number, min = 1): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > 10_000_000) refuse('whatifCli.badNumber', { option, min, got: v });
    return n;
  };
  const setting = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof SettingError) refuse(`whatifCli.${e.code}`, e.args);
      throw e;
    }
  };
  let model: FaultModel | null = o.faults !== undefined && o.faults !== 'scenario' ? { ...DEFAULT_MODEL, kinds: setting(() => parseKinds(o.faults!)) } : null;
  if (o.search !== undefined && !(GUARANTEES as readonly string[]).includes(o.search)) refuse('whatifCli.badSearch', { list: GUARANTEES.join(', '), got: o.search });
  if (o.search !== undefined && !model) model = { ...DEFAULT_MODEL };
  if (model) {
    const rate = o.rate === undefined ? model.rate : Number(o.rate);
    if (!(rate > 0 && rate <= 600)) refuse('whatifCli.badRate', { got: String(o.rate) });
    model = { ...model, rate, maxFaults: whole(o['max-faults'], '--max-faults', model.maxFaults), maxDown: whole(o['max-down'], '--max-down', 0, 0) || Infinity };
  }
  const vary = (o.vary ?? []).map((v) => setting(() => parseVary(v)));
  if (o.search === undefined && vary.length === 0) refuse('whatifCli.noVary', undefined, true);
  return {
    ...base,
    file: positionals[0],
    runs: whole(o.runs, '--runs', 200),
    seed: whole(o.seed, '--seed', 1, 0),
    workers: whole(o.workers, '--workers', 0, 0) || undefined,
    model,
    vary,
    search: o.search as Guarantee | undefined,
    out: o.out,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
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
      lang: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
