/**
 * npm run lessons: lists the lessons (both languages, steps, predictions),
 * runs them headless with every claim checked at its step, and fails (exit 1)
 * when a claim or a prediction does not hold.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LESSONS } from '../../src/lessons/index.ts';
import { checkLesson } from '../../src/cli/lessonReport.ts';
import type { Lesson } from '../../src/lessons/types.ts';

const root = join(import.meta.dirname, '../..');
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/lessons.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const fail = (msg: string): never => {
  throw new Error(msg);
};

describe('npm run lessons', () => {
  it('--list --json lists every lesson with its titles in both languages, its steps and its predictions', () => {
    const r = cli('--list', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { lessons: { id: string; group: string; title: { en: string; zh: string }; steps: number; predictions: { step: number; correct: number; answers: number }[] }[] };
    expect(out.lessons.map((l) => l.id)).toEqual(LESSONS.map((l) => l.id));
    expect(out.lessons.length).toBeGreaterThanOrEqual(16);
    for (const l of out.lessons) {
      expect(l.title.en.length).toBeGreaterThan(5);
      expect(l.title.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(l.steps).toBeGreaterThanOrEqual(4);
      expect(l.predictions.length).toBeGreaterThanOrEqual(1);
      for (const p of l.predictions) expect(p.correct).toBeGreaterThanOrEqual(1);
    }
  });

  it('runs a lesson headless and prints PASS for the lesson and ok for each step, exit 0', () => {
    const r = cli('--lesson', 'acks-0-1-all');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^PASS acks-0-1-all \(producer\)/);
    expect(r.stdout.match(/^ {2}ok {3}step/gm)?.length).toBe(LESSONS.find((l) => l.id === 'acks-0-1-all')!.steps.length);
    expect(r.stdout).toContain('1 of 1 lessons pass');
  });

  it('--json reports each step with the simulated time it was reached', () => {
    const r = cli('--lesson', 'acks-0-1-all', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; lessons: { ok: boolean; stepResults: { step: number; t: number; ok: boolean }[] }[] };
    expect(out.ok).toBe(true);
    expect(out.lessons[0].stepResults.map((s) => s.t)).toEqual([0, 3900, 11250, 15000]);
  });

  it('an unknown lesson is refused with the list of lessons, exit 2, no stack trace', () => {
    const r = cli('--lesson', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no lesson "nope"; the lessons are: acks-0-1-all, acks-failover');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a lesson whose narration claims what the run does not show fails at that step, and the command would exit 1', () => {
    const l = LESSONS.find((x) => x.id === 'acks-0-1-all')!;
    const wrong: Lesson = { ...l, steps: l.steps.map((s, i) => (i === 2 ? { ...s, expect: { lostAcked: 0 } } : s)) };
    const r = checkLesson(wrong, fail);
    expect(r.ok).toBe(false);
    expect(r.stepResults.filter((s) => !s.ok).map((s) => s.step)).toEqual([3]);
    expect(r.stepResults[2].failed[0]).toMatch(/^lostAcked = 0 \(got \d+\)$/);
    // The claim that revealed the prediction is gone too.
    expect(r.problems.join(' ')).toContain('step 2: neither of the next two steps');
  });
});
