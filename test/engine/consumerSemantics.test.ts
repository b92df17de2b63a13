/**
 * Each delivery semantics the issue names, pinned on the example scenario
 * that shows it (public/scenarios/consumer-*.json), so the examples and the
 * tests cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runConsumers, type Raw } from './consumerHelpers.ts';

const example = (name: string): Raw => JSON.parse(readFileSync(new URL(`../../public/scenarios/consumer-${name}.json`, import.meta.url), 'utf8'));

describe('commit semantics after the broker', () => {
  it('auto-commit with inline processing: a kill -9 repeats records but never loses one', () => {
    const r = runConsumers(example('autocommit-crash'));
    expect(r.result.summary.lostAfterBroker).toBe(0);
    expect(r.result.summary.processedTwice).toBeGreaterThan(0);
    expect(r.group.processed).toBe(r.group.consumable);
    // The repeats are c1's records since its last auto-commit, re-read by c2 after the rebalance.
    const twice = r.result.anomalies.filter((a) => a.kind === 'processed-twice');
    expect(twice.length).toBe(r.result.summary.processedTwice);
    expect(twice.every((a) => a.partition === 'orders-0')).toBe(true);
    const story = twice[0].story.map((s) => s.code);
    expect(story).toContain('c-processed');
    expect(story).toContain('c-reprocessed');
    expect(story).toContain('c-crashed');
    // At most one auto-commit interval of records at 100 records/s on orders-0, plus what was in flight.
    expect(r.result.summary.processedTwice).toBeLessThanOrEqual(100 * 5 + 100);
  });

  it('auto-commit with an in-memory queue: a crash loses records the committed offset has already passed', () => {
    const r = runConsumers(example('autocommit-queue-loss'));
    expect(r.result.summary.lostAfterBroker).toBeGreaterThan(0);
    const crashed = r.events('crashed', 'c1')[0];
    expect(Number(crashed.args!.lostInQueue)).toBeGreaterThan(0);
    const lost = r.result.anomalies.find((a) => a.kind === 'lost-after-broker')!;
    expect(lost.story.map((s) => s.code)).toEqual(expect.arrayContaining(['sent', 'c-committed', 'c-crashed', 'c-lost-after-broker']));
    // The broker side is clean: the loss is entirely the application's.
    expect(r.result.summary.lostAcked).toBe(0);
  });

  it('commit before processing is at most once: a crash mid-batch loses the rest of it, nothing repeats', () => {
    const r = runConsumers(example('commit-before-process'));
    expect(r.result.summary.lostAfterBroker).toBeGreaterThan(0);
    expect(r.result.summary.lostAfterBroker).toBeLessThanOrEqual(100);
    expect(r.result.summary.processedTwice).toBe(0);
  });

  it('process then commit is at least once: a crash mid-batch repeats part of it, nothing is lost', () => {
    const r = runConsumers(example('process-then-commit'));
    expect(r.result.summary.lostAfterBroker).toBe(0);
    expect(r.result.summary.processedTwice).toBeGreaterThan(0);
    expect(r.result.summary.processedTwice).toBeLessThanOrEqual(100);
    expect(r.group.processed).toBe(r.group.consumable);
  });

  it('a stall past max.poll.interval.ms: the member leaves, the group rebalances, records repeat, and its commit fails', () => {
    const r = runConsumers(example('stall-rebalance'));
    const timeout = r.events('poll-timeout', 'c1');
    expect(timeout).toHaveLength(1);
    // Left at max.poll.interval.ms after its last poll, while its heartbeat thread was still alive.
    expect(r.events('session-expired')).toHaveLength(0);
    expect(r.events('rebalance').some((e) => e.t >= timeout[0].t && e.args!.reason === 'member-left' && String(e.args!.leave).includes('poll timeout'))).toBe(true);
    const failed = r.events('commit-failed', 'c1');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].args!.error).toBe('CommitFailedException');
    expect(r.result.summary.processedTwice).toBeGreaterThan(0);
    expect(r.result.summary.lostAfterBroker).toBe(0);
    const twice = r.result.anomalies.find((a) => a.kind === 'processed-twice')!;
    const steps = twice.story.filter((s) => s.code === 'c-processed' || s.code === 'c-reprocessed').map((s) => s.args.consumer);
    expect(steps).toEqual(['c1', 'c2']);
  });

  it('committing the last processed offset instead of the next one (KafkaConsumer.commitSync javadoc: "lastProcessedMessageOffset + 1") repeats one record per restart; the next offset repeats none', () => {
    const raw = JSON.parse(readFileSync(new URL('../../public/scenarios/off-by-one-commit.json', import.meta.url), 'utf8')) as Raw;
    const restarts = (raw.faults as Raw[]).filter((f) => f.type === 'consumer-restart').length;
    const r = runConsumers(raw);
    expect(r.result.summary.processedTwice).toBe(restarts);
    expect(r.result.summary.lostAfterBroker).toBe(0);
    // The repeated record is the one whose own offset was committed: the restarted member resumes at it.
    for (const a of r.result.anomalies.filter((x) => x.kind === 'processed-twice')) expect(a.story.map((s) => s.code)).toEqual(expect.arrayContaining(['c-processed', 'c-committed', 'c-reprocessed']));
    const fixed = runConsumers({ ...raw, consumers: (raw.consumers as Raw[]).map((c) => ({ ...c, commitOffset: 'next' })) });
    expect(fixed.result.summary.processedTwice).toBe(0);
    expect([fixed.group.processed, r.group.processed]).toEqual([r.group.consumable, r.group.consumable]);
  });

  it('a clean close with auto-commit commits the position and leaves: no repeats after the restart', () => {
    const r = runConsumers(example('clean-close'));
    expect(r.events('closed', 'c1')).toHaveLength(1);
    expect(r.events('restarted', 'c1')).toHaveLength(1);
    expect(r.result.summary.processedTwice).toBe(0);
    expect(r.result.summary.lostAfterBroker).toBe(0);
    expect(r.group.processed).toBe(r.group.consumable);
  });

  it('the same close done as kill -9 does repeat records (the contrast)', () => {
    const raw = example('clean-close');
    raw.faults = [{ at: 17300, type: 'consumer-crash', consumer: 'c1' }, { at: 20000, type: 'consumer-restart', consumer: 'c1' }];
    raw.until = 90000;
    const r = runConsumers(raw);
    expect(r.result.summary.processedTwice).toBeGreaterThan(0);
  });

  it('auto.offset.reset=latest: a new group skips every record produced before it joined', () => {
    const r = runConsumers(example('offset-reset-latest'));
    expect(r.group.skippedByReset).toBeGreaterThan(1500);
    expect(r.group.processed + r.group.skippedByReset).toBe(r.group.consumable);
    expect(r.result.summary.lostAfterBroker).toBe(0);
    // With earliest the same group reads everything.
    const raw = example('offset-reset-latest');
    (raw.consumers as Raw[])[0].config = { 'auto.offset.reset': 'earliest' };
    const e = runConsumers(raw);
    expect(e.group.skippedByReset).toBe(0);
    expect(e.group.processed).toBe(e.group.consumable);
  });

  it('the idempotent sink drops the repeats of at-least-once processing', () => {
    const r = runConsumers(example('idempotent-sink'));
    expect(r.result.summary.processedTwice).toBe(0);
    expect(r.result.summary.lostAfterBroker).toBe(0);
    expect(r.group.processed).toBe(r.group.consumable);
    const plain = example('idempotent-sink');
    for (const c of plain.consumers as Raw[]) c.sink = 'plain';
    expect(runConsumers(plain).result.summary.processedTwice).toBeGreaterThan(0);
  });

  it('a thread pool processes records of one key out of order; per-key queues keep key order', () => {
    const r = runConsumers(example('thread-pool-reorder'));
    const [pool, keyed] = r.result.summary.consumerGroups;
    expect(pool.processedOutOfOrder).toBeGreaterThan(0);
    expect(keyed.processedOutOfOrder).toBe(0);
    expect(pool.processed).toBe(pool.consumable);
    expect(keyed.processed).toBe(keyed.consumable);
  });

  it('more members than partitions leave one idle until a member leaves', () => {
    const r = runConsumers(example('idle-members'));
    const first = r.sim.ctx.consumers!.groups[0].rebalances[0];
    expect(first.members.filter((m) => m.partitions.length === 0)).toHaveLength(1);
    const last = r.sim.ctx.consumers!.groups[0].rebalances.at(-1)!;
    expect(last.members.map((m) => m.consumer).sort()).toEqual(['c2', 'c3']);
    expect(last.members.every((m) => m.partitions.length === 1)).toBe(true);
    expect(r.result.summary.processedTwice).toBe(0);
  });
});
