/**
 * npm run lessons [-- --json] [--list] [--lesson ID]
 *
 * Lists the lessons and runs each one headless, as the lab's lesson player
 * does: every claim of every step is checked where the step is reached, the
 * whole run's claims at its end, and each prediction must be revealed by the
 * run (src/lessons/predictions.ts). Prints pass or fail per lesson and step;
 * exits 1 if anything fails, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { LESSONS } from '../lessons/index.ts';
import { checkLesson, describeLesson } from './lessonReport.ts';

const USAGE = 'usage: npm run lessons -- [--json] [--list] [--lesson ID]';

function fail(msg: string): never {
  process.stderr.write(`error: ${msg}\n`);
  process.exit(2);
}

function main(): void {
  // `npm run lessons | head` closes the pipe early: stop quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
  let o: { json?: boolean; list?: boolean; lesson?: string; help?: boolean };
  try {
    o = parseArgs({ options: { json: { type: 'boolean' }, list: { type: 'boolean' }, lesson: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (o.help) return void process.stdout.write(USAGE + '\n');
  const chosen = o.lesson === undefined ? LESSONS : LESSONS.filter((l) => l.id === o.lesson);
  if (chosen.length === 0) fail(`no lesson "${o.lesson}"; the lessons are: ${LESSONS.map((l) => l.id).join(', ')}`);

  if (o.list) {
    if (o.json) process.stdout.write(JSON.stringify({ lessons: chosen.map(describeLesson) }, null, 2) + '\n');
    else for (const l of chosen) process.stdout.write(`${l.id.padEnd(30)} ${l.group.padEnd(10)} ${String(l.steps.length).padStart(2)} steps, ${l.steps.filter((s) => s.predict).length} prediction(s)  ${l.title.en} / ${l.title.zh}\n`);
    return;
  }

  const results = chosen.map((l) => checkLesson(l, fail));
  const ok = results.every((r) => r.ok);
  if (o.json) process.stdout.write(JSON.stringify({ ok, lessons: results }, null, 2) + '\n');
  else {
    for (const r of results) {
      process.stdout.write(`${r.ok ? 'PASS' : 'FAIL'} ${r.id} (${r.group}): ${r.title.en} / ${r.title.zh}, ${r.steps} steps, ${r.predictions.length} prediction(s)\n`);
      for (const s of r.stepResults) process.stdout.write(`  ${s.ok ? 'ok  ' : 'FAIL'} step ${String(s.step).padStart(2)} at ${((s.t ?? 0) / 1000).toFixed(3)} s (${s.trigger})${s.failed.length ? `: ${s.failed.join('; ')}` : ''}\n`);
      for (const f of r.failedAtEnd) process.stdout.write(`  FAIL end of run: ${f}\n`);
      for (const p of r.problems) process.stdout.write(`  FAIL ${p}\n`);
    }
    const failed = results.filter((r) => !r.ok).length;
    process.stdout.write(`${results.length - failed} of ${results.length} lessons pass\n`);
  }
  process.exitCode = ok ? 0 : 1;
}

main();
