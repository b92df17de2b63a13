/**
 * Share links: a run survives the URL (readable parameters for a preset, a
 * packed run otherwise); a run too long for a link says so; every hostile
 * link decodes to a named problem and never throws.
 */
import { describe, expect, it } from 'vitest';
import { decodeRun, encodeRun, MAX_LINK_CHARS, pack } from '../../src/share/link.ts';
import type { RunFile } from '../../src/share/runFile.ts';
import { presetScenario } from '../../src/cli/presetFiles.ts';

const PRESET_RUN: RunFile = {
  kafkaLab: 'run',
  version: 1,
  scenario: { preset: 'acks1-failover' },
  seed: 7,
  log: [
    { t: 4000, fault: { type: 'crash', broker: { leaderOf: 'orders-0' } } },
    { t: 6000, change: { scope: 'producer', producer: 'p1', key: 'acks', value: 'all' } },
  ],
  t: 9000,
  lesson: 'acks',
  step: 3,
  lang: 'zh-CN',
  presenter: true,
};

async function problemOf(query: string) {
  const d = await decodeRun(query);
  expect(d.kind).toBe('problem');
  return d.kind === 'problem' ? d.problem : null;
}

describe('share link', () => {
  it('keeps a preset run readable and gives it back whole', async () => {
    const e = await encodeRun(PRESET_RUN);
    expect(e.ok).toBe(true);
    if (!e.ok) return;
    expect(e.query).toMatch(/^scenario=acks1-failover&seed=7&t=9000&log=[\w-]+&lesson=acks&step=3&lang=zh-CN&presenter=1$/);
    expect(await decodeRun(`?${e.query}`)).toEqual({ kind: 'run', run: PRESET_RUN });
  });

  it('packs a run on its own scenario into ?run=', async () => {
    const run: RunFile = { ...PRESET_RUN, scenario: presetScenario('acks1-failover') as Record<string, unknown>, lesson: undefined, step: undefined };
    delete run.lesson;
    delete run.step;
    const e = await encodeRun(run);
    expect(e.ok && e.query.startsWith('run=')).toBe(true);
    if (e.ok) expect(await decodeRun(e.query)).toEqual({ kind: 'run', run });
  });

  it('says a run is too long for a link when its scenario is large', async () => {
    let x = 12345;
    const word = () => Array.from({ length: 24 }, () => ((x = (x * 1103515245 + 12345) % 2 ** 31), 'abcdefghijklmnopqrstuvwxyz0123456789'[(x >>> 16) % 36])).join('');
    const topics = Array.from({ length: 400 }, () => ({ name: word(), partitions: 1, 'replication.factor': 1 }));
    const e = await encodeRun({ ...PRESET_RUN, scenario: { topics } });
    expect(e.ok).toBe(false);
    if (!e.ok) {
      expect(e.problem.code).toBe('too-long');
      expect(e.length).toBeGreaterThan(MAX_LINK_CHARS);
    }
  });

  it('reads a bare ?scenario= (and no parameter at all) as no run', async () => {
    expect(await decodeRun('?scenario=acks1-failover')).toEqual({ kind: 'none' });
    expect(await decodeRun('')).toEqual({ kind: 'none' });
    expect(await decodeRun('?lang=zh-CN&worker=0')).toEqual({ kind: 'none' });
  });

  const packedJSON = (x: unknown) => pack(JSON.stringify(x));
  const bigLog = async () => 'x'.repeat(100 * 1024);

  // Each hostile link: its problem code.
  const HOSTILE: [string, () => Promise<string> | string, string][] = [
    ['bad base64 in run', () => 'run=%%%%', 'bad-base64'],
    ['base64 with a stray length', () => 'run=abcde', 'bad-base64'],
    ['not deflate data', () => 'run=SGVsbG8gd29ybGQ', 'bad-compression'],
    ['truncated compression', async () => `run=${(await packedJSON(PRESET_RUN)).slice(0, 20)}`, 'bad-compression'],
    ['a 100 kB parameter', async () => `run=${await bigLog()}`, 'too-long'],
    ['a 100 kB log', async () => `scenario=acks1-failover&seed=1&log=${await bigLog()}`, 'too-long'],
    ['a zip bomb', async () => `run=${await pack(' '.repeat(3 * 1024 * 1024))}`, 'too-large'],
    ['bad JSON', async () => `run=${await pack('{"kafkaLab": "run",')}`, 'not-json'],
    ['a log that is not JSON', async () => `scenario=acks1-failover&seed=1&log=${await pack('[{t:1}]')}`, 'not-json'],
    ['not a run', async () => `run=${await packedJSON({ name: 'x' })}`, 'not-run'],
    ['wrong version', async () => `run=${await packedJSON({ ...PRESET_RUN, version: 9 })}`, 'version'],
    ['unknown key', async () => `run=${await packedJSON({ ...PRESET_RUN, onload: 'alert(1)' })}`, 'unknown-field'],
    ['prototype key', async () => `run=${await pack('{"kafkaLab":"run","version":1,"scenario":{"preset":"x"},"seed":1,"log":[],"t":0,"__proto__":{"x":1}}')}`, 'prototype-key'],
    ['<script> in a topic name', async () => `run=${await packedJSON({ ...PRESET_RUN, scenario: { topics: [{ name: '<script>window.__pwned=1</script>', partitions: 1, 'replication.factor': 1 }] } })}`, 'topic-chars'],
    ['<script> as the preset', () => 'scenario=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&seed=1', 'bad-param'],
    ['<script> as the lesson', () => 'scenario=acks1-failover&seed=1&lesson=%3Cscript%3E', 'bad-param'],
    ['negative seed', () => 'scenario=acks1-failover&seed=-1', 'bad-param'],
    ['seed beyond 32 bits', () => 'scenario=acks1-failover&seed=99999999999', 'bad-param'],
    ['seed out of range', () => 'scenario=acks1-failover&seed=4294967296', 'range'],
    ['time too far', () => 'scenario=acks1-failover&seed=1&t=999999999', 'range'],
    ['time not a number', () => 'scenario=acks1-failover&seed=1&t=1e3', 'bad-param'],
    ['step out of range', () => 'scenario=acks1-failover&seed=1&lesson=acks&step=5000', 'range'],
    ['presenter not 0/1', () => 'scenario=acks1-failover&seed=1&presenter=true', 'bad-param'],
    ['time without a seed', () => 'scenario=acks1-failover&t=100', 'bad-param'],
    ['seed without a scenario', () => 'seed=1', 'bad-param'],
    ['two seeds', () => 'scenario=acks1-failover&seed=1&seed=2', 'bad-param'],
    ['fault of an unknown type', async () => `scenario=acks1-failover&seed=1&log=${await packedJSON([{ t: 1, fault: { type: 'eval', code: 'alert(1)' } }])}`, 'one-of'],
    ['log out of order', async () => `scenario=acks1-failover&seed=1&log=${await packedJSON([{ t: 5, fault: { type: 'heal' } }, { t: 1, fault: { type: 'heal' } }])}`, 'log-order'],
    ['a log that is an object', async () => `scenario=acks1-failover&seed=1&log=${await packedJSON({ length: 1e9 })}`, 'not-list'],
    ['a change of an unknown scope', async () => `scenario=acks1-failover&seed=1&log=${await packedJSON([{ t: 1, change: { scope: 'window', key: 'location', value: 'javascript:alert(1)' } }])}`, 'one-of'],
  ];

  it('has at least 20 hostile links', () => expect(HOSTILE.length).toBeGreaterThanOrEqual(20));

  for (const [what, query, code] of HOSTILE) {
    it(`refuses ${what} with ${code}`, async () => {
      const p = await problemOf(await query());
      expect(p?.code).toBe(code);
    });
  }
});
