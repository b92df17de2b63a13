/** The command line as a user runs it: `npm run sim -- file.json [--json]`. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const sim = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/sim.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

function tempFile(content: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'krl-')), 'scenario.json');
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
    const out = join(mkdtempSync(join(tmpdir(), 'krl-')), 'trace.jsonl');
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
