/** The command line as a user runs it: `npm run sim -- file.json [--json]`. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testTempDir } from '../support/tempDir.ts';

const root = join(import.meta.dirname, '../..');
/** The locale a test's run sees: English unless a test says otherwise, whatever the developer's own LANG. */
const C = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C' };
const simIn = (locale: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/sim.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...C, ...locale } });
const sim = (...args: string[]) => simIn({}, ...args);

function tempFile(content: string): string {
  const f = join(testTempDir('krl-'), 'scenario.json');
  writeFileSync(f, content);
  return f;
}

describe('npm run sim', () => {
  it('--json prints the full report: summary, anomalies with causes, producer errors, final partition state', () => {
    const r = sim('public/scenarios/acks1-failover.json', '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report.summary)).toEqual(expect.arrayContaining(['produced', 'acked', 'lostAcked', 'lostUnacked', 'duplicated', 'reordered']));
    expect(report.summary.lostAcked).toBeGreaterThan(0);
    const lost = report.anomalies.find((a: { kind: string }) => a.kind === 'lost-write');
    expect(lost.text.join('\n')).toMatch(/broker 1 crashed/);
    expect(report.producerErrors).toHaveProperty('NETWORK_EXCEPTION');
    expect(report.partitions[0]).toMatchObject({ partition: 'orders-0', leader: expect.any(Number), leaderEpoch: 1, isr: expect.any(Array), highWatermark: expect.any(Number) });
    expect(report.partitions[0].replicas.map((x: { leo: number }) => x.leo)).toHaveLength(3);
  });

  it('prints a readable summary, in Chinese with --lang zh', () => {
    const en = sim('public/scenarios/acks1-failover.json');
    expect(en.stdout).toMatch(/lost, acknowledged\s+\d+/);
    const zh = sim('public/scenarios/acks1-failover.json', '--lang', 'zh');
    expect(zh.stdout).toMatch(/崩溃/);
  });

  it('speaks the language of the locale (LC_ALL, then LC_MESSAGES, then LANG) unless --lang says otherwise', () => {
    const file = 'public/scenarios/acks0-loss.json';
    const zh = simIn({ LANG: 'zh_CN.UTF-8' }, file);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toMatch(/^acks=0：leader 挂了，生产者毫不知情 {2}（Kafka 4\.1，种子 1，模拟 20000 ms）/);
    expect(zh.stdout).toMatch(/已确认\s+3000/);
    expect(zh.stdout).not.toMatch(/acknowledged/);
    expect(simIn({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, file).stdout).toMatch(/^acks=0: the leader dies/);
    expect(simIn({ LC_MESSAGES: 'zh_CN.UTF-8' }, file).stdout).toMatch(/已确认/);
    expect(simIn({ LANG: 'zh_CN.UTF-8' }, file, '--lang', 'en').stdout).toMatch(/acknowledged\s+3000/);
    for (const flag of [['--lang', 'zh-CN'], ['--lang=zh'], ['--lang=zh-CN']]) expect(sim(file, ...flag).stdout, flag.join(' ')).toMatch(/已确认\s+3000/);
    // Refusals are said in the locale's language too, and a language the CLI does not speak is named.
    expect(simIn({ LANG: 'zh_CN.UTF-8' }, 'no-such-file.json').stderr).toBe('错误：无法读取 no-such-file.json：ENOENT\n');
    const bad = sim(file, '--lang', 'fr');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: --lang must be en or zh-CN (or zh), got "fr"\n');
    expect(simIn({ LANG: 'zh_CN.UTF-8' }, '--help').stdout).toMatch(/^用法：npm run sim/);
  });

  it('--json is the same whatever the locale (field names and codes); only an explicit --lang puts its stories in Chinese', () => {
    const file = 'public/scenarios/acks1-failover.json';
    const en = sim(file, '--json');
    expect(simIn({ LANG: 'zh_CN.UTF-8' }, file, '--json').stdout).toBe(en.stdout);
    const zh = JSON.parse(sim(file, '--json', '--lang', 'zh-CN').stdout);
    const report = JSON.parse(en.stdout);
    const withoutText = (r: { anomalies: { text?: string[] }[] }) => ({ ...r, anomalies: r.anomalies.map(({ text: _t, ...a }) => a) });
    expect(withoutText(zh)).toEqual(withoutText(report));
    expect(zh.anomalies[0].text.join('\n')).toMatch(/崩溃/);
  });

  it('a malformed scenario gets the field and the problem, a non-zero exit and no stack trace', () => {
    const f = tempFile(JSON.stringify({ producers: [{ config: { acks: '2' } }] }));
    const r = sim(f);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('producers[0].config.acks: must be 0, 1 or "all", got "2"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('invalid JSON and a missing file are reported plainly', () => {
    const bad = sim(tempFile('{ "seed": 1, '));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/is not valid JSON/);
    const missing = sim('no-such-file.json');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read no-such-file\.json: ENOENT/);
  });

  it('exits 1 when the scenario does not show what its "expect" claims', () => {
    const f = tempFile(JSON.stringify({ until: 3000, producers: [{ count: 10 }], expect: { lostAcked: '>0' } }));
    const r = sim(f);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL lostAcked > 0\s+\(got 0\)/);
  });

  it('--trace writes every trace event as a JSON line with its time, type, node and fields', () => {
    const out = join(testTempDir('krl-'), 'trace.jsonl');
    const r = sim('public/scenarios/acks1-failover.json', '--trace', out, '--json');
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(100);
    for (const l of lines) expect(Object.keys(l)).toEqual(['t', 'type', 'node', 'fields']);
    // In time order, and the crash of the fault schedule is there, on the broker that crashed.
    expect(lines.every((l, i) => i === 0 || l.t >= lines[i - 1].t)).toBe(true);
    expect(lines.find((l) => l.type === 'broker-crashed')).toMatchObject({ t: 6000, node: 'b1', fields: { broker: 1, how: 'kill -9' } });
    expect(lines.find((l) => l.type === 'leader-elected')).toMatchObject({ node: 'controller' });
    expect(lines.filter((l) => l.type === 'produce-error').every((l) => l.node === 'p1')).toBe(true);
    const unwritable = sim('public/scenarios/acks1-failover.json', '--trace', '/no/such/dir/t.jsonl');
    expect(unwritable.status).not.toBe(0);
    expect(unwritable.stderr).toMatch(/cannot write the trace to \/no\/such\/dir\/t\.jsonl: ENOENT/);
  });

  it('--json gives each producer\'s send outcomes and errors by name, and each consumer group\'s committed offsets', () => {
    const f = tempFile(JSON.stringify({ until: 40_000, producers: [{ count: 2000, rate: 100, config: { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000 } }], faults: [{ at: 2000, type: 'isolate', node: 'p1' }, { at: 20_000, type: 'heal' }] }));
    const report = JSON.parse(sim(f, '--json').stdout);
    const p1 = report.producers[0];
    expect(p1.name).toBe('p1');
    expect(p1.outcomes.TimeoutException).toBeGreaterThan(0);
    expect(p1.outcomes.acked + p1.outcomes.TimeoutException).toBe(2000);
    expect(p1.errors.NETWORK_EXCEPTION).toBeGreaterThan(0);
    const c = JSON.parse(sim('public/scenarios/consumer-process-then-commit.json', '--json').stdout);
    expect(c.committedOffsets.length).toBeGreaterThan(0);
    expect(c.committedOffsets[0].offsets[0]).toMatchObject({ partition: expect.stringMatching(/-\d+$/), offset: expect.any(Number), leaderEpoch: expect.any(Number) });
  });
});
