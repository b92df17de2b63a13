/**
 * A scenario file's JSON error is located by our own scanner (JSON.parse's
 * message is English only and, in newer V8, has no position): it must agree
 * with JSON.parse on what is JSON, and name the line, the column and what
 * was expected, said in English and 中文.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonSyntaxError } from '../../src/engine/scenario/jsonSyntax.ts';
import { readScenarioText, decodeScenarioBytes } from '../../src/engine/scenario/scenarioText.ts';
import { readScenarioTextLocated } from '../../src/state/scenarioFile.ts';
import { ScenarioError } from '../../src/engine/core/scenarioError.ts';
import { problemText } from '../../src/i18n/index.ts';

const parses = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

/** Valid JSON texts, then damaged by one edit: most edits break them, some do not. */
const damaged = fc
  .tuple(fc.json(), fc.nat(), fc.constantFrom('', '"', ',', '}', ']', '{', '[', ':', '\\', '-', '0', '.', 'e', 't', ' ', '\n', '\u0001', '/'), fc.boolean())
  .map(([s, at, ch, replace]) => {
    const i = s.length ? at % (s.length + 1) : 0;
    return s.slice(0, i) + ch + s.slice(replace ? i + 1 : i);
  });

describe('jsonSyntaxError', () => {
  it('is null exactly when JSON.parse accepts the text (valid JSON, damaged JSON and any string)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), damaged, fc.string()), (s) => {
        expect(jsonSyntaxError(s) === null).toBe(parses(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('names the line, the column, what was expected and what was found', () => {
    expect(jsonSyntaxError('{\n  "until": 2000,\n}')).toEqual({ line: 3, column: 1, expected: 'key', found: '}' });
    expect(jsonSyntaxError('{"a": 1 "b": 2}')).toEqual({ line: 1, column: 9, expected: 'comma-or-brace', found: '"' });
    expect(jsonSyntaxError('[1, 2')).toEqual({ line: 1, column: 6, expected: 'comma-or-bracket', found: '' });
    expect(jsonSyntaxError("{'a': 1}")).toEqual({ line: 1, column: 2, expected: 'key', found: "'" });
    expect(jsonSyntaxError('{"a": NaN}')).toEqual({ line: 1, column: 7, expected: 'value', found: 'N' });
    expect(jsonSyntaxError('{} x')).toEqual({ line: 1, column: 4, expected: 'end', found: 'x' });
    expect(jsonSyntaxError('"a\\x"')).toEqual({ line: 1, column: 4, expected: 'escape', found: 'x' });
    expect(jsonSyntaxError('')).toEqual({ line: 1, column: 1, expected: 'value', found: '' });
  });

  it('a million opening brackets are a located error, not a stack overflow', () => {
    expect(jsonSyntaxError('['.repeat(1_000_000))).toEqual({ line: 1, column: 1_000_001, expected: 'value', found: '' });
  });
});

describe('a scenario file that is not JSON, or not UTF-8', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof ScenarioError) return { en: problemText('en', e.code, e.args, e.problem), zh: problemText('zh-CN', e.code, e.args, e.problem) };
    }
    throw new Error('not refused');
  };

  it('is refused with the place and what was expected, in English and in 中文 without English words', () => {
    const r = refusal(() => readScenarioText('{\n  "until": 2000,\n}', jsonSyntaxError));
    expect(r.en).toBe('not valid JSON: at line 3, column 1, a field name in double quotes was expected, but "}" was found');
    expect(r.zh).toBe('不是有效的 JSON：第 3 行第 1 列应为双引号括起的字段名，却是“}”');
    expect(refusal(() => readScenarioText('{"a": 1', jsonSyntaxError)).en).toContain('"," or "}" was expected, but the end of the file was found');
  });

  it('a UTF-16 file is refused as UTF-16, bytes that are not UTF-8 as such, and two byte-order marks as a stray character', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'{}'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(refusal(() => decodeScenarioBytes(utf16)).en).toBe('UTF-16LE text, not UTF-8: save the file as UTF-8');
    expect(refusal(() => decodeScenarioBytes(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))).zh).toBe('不是 UTF-8 文本：请把文件另存为 UTF-8');
    const twoBoms = new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
    expect(refusal(() => readScenarioText(decodeScenarioBytes(twoBoms), jsonSyntaxError)).en).toBe('not valid JSON: at line 1, column 1, a value was expected, but a control character (U+FEFF) was found');
    const oneBom = new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
    expect(readScenarioText(decodeScenarioBytes(oneBom))).toEqual({});
  });
});

describe('the browser’s reading', () => {
  it('locates the error the same way, loading the locator only for a text that is not JSON', async () => {
    await expect(readScenarioTextLocated('{"until": 2000}')).resolves.toEqual({ until: 2000 });
    const e = await readScenarioTextLocated('{"until": 2000,}').then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).args).toEqual({ line: 1, column: 16, expected: 'key', found: '}' });
  });
});
