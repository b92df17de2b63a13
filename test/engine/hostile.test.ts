/**
 * The hostile-input corpus (test/fixtures/hostile): every file is refused with
 * a message that names the field, exit code 2 and no stack trace, through the
 * CLI's own code path (runCli, in-process) and, for a handful, a real `npm run sim`.
 * expected.json maps each file to the field its message must name.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.ts';
import { MAX_SCENARIO_BYTES } from '../../src/engine/scenario/scenarioText.ts';
import { testTempDir } from '../support/tempDir.ts';

const root = join(import.meta.dirname, '../..');
const dir = join(root, 'test/fixtures/hostile');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string>;
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'expected.json');
const STACK = /\n\s+at /;

describe('hostile scenario files', () => {
  it('the corpus has at least 60 files, each with the field its refusal must name', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    expect(files.filter((f) => !(f in expected))).toEqual([]);
  });

  it.each(files)('%s is refused naming the field, without a stack trace', (f) => {
    const r = runCli([join(dir, f)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toContain(expected[f]);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a file above the size limit is refused before it is parsed', () => {
    const f = join(testTempDir('krl-'), 'big.json');
    writeFileSync(f, JSON.stringify({ description: 'x'.repeat(MAX_SCENARIO_BYTES) }));
    const r = runCli([f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/may be at most 1048576 bytes/);
  });

  it('a UTF-8 byte-order mark is accepted, as the browser accepts it', () => {
    const f = join(testTempDir('krl-'), 'bom.json');
    writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ until: 2000, producers: [{ count: 5 }], expect: { produced: 5 } }))]));
    const r = runCli([f]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a real `npm run sim` process refuses a few of them the same way', () => {
    for (const f of ['json-truncated.json', 'fault-misspelt-field.json', 'topic-name-space.json', 'producers-duplicate.json']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/sim.ts'), join(dir, f)], { cwd: root, encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C' } });
      expect(r.status, f).toBe(2);
      expect(r.stderr).toContain(expected[f]);
      expect(r.stderr).not.toMatch(STACK);
    }
  });
});
