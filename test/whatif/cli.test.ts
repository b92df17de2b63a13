/** `npm run whatif` as a user runs it. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonScenario } from './helpers.ts';
import { testTempDir } from '../support/tempDir.ts';

const root = join(import.meta.dirname, '../..');
/** The locale a test's run sees: English unless a test says otherwise, whatever the developer's own LANG. */
const C = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C' };
const whatifIn = (locale: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/whatif.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...C, ...locale } });
const whatif = (...args: string[]) => whatifIn({}, ...args);

describe('npm run whatif', () => {
  it('--json gives cells with their settings, runs and rates with intervals', () => {
    const r = whatif('public/scenarios/acks1-failover.json', '--vary', 'acks=1,all', '--runs', '4', '--workers', '2', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.cells).toHaveLength(2);
    expect(out.cells[0]).toMatchObject({ settings: { acks: 1 }, runs: 4 });
    expect(out.cells[0].rates.lostAcked).toMatchObject({ runs: expect.any(Number), rate: expect.any(Number), low: expect.any(Number), high: expect.any(Number) });
    expect(out.cells[0].rates.lostAcked.rate).toBeGreaterThan(0);
    expect(out.cells[1].rates.lostAcked.rate).toBe(0);
    expect(Object.keys(out.cells[0].rates)).toEqual(['lostAcked', 'lostUnacked', 'duplicated', 'reordered', 'processedTwice', 'lostAfterBroker']);
  });

  it('--search writes the shrunk counterexample, which npm run sim replays to the same loss', () => {
    const dir = testTempDir('krl-whatif-');
    const file = join(dir, 'acks1.json');
    writeFileSync(file, JSON.stringify(lessonScenario({ acks: 1 })));
    const out = join(dir, 'ce.json');
    const r = whatif(file, '--search', 'lostAcked', '--faults', 'crash,restart,slow-follower', '--rate', '12', '--runs', '500', '--out', out, '--json');
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res).toMatchObject({ found: true, file: out });
    expect(res.runsTried).toBeGreaterThan(0);
    expect(res.counterexample.faults.length).toBeGreaterThan(0);
    const sim = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/sim.ts'), out, '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(JSON.parse(sim.stdout).summary.lostAcked).toBe(res.counts.lostAcked);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.faults).toEqual(res.counterexample.faults);
    // The file says what it shows: npm run sim checks the broken guarantee as its expectation, and it holds.
    expect(written.expect).toEqual({ lostAcked: '>0' });
    expect(written.name).toMatch(/counterexample for lostAcked/);
    expect(sim.status).toBe(0);
  });

  it('refuses bad input plainly: an unknown setting, a bad value, an unknown fault kind', () => {
    const cases: [string[], RegExp][] = [
      [['--vary', 'akcs=1,all'], /"akcs" is not a setting the lab knows/],
      [['--vary', 'acks=2'], /acks: must be 0, 1 or "all"/],
      [['--vary', 'acks=1', '--faults', 'meteor'], /unknown fault kind "meteor"/],
      [['--search', 'everything'], /--search must be one of/],
      [['--vary', 'acks=1', '--runs=-3'], /--runs must be a whole number/],
      [['--vary', 'acks=1', '--runs', 'many'], /--runs must be a whole number/],
    ];
    for (const [args, msg] of cases) {
      const r = whatif('public/scenarios/acks1-failover.json', ...args, ...(args.some((a) => a.startsWith('--runs')) ? [] : ['--runs', '1']));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('speaks 中文 with --lang zh-CN or a zh locale, English with --lang en or another locale; --json is the same', () => {
    const args = ['public/scenarios/acks1-failover.json', '--vary', 'acks=1,all', '--runs', '2', '--workers', '2'];
    const zh = whatifIn({}, ...args, '--lang', 'zh-CN');
    expect(zh.status).toBe(0);
    expect(zh.stdout).toMatch(/每格 2 次运行/);
    expect(zh.stdout).toMatch(/lostAcked +100\.0% 的运行 .* · 已确认后丢失/);
    expect(zh.stdout).toMatch(/最糟的一次运行/);
    // No English sentence is left: only Kafka's names, the guarantees' CLI names and the numbers.
    expect(zh.stdout).not.toMatch(/runs per cell|of runs|records\/run|worst run|acked records|latency|scenario's own/);
    const locale = whatifIn({ LANG: 'zh_CN.UTF-8' }, ...args, '--vary', 'akcs=1');
    expect(locale.status).toBe(2);
    expect(locale.stderr).toBe('错误：“akcs”不是实验室认识的设置：请使用 Kafka 的 broker、主题、生产者或消费者配置名，生产者或消费者应用的字段，brokers/partitions/replication.factor，或 lab.<设置>\n');
    // LC_ALL comes before LANG, and --lang before both.
    expect(whatifIn({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, ...args, '--vary', 'akcs=1').stderr).toMatch(/^error: "akcs" is not a setting the lab knows/);
    expect(whatifIn({ LANG: 'zh_CN.UTF-8' }, ...args, '--lang', 'en', '--faults', 'meteor').stderr).toMatch(/^error: unknown fault kind "meteor"/);
    expect(whatifIn({ LANG: 'zh_CN.UTF-8' }, ...args, '--runs', 'many').stderr).toBe('错误：--runs 必须是不小于 1 的整数，实际是“many”\n');
    expect(whatifIn({}, ...args, '--lang', 'fr').stderr).toBe('error: --lang must be en or zh-CN, got "fr"\n');
    const json = (locale: Record<string, string>) => {
      const out = JSON.parse(whatifIn(locale, ...args, '--json').stdout);
      delete out.runsPerSecond;
      return out;
    };
    expect(json({ LANG: 'zh_CN.UTF-8' })).toEqual(json({}));
  });

  it('in 中文, the search and the counterexample file it writes are in 中文 too', () => {
    const dir = testTempDir('krl-whatif-');
    const out = join(dir, 'ce.json');
    const r = whatifIn({ LANG: 'zh_CN.UTF-8' }, 'public/scenarios/acks1-failover.json', '--search', 'lostAcked', '--faults', 'power-loss-all', '--runs', '20', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^lostAcked：第 \d+ 次运行打破了它；又用 \d+ 次运行缩减到 1 个故障/);
    expect(r.stdout).toMatch(/已写入 .*ce\.json：npm run sim -- .*ce\.json 会讲述它的经过/);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.name).toMatch(/lostAcked 的反例$/);
    expect(written.description).toMatch(/^由 npm run whatif -- --search lostAcked --seed 1 找到/);
  });
});
