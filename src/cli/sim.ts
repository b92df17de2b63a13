/**
 * npm run sim -- scenario.json [--json] [--seed N] [--until MS] [--lang en|zh-CN] [--trace out.jsonl]
 * Runs a scenario headless and prints the checker's report (run.ts does the work),
 * in the language of --lang, else of the locale (LC_ALL, LC_MESSAGES, LANG).
 */
import { runCli } from './run.ts';

const r = runCli(process.argv.slice(2), process.env);
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.code;
