/** `npm run whatif` as a user runs it. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessonScenario } from './helpers.ts';

const root = join(import.meta.dirname, '../..');
const whatif = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/whatif.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

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
    const dir = mkdtempSync(join(tmpdir(), 'krl-whatif-'));
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
});
