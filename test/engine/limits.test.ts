/**
 * The lab's limits, each refused up front with a message that names the
 * limit and the setting that broke it (through the CLI, as a user meets
 * them): the file's size, the number of scheduled faults, the total of
 * messages; and a run of the longest `until` (24 simulated hours) of a small
 * scenario finishes.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.ts';
import { MAX_SCENARIO_BYTES } from '../../src/engine/scenario/scenarioText.ts';
import { MAX_FAULTS } from '../../src/engine/scenario/scenarioSchema.ts';
import { MAX_MESSAGES } from '../../src/engine/scenario/scenarioRules.ts';
import { testTempDir } from '../support/tempDir.ts';

function cli(scenario: unknown, ...args: string[]) {
  const f = join(testTempDir('krl-'), 'scenario.json');
  writeFileSync(f, typeof scenario === 'string' ? scenario : JSON.stringify(scenario));
  return runCli([f, ...args]);
}

describe('limits', () => {
  it('a file above the size limit is refused with its size and the limit', () => {
    const r = cli(JSON.stringify({ description: 'x'.repeat(MAX_SCENARIO_BYTES) }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the file is ${MAX_SCENARIO_BYTES + 18} bytes; a scenario file may be at most ${MAX_SCENARIO_BYTES} bytes`);
  });

  it('too many scheduled faults are refused at "faults", with the count and the limit', () => {
    const faults = Array.from({ length: MAX_FAULTS + 1 }, (_, i) => ({ at: 1000 + i, type: 'heal' }));
    const r = cli({ faults });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`faults: ${MAX_FAULTS + 1} faults; a scenario may schedule at most ${MAX_FAULTS}`);
  });

  it('too many messages in all are refused at the producer count that passes the limit, with the total and the limit', () => {
    const r = cli({ producers: [{ name: 'p1', count: MAX_MESSAGES }, { name: 'p2', count: 1 }] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`producers[1].count: ${MAX_MESSAGES + 1} messages in all; the lab runs at most ${MAX_MESSAGES} per scenario`);
  });

  it('a small scenario runs its 24 simulated hours to the end', () => {
    const day = 24 * 3600 * 1000;
    const r = cli({ until: day, cluster: { brokers: 1 }, topics: [{ name: 'orders', partitions: 1, 'replication.factor': 1 }], producers: [{ name: 'p1', topic: 'orders', rate: 1, count: 50 }], faults: [{ at: day - 60_000, type: 'restart', broker: 1 }], expect: { produced: 50, acked: 50 } }, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.until).toBe(day);
    expect(report.summary).toMatchObject({ produced: 50, acked: 50, lostAcked: 0 });
  });
});

describe('limits of a run in the lab', () => {
  it('actions given in the lab stop at the limit, refused naming the fault, the count and the limit; the run goes on', async () => {
    const { Timeline, MAX_ACTIONS } = await import('../../src/timeline/timeline.ts');
    const { ScenarioError } = await import('../../src/engine/core/scenarioError.ts');
    const tl = new Timeline({ until: 600_000, producers: [{ name: 'p1', count: 10 }] });
    for (let i = 0; i < MAX_ACTIONS; i++) tl.act({ fault: { type: 'heal' } });
    let err: unknown;
    try {
      tl.act({ fault: { type: 'heal' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toContain(`${MAX_ACTIONS} actions given in the lab; it takes at most ${MAX_ACTIONS}`);
    expect((err as InstanceType<typeof ScenarioError>).path).toBe('fault');
    tl.advanceTo(5000);
    expect(tl.now).toBe(5000);
  });
});
