/** The CLI's human-readable summary of a report. */
import type { Report } from '../engine/report.ts';

export function formatReport(r: Report, maxStories = 5): string {
  const s = r.summary;
  const lines: string[] = [];
  lines.push(`${r.scenario}  (seed ${r.seed}, ${r.until} ms simulated)`);
  lines.push('');
  lines.push(`  produced            ${s.produced}`);
  lines.push(`  acknowledged        ${s.acked}`);
  lines.push(`  committed           ${s.committed}`);
  lines.push(`  lost, acknowledged  ${s.lostAcked}${s.lostAcked ? '   <- lost writes: the producer was told they were safe' : ''}`);
  lines.push(`  lost, not acked     ${s.lostUnacked}  (application told: ${s.lostUnackedKnown}, not told: ${s.lostUnackedUnknown})`);
  lines.push(`  unseen              ${s.unseen}  (acknowledged, above the high watermark)`);
  lines.push(`  recovered           ${s.recovered}  (reported failed, yet committed)`);
  lines.push(`  committed, untold   ${s.committedUntold}  (never acknowledged: the producer restarted before the answer)`);
  if (s.resentAfterRestart) lines.push(`  resent on restart   ${s.resentAfterRestart}  (the restarted application sent them again)`);
  lines.push(`  still in flight     ${s.pending}`);
  lines.push(`  duplicated          ${s.duplicated}`);
  lines.push(`  reordered           ${s.reordered}  (within a key)`);
  if (s.consumerGroups.length) lines.push(...formatConsumers(r));
  const errs = Object.entries(r.producerErrors);
  if (errs.length) lines.push('', '  producer errors: ' + errs.map(([k, v]) => `${k} x${v}`).join(', '));
  const fails = Object.entries(r.sendFailures);
  if (fails.length) lines.push('  failed sends:    ' + fails.map(([k, v]) => `${k} x${v}`).join(', '));
  lines.push('', '  partitions:');
  for (const p of r.partitions) {
    const reps = p.replicas.map((x) => `b${x.broker}${x.status === 'running' ? '' : `(${x.status})`} LEO ${x.leo}`).join(', ');
    lines.push(`    ${p.partition}: leader ${p.leader < 0 ? 'none (offline)' : `b${p.leader}`}, epoch ${p.leaderEpoch}, ISR [${p.isr.join(',')}], HW ${p.highWatermark}; ${reps}`);
  }
  if (r.expectations.length) {
    lines.push('', '  expected by the scenario:');
    for (const e of r.expectations) lines.push(`    ${e.ok ? 'ok  ' : 'FAIL'} ${e.key} ${e.op} ${e.value}  (got ${e.actual ?? 'nothing: no such count'})`);
  }
  const shown = new Set<string>();
  let stories = 0;
  for (const a of r.anomalies) {
    // One story per kind and partition is enough to read; --json has them all.
    const k = `${a.kind}/${a.partition}`;
    if (shown.has(k) || stories >= maxStories) continue;
    shown.add(k);
    stories++;
    const count = r.anomalies.filter((x) => x.kind === a.kind && x.partition === a.partition).length;
    lines.push('', `  ${a.kind}: message ${a.message} (${a.producer}, key ${a.key ?? '-'}, ${a.partition})${count > 1 ? ` and ${count - 1} more like it` : ''}`);
    for (const t of a.text) lines.push(`    ${t}`);
  }
  return lines.join('\n');
}

/** The consumer side: one block per group (see engine/consumerChecker.ts). */
function formatConsumers(r: Report): string[] {
  const s = r.summary;
  const lines = ['', '  after the broker (consumer groups):'];
  lines.push(`  processed           ${s.processed}`);
  lines.push(`  lost after broker   ${s.lostAfterBroker}${s.lostAfterBroker ? '   <- committed past, never processed' : ''}`);
  lines.push(`  processed twice     ${s.processedTwice}`);
  lines.push(`  out of order        ${s.processedOutOfOrder}  (within a key)`);
  for (const g of s.consumerGroups) {
    lines.push(`    group ${g.group} (${g.topic}): ${g.state}, generation ${g.generation}, coordinator b${g.coordinator}, ${g.rebalances} rebalance(s)`);
    lines.push(`      processed ${g.processed} of ${g.consumable} committed records; lost ${g.lostAfterBroker}, twice ${g.processedTwice}, out of order ${g.processedOutOfOrder}, skipped by auto.offset.reset ${g.skippedByReset}, not yet consumed ${g.unconsumed} (lag ${g.lag})`);
    if (g.deduplicated) lines.push(`      the idempotent sink dropped ${g.deduplicated} repeated record(s)`);
  }
  const members = r.consumers.map((c) => `${c.name}${c.status === 'running' ? '' : `(${c.status})`} [${c.partitions.join(',')}]`);
  if (members.length) lines.push(`    members: ${members.join(', ')}`);
  const fails = Object.entries(r.commitFailures);
  if (fails.length) lines.push('    failed commits: ' + fails.map(([k, v]) => `${k} x${v}`).join(', '));
  return lines;
}
