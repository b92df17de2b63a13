/**
 * Every example scenario doubles as a regression test: it must parse, run,
 * and show what its "expect" field says it shows.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { runScenario } from '../../src/engine/sim/runScenario.ts';
import { buildReport } from '../../src/engine/checker/report.ts';

const dir = join(import.meta.dirname, '../../public/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('example scenarios', () => {
  it('there are examples for acks=0 loss, acks=1 loss on failover and a safe configuration', () => {
    expect(files).toEqual(expect.arrayContaining(['acks0-loss.json', 'acks1-failover.json', 'safe-leader-crash.json']));
  });

  it.each(files)('%s shows what it claims', (file) => {
    const scenario = parseScenario(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    expect(scenario.description.length).toBeGreaterThan(40);
    expect(scenario.expect.length).toBeGreaterThan(0);
    const report = buildReport(runScenario(scenario).ctx, { ...scenario });
    expect(report.expectations.filter((e) => !e.ok)).toEqual([]);
  });
});
