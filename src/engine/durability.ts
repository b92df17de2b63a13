/**
 * What reaches the disk. Kafka appends to the OS page cache and, by default,
 * never fsyncs (flush.messages / flush.ms = Long.MAX_VALUE): durability comes
 * from replication. The OS writes dirty pages back on its own after
 * vm.dirty_expire_centisecs. A kill -9 keeps the page cache; a power loss
 * drops whatever was not yet written back.
 */
import type { SimContext } from './context.ts';
import { flushTo } from './log.ts';
import type { Broker, Replica } from './model.ts';
import { because, type Reason } from './reasons.ts';

export function maybeFlush(ctx: SimContext, br: Broker, r: Replica): void {
  const every = ctx.partitions[r.partition].flushMessages;
  if (r.leo - r.flushed >= every) flush(ctx, br, r, r.leo, { code: 'flush-messages', args: { n: every } });
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
    let to = r.flushed;
    for (const [end, at] of r.dirtyMarks) if (at <= cutoff) to = Math.max(to, end);
    if (to > r.flushed) flush(ctx, br, r, to, { code: 'os-writeback', args: {} });
  }
}

/** LogManager.flushDirtyLogs: every log.flush.scheduler.interval.ms, flush logs idle longer than flush.ms. */
export function flushScheduler(ctx: SimContext, br: Broker): void {
  for (const r of br.replicas.values()) {
    const ms = ctx.partitions[r.partition].flushMs;
    const oldest = r.dirtyMarks.length ? r.dirtyMarks[0][1] : Infinity;
    if (ctx.now - oldest >= ms) flush(ctx, br, r, r.leo, { code: 'flush-ms', args: { ms } });
  }
}

export function checkpointHighWatermarks(br: Broker): void {
  for (const r of br.replicas.values()) r.hwCheckpoint = r.hw;
}
