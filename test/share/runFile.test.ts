/**
 * Run files: a run saved from a timeline replays to the same moment, byte for
 * byte; every hostile file is refused with a named problem at a precise path;
 * `npm run sim -- run.json` gives the report the lab's run reaches.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planChange } from '../../src/engine/config/liveConfig.ts';
import { Timeline } from '../../src/timeline/timeline.ts';
import { readRunText, runToJSON } from '../../src/share/runFile.ts';
import { fromRunRecord, toRunRecord } from '../../src/share/runRecord.ts';
import { runProblemLine } from '../../src/share/problemText.ts';
import { presetScenario } from '../../src/cli/presetFiles.ts';
import { runCli } from '../../src/cli/run.ts';
import { buildReport } from '../../src/engine/checker/report.ts';
import { reportWithText } from '../../src/i18n/report.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const FIX = join(import.meta.dirname, '../fixtures/hostile-runs');

/** The lab's way: load the preset with a seed, act live at 4 s and 6 s, look at 9 s. */
function labRun() {
  const raw = { ...(presetScenario('acks1-failover') as Record<string, unknown>), seed: 11 };
  const tl = new Timeline(raw);
  tl.advanceTo(4000);
  tl.act({ fault: { type: 'crash', broker: { leaderOf: 'orders-0' } } });
  tl.advanceTo(6000);
  // As the host does: the change planned against the configuration in force.
  const change = { scope: 'topic', topic: 'orders', key: 'min.insync.replicas', value: 2 } as const;
  const plan = planChange(tl.raw, change);
  if (!plan.ok) throw new Error(plan.reason);
  tl.act({ change, raw: plan.raw });
  tl.advanceTo(9000);
  return tl;
}

describe('run file', () => {
  it('replays a saved run to the same trace, configuration and moment', () => {
    const tl = labRun();
    const file = runToJSON(fromRunRecord(tl.record(), { t: tl.now, preset: 'acks1-failover', lesson: 'acks', step: 2, lang: 'zh-CN', presenter: true }));
    const read = readRunText(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ seed: 11, t: 9000, lesson: 'acks', step: 2, lang: 'zh-CN', presenter: true, scenario: { preset: 'acks1-failover' } });
    expect(read.value.log).toHaveLength(2);
    const rec = toRunRecord(read.value, presetScenario);
    expect(rec.ok).toBe(true);
    if (!rec.ok) return;
    const again = new Timeline(rec.value.raw, {}, rec.value.log);
    again.advanceTo(read.value.t);
    expect(again.now).toBe(tl.now);
    expect(JSON.stringify(traceEvents(again.sim.ctx.trace))).toBe(JSON.stringify(traceEvents(tl.sim.ctx.trace)));
    expect(again.raw).toEqual(tl.raw);
    // Saving the replayed run gives the same bytes.
    expect(runToJSON(fromRunRecord(again.record(), { t: again.now, preset: 'acks1-failover', lesson: 'acks', step: 2, lang: 'zh-CN', presenter: true }))).toBe(file);
  });

  it('carries an inline scenario whole', () => {
    const tl = labRun();
    const run = fromRunRecord(tl.record(), { t: tl.now });
    const read = readRunText(runToJSON(run));
    expect(read.ok && toRunRecord(read.value, () => undefined).ok).toBe(true);
  });

  // Each hostile file: the problem code and where it is.
  const HOSTILE: Record<string, [string, string]> = {
    'array-root.json': ['not-run', ''],
    'change-bad-scope.json': ['one-of', 'log[0].change.scope'],
    'change-new-run.json': ['change-new-run', 'log[0].change'],
    'change-refused.json': ['not-integer', 'log[0].change'],
    'constructor-in-fault.json': ['prototype-key', 'log[0].fault.constructor'],
    'deep-nesting.json': ['too-deep', 'scenario' + '.a'.repeat(32)],
    'entry-both.json': ['required', 'log[0].fault'],
    'fault-broker-99.json': ['broker-target', 'log[0].fault.broker'],
    'fault-broker-script.json': ['broker-kind', 'log[0].fault.broker'],
    'fault-unknown-type.json': ['one-of', 'log[0].fault.type'],
    'fault-with-at.json': ['unknown-field', 'log[0].fault.at'],
    'lang-unknown.json': ['one-of', 'lang'],
    'log-not-list.json': ['not-list', 'log'],
    'log-out-of-order.json': ['log-order', 'log[1].t'],
    'log-too-many.json': ['too-many', 'log'],
    'not-a-run.json': ['not-run', 'kafkaLab'],
    'not-json.json': ['not-json', ''],
    'presenter-string.json': ['bool', 'presenter'],
    'preset-script.json': ['bad-param', 'scenario.preset'],
    'preset-unknown.json': ['unknown-preset', 'scenario.preset'],
    'proto-key.json': ['prototype-key', '__proto__'],
    'scenario-bad-field.json': ['range', 'scenario.cluster.brokers'],
    'scenario-script-name.json': ['topic-chars', 'scenario.topics[0].name'],
    'seed-float.json': ['not-integer', 'seed'],
    'seed-negative.json': ['range', 'seed'],
    'step-huge.json': ['range', 'step'],
    't-too-far.json': ['range', 't'],
    'unknown-key.json': ['unknown-field', 'extra'],
    'wrong-version.json': ['version', 'version'],
  };

  it('has a case for every hostile fixture', () => {
    expect(readdirSync(FIX).sort()).toEqual(Object.keys(HOSTILE).sort());
  });

  for (const [file, [code, path]] of Object.entries(HOSTILE)) {
    it(`refuses ${file} with ${code} at "${path}"`, () => {
      const r = readRunText(readFileSync(join(FIX, file), 'utf8'));
      const out = r.ok ? toRunRecord(r.value, presetScenario) : r;
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.problem.code).toBe(code);
      expect(out.problem.path).toBe(path);
      // Said in both languages, never as a bare code.
      for (const lang of ['en', 'zh-CN'] as const) expect(runProblemLine(lang, out.problem)).not.toMatch(/^(share\.problem|problem)\./);
    });
  }
});

describe('npm run sim -- run.json', () => {
  it('reports what the lab run reaches at the scenario end', () => {
    const tl = labRun();
    const dir = mkdtempSync(join(tmpdir(), 'run-'));
    const file = join(dir, 'run.json');
    writeFileSync(file, runToJSON(fromRunRecord(tl.record(), { t: tl.now, preset: 'acks1-failover' })));
    tl.advanceTo(tl.scenario.until);
    const s = tl.scenario;
    const lab = reportWithText(buildReport(tl.sim.ctx, { name: s.name, seed: s.seed, until: s.until, expect: s.expect }), 'en');
    const cli = runCli([file, '--json']);
    expect(cli.stderr).toBe('');
    const report = JSON.parse(cli.stdout);
    expect(report).toEqual(JSON.parse(JSON.stringify(lab)));
    expect(report.summary.lostAcked).toBeGreaterThan(0);
  });

  it('refuses a hostile run file naming the field, without a stack trace', () => {
    const cli = runCli([join(FIX, 'fault-broker-99.json')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/log\[0\]\.fault\.broker/);
    expect(cli.stderr).not.toMatch(/at .*\.ts:/);
  });
});
