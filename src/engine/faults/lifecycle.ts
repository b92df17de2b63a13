/**
 * A broker's life: start (timers, log recovery), kill -9 (page cache kept),
 * power loss (unflushed data gone), controlled shutdown (leaders moved away,
 * logs flushed) and restart. Clients see a crashed process as a reset
 * connection; a powered-off host or a cut link only as silence.
 */
import { runtimeOf, type SimContext } from '../core/context.ts';
import { truncateTo } from '../broker/log.ts';
import { brokerNode, type Broker } from '../core/model.ts';
import { checkpointHighWatermarks } from '../broker/durability.ts';
import { resetDirty } from '../broker/dirtyMarks.ts';
import { truncateReplica } from '../broker/replication.ts';
import { LOG_INITIAL_TASK_DELAY_MS, LONG_MAX } from '../core/configSpec.ts';
import { resetConsumerConnections } from '../consumer/consumerRequests.ts';
import { addHistory, wasRemoved } from '../broker/batchHistory.ts';

export function startBrokerTimers(ctx: SimContext, br: Broker): void {
  const node = brokerNode(br.id);
  const c = br.config;
  ctx.timer(node, 0, { type: 'heartbeat' });
  ctx.timer(node, Math.max(1, Math.floor(c['replica.lag.time.max.ms'] / 2)), { type: 'isr-expiry' });
  ctx.timer(node, ctx.lab['os.writeback.interval.ms'], { type: 'writeback' });
  ctx.timer(node, c['replica.high.watermark.checkpoint.interval.ms'], { type: 'hw-checkpoint' });
  // LogManager.startup: the log flusher first runs after log.initial.task.delay.ms (30000).
  ctx.timer(node, LOG_INITIAL_TASK_DELAY_MS, { type: 'flush-scheduler' });
}

function stopProcess(ctx: SimContext, br: Broker): void {
  br.incarnation++;
  br.stopping = false;
  const rt = runtimeOf(ctx, br.id);
  rt.parked.clear();
  rt.conns.clear();
  rt.fetcherConns.clear();
  rt.purgatory.clear();
  for (const r of br.replicas.values()) {
    r.fetching = false;
    r.fetchSessionId++;
    r.pendingIsr = null;
    r.followers = new Map();
  }
}

/** kill -9: the process dies, the OS keeps its page cache, peers see reset connections. */
export function crashBroker(ctx: SimContext, br: Broker): void {
  if (br.status !== 'running') return;
  br.status = 'crashed';
  stopProcess(ctx, br);
  ctx.cause = ctx.record({ t: ctx.now, type: 'broker-crashed', broker: br.id, how: 'kill -9' });
  resetConnections(ctx, br.id);
}

/** Power loss: everything not yet written back to disk is gone; nobody is told. */
export function powerOffBroker(ctx: SimContext, br: Broker): void {
  if (br.status === 'running') stopProcess(ctx, br);
  const wasUp = br.status !== 'powered-off';
  br.status = 'powered-off';
  if (!wasUp) return;
  ctx.cause = ctx.record({ t: ctx.now, type: 'broker-crashed', broker: br.id, how: 'power loss' });
  const cause = ctx.cause;
  for (const r of br.replicas.values()) {
    if (r.flushed >= r.leo) continue;
    const from = r.flushed;
    const to = r.leo;
    const removed = truncateTo(r, ctx.batches, r.flushed);
    const records = removed.reduce((n, b) => n + b.endOffset - b.baseOffset, 0);
    const ev = ctx.record({ t: ctx.now, type: 'power-loss-dropped', broker: br.id, partition: ctx.partitions[r.partition].name, from, to, records });
    for (const b of removed) {
      if (!wasRemoved(ctx.history, b.id)) ctx.removed.push(b);
      addHistory(ctx.history, b.id, { t: ctx.now, broker: br.id, what: 'lost-unflushed', cause: ev });
    }
    void cause;
  }
}

/** Controlled shutdown begins: the next heartbeats ask the controller to move leadership away. */
export function beginShutdown(ctx: SimContext, br: Broker): void {
  if (br.status !== 'running' || br.stopping) return;
  br.stopping = true;
  ctx.timer(brokerNode(br.id), 0, { type: 'heartbeat' });
}

/** The controller has moved every leader away: flush, checkpoint, stop. */
export function finishShutdown(ctx: SimContext, br: Broker): void {
  for (const r of br.replicas.values()) r.flushed = r.leo;
  for (const r of br.replicas.values()) resetDirty(r.dirtyMarks);
  checkpointHighWatermarks(br);
  // KIP-966: a clean shutdown leaves its broker epoch behind for the next registration (CleanShutdownFileHandler).
  br.cleanShutdownFile = true;
  stopProcess(ctx, br);
  br.status = 'stopped';
  ctx.cause = ctx.record({ t: ctx.now, type: 'broker-stopped', broker: br.id });
  resetConnections(ctx, br.id);
}

/** Restart: recover the log (HW from its checkpoint), forget leadership until the controller speaks. */
export function restartBroker(ctx: SimContext, br: Broker): void {
  if (br.status === 'running') return;
  const highWatermarks: { partition: string; hw: number; leo: number }[] = [];
  br.status = 'running';
  br.incarnation++;
  br.stopping = false;
  // The start reads the clean shutdown file and deletes it: only the life right after a clean shutdown registers as clean.
  br.startedClean = br.cleanShutdownFile === true;
  br.cleanShutdownFile = false;
  br.meta = new Map();
  // A new life registers again; until the controller accepts it, it follows no metadata.
  br.registered = false;
  for (const r of br.replicas.values()) {
    r.hw = Math.min(r.hwCheckpoint, r.leo);
    highWatermarks.push({ partition: ctx.partitions[r.partition].name, hw: r.hw, leo: r.leo });
    if (r.leo > r.flushed) resetDirty(r.dirtyMarks, r.leo, ctx.now);
    else resetDirty(r.dirtyMarks);
  }
  ctx.cause = ctx.record({ t: ctx.now, type: 'broker-restarted', broker: br.id, highWatermarks });
  if (ctx.lab.truncation === 'high-watermark') {
    // Pre-0.11: on restart every replica cut its log back to the checkpointed high watermark.
    for (const r of br.replicas.values()) truncateReplica(ctx, br, r, r.hw, { code: 'legacy-restart-hw', args: { hw: r.hw } });
  }
  startBrokerTimers(ctx, br);
}

/** The OS answers a dead process's connections with a reset: in-flight requests fail at once. */
function resetConnections(ctx: SimContext, broker: number): void {
  for (const p of ctx.producers) {
    for (const f of p.requests.values()) {
      if (f.broker === broker) ctx.timer(p.name, ctx.lab['network.latency.ms'], { type: 'request-timeout', reqId: f.reqId, disconnect: true });
    }
  }
  resetConsumerConnections(ctx, broker, ctx.lab['network.latency.ms']);
}
