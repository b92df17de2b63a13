/**
 * What reaches the disk. Kafka appends to the OS page cache and, by default,
 * never fsyncs (flush.messages / flush.ms = Long.MAX_VALUE): durability comes
 * from replication. The OS writes dirty pages back on its own after
 * vm.dirty_expire_centisecs. A kill -9 keeps the page cache; a power loss
 * drops whatever was not yet written back.
 *
 * An fsync is not free: it takes lab 'disk.fsync.ms' on the broker's disk, and
 * fsyncs on one disk run one after another. UnifiedLog.append calls flush()
 * in the thread that appended when flush.messages is reached, so that thread
 * (the request handler on a leader, the fetcher on a follower) waits for the
 * fsync before it goes on: the produce answer, or the follower's next fetch,
 * comes that much later. The OS writeback does not block Kafka's threads.
 * Simplification: the flushed offset moves when the fsync is issued.
 */
import type { SimContext } from '../core/context.ts';
import { flushTo } from './log.ts';
import type { Broker, Replica } from '../core/model.ts';
import { because, type Reason } from '../core/reasons.ts';
import { dirtyEndBefore, oldestDirty } from './dirtyMarks.ts';

/**
 * UnifiedLog.append: fsync when flush.messages unflushed messages have piled up.
 * Returns how long the appending thread waits for the disk (0: no fsync).
 */
export function maybeFlush(ctx: SimContext, br: Broker, r: Replica): number {
  const every = ctx.partitions[r.partition].flushMessages;
  if (r.leo - r.flushed < every) return 0;
  flush(ctx, br, r, r.leo, { code: 'flush-messages', args: { n: every } });
  return diskWait(ctx, br);
}

/** One fsync on the broker's disk: it starts when the disk is free and takes disk.fsync.ms; returns the wait from now. */
export function diskWait(ctx: SimContext, br: Broker): number {
  const done = Math.max(ctx.now, br.diskFreeAt) + ctx.lab['disk.fsync.ms'];
  br.diskFreeAt = done;
  return done - ctx.now;
}

export function flush(ctx: SimContext, br: Broker, r: Replica, to: number, why: Reason): void {
  const from = r.flushed;
  if (!flushTo(r, to)) return;
  if (ctx.lab.detail) ctx.record({ t: ctx.now, type: 'flushed', broker: br.id, partition: ctx.partitions[r.partition].name, to: r.flushed, ...because(why.code, why.args) });
  void from;
}

/** The OS flusher thread: writes back page-cache data older than os.dirty.expire.ms. */
export function osWriteback(ctx: SimContext, br: Broker): void {
  const cutoff = ctx.now - ctx.lab['os.dirty.expire.ms'];
  for (const r of br.replicas.values()) {
    // The marks go in append order (ends and times ascending): the expired ones are a prefix.
    const to = dirtyEndBefore(r.dirtyMarks, cutoff, r.flushed);
    if (to > r.flushed) flush(ctx, br, r, to, { code: 'os-writeback', args: {} });
  }
}

/**
 * LogManager.flushDirtyLogs: flush logs whose oldest unflushed data is older than flush.ms.
 * LogManager.startup schedules it first after log.initial.task.delay.ms (30 s), then every
 * log.flush.scheduler.interval.ms: with the default (Long.MAX_VALUE) it runs exactly once.
 */
export function flushScheduler(ctx: SimContext, br: Broker): void {
  for (const r of br.replicas.values()) {
    const ms = ctx.partitions[r.partition].flushMs;
    const oldest = oldestDirty(r.dirtyMarks);
    if (ctx.now - oldest >= ms) {
      flush(ctx, br, r, r.leo, { code: 'flush-ms', args: { ms } });
      // The scheduler thread waits, not a request: it only keeps the disk busy for later fsyncs.
      diskWait(ctx, br);
    }
  }
}

export function checkpointHighWatermarks(br: Broker): void {
  for (const r of br.replicas.values()) r.hwCheckpoint = r.hw;
}
