/**
 * npm run sim -- scenario.json [--json] [--seed N] [--until MS] [--lang zh]
 * Runs a scenario headless and prints the checker's report (run.ts does the work).
 */
import { runCli } from './run.ts';

const r = runCli(process.argv.slice(2));
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.code;
