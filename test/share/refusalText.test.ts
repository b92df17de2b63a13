/**
 * What a refusal says is a whole sentence in both languages, never a
 * placeholder: a scenario file that is not a JSON object (a list, null, a
 * number, a string) opened in the lab, and a run file whose preset or lesson
 * id is not an id. (The lab's notice once read "Reason: {reason}" and
 * "parameter "{param}" is not valid here".)
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Timeline } from '../../src/timeline/timeline.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';
import { problemText } from '../../src/i18n/index.ts';
import '../../src/i18n/catalogEn.ts';
import '../../src/i18n/zhCatalog.ts';
import { parseRun } from '../../src/share/runFile.ts';
import { runProblemLine } from '../../src/share/problemText.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';

const PLACEHOLDER = /\{\w+\}/;
const runs = join(import.meta.dirname, '../fixtures/hostile-runs');

describe('refusals in words', () => {
  for (const [input, en, zh] of [
    [[], 'must be an object, got a list', '必须是一个对象，实际是 一个列表'],
    [null, 'must be an object, got null', '必须是一个对象，实际是 null'],
    [5, 'must be an object, got 5', '必须是一个对象，实际是 5'],
    ['x', 'must be an object, got "x"', '必须是一个对象，实际是 "x"'],
  ] as const)
    it(`a scenario that is ${JSON.stringify(input)}, not an object, is refused by the lab's timeline naming what it got`, () => {
      let err: unknown;
      try {
        new Timeline(input as unknown as RawScenario);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ScenarioError);
      const e = err as ScenarioError;
      expect(e.path).toBe('scenario');
      expect(problemText('en', e.code, e.args, e.problem)).toBe(en);
      expect(problemText('zh-CN', e.code, e.args, e.problem)).toBe(zh);
    });

  it('a refusal with no code of its own says its own sentence, not "{reason}"', () => {
    expect(problemText('en', 'other', {}, 'no message 99 at this moment')).toBe('no message 99 at this moment');
    expect(problemText('en', 'other', { reason: 'given' })).toBe('given');
  });

  it('a run file whose preset, or lesson, is not an id names that field as the parameter', () => {
    const preset = parseRun(JSON.parse(readFileSync(join(runs, 'preset-script.json'), 'utf8')));
    const lesson = parseRun({ kafkaLab: 'run', version: 1, scenario: { preset: 'acks1-failover' }, seed: 7, log: [], t: 0, lesson: '<b>x</b>' });
    for (const [r, field] of [[preset, 'scenario.preset'], [lesson, 'lesson']] as const) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      for (const lang of ['en', 'zh-CN'] as const) {
        const line = runProblemLine(lang, r.problem);
        expect(line, lang).not.toMatch(PLACEHOLDER);
        expect(line, lang).toContain(`"${field}"`);
      }
    }
  });
});
