/**
 * A run saved as JSON (the scenario with its seed, the command log of faults
 * and configuration changes, the simulated time) and loaded again, in a new
 * timeline, gives the same report as the run that was saved, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../src/timeline/timeline.ts';
import { planChange, type RawScenario } from '../../src/engine/config/liveConfig.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';

const reportOf = (tl: Timeline) => JSON.stringify({ t: tl.now, report: buildReport(tl.sim.ctx, { name: tl.scenario.name, seed: tl.scenario.seed, until: tl.scenario.until }) });

describe('a saved run', () => {
  it('saved to JSON (scenario, seed, command log, time) and loaded again gives the same report', () => {
    const tl = new Timeline({ ...(BUSY as unknown as RawScenario), seed: 7, until: 60_000 });
    tl.advanceTo(5000);
    tl.act({ fault: { type: 'crash', broker: 1 } });
    tl.advanceTo(9000);
    const plan = planChange(tl.raw, { scope: 'producer', producer: tl.scenario.producers[0].name, key: 'linger.ms', value: 20 });
    if (!plan.ok || plan.mode === 'new-run') throw new Error(`expected a live change, got ${JSON.stringify(plan)}`);
    tl.act({ change: { scope: 'producer', producer: tl.scenario.producers[0].name, key: 'linger.ms', value: 20 }, raw: plan.raw });
    tl.advanceTo(12_000);
    tl.act({ fault: { type: 'restart', broker: 1 } });
    tl.advanceTo(21_500);
    // Scrub back and play again: the saved run is the timeline as it stands, not a history of the scrubbing.
    tl.seek(7000);
    tl.advanceTo(21_500);
    const want = reportOf(tl);

    const file = JSON.stringify({ run: tl.record(), t: tl.now });
    const saved = JSON.parse(file) as { run: ReturnType<Timeline['record']>; t: number };
    const loaded = new Timeline(saved.run.raw, {}, saved.run.log);
    loaded.advanceTo(saved.t);
    expect(reportOf(loaded)).toBe(want);
    expect(loaded.sim.ctx.trace.length).toBe(tl.sim.ctx.trace.length);
  });
});
