/**
 * The simulation: a scenario, one seeded RNG, an event queue ordered by
 * (time, sequence), and a dispatcher that hands each event to its rule.
 * Tests and adapters drive it with step() / runUntil(); nothing here reads a clock.
 */
import { rngState } from '../core/rng.ts';
import { defaultsFor } from '../core/kafkaVersions.ts';
import { maybeSkipIdle } from './idleSkip.ts';
import { refused } from './refused.ts';
import { buildPartitions } from './placement.ts';
import { newQueue, peekEvent, popEvent, pushEvent, sweepFar, type EventQueue } from '../core/eventQueue.ts';
import { deadForever } from './deadTimers.ts';
import { newNetwork } from '../core/network.ts';
import { expectedMessages, newMessageTable } from '../core/messages.ts';
import { aliveById, incarnationById, newContext, type ContextState } from '../core/contextOps.ts';
import { newBatchHistory } from '../broker/batchHistory.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { Fault } from '../core/faults.ts';
import { LONG_MAX } from '../core/configSpec.ts';
import { freezeSettings } from './sameShape.ts';
import { MAX_EVENTS_PER_INSTANT, stalled } from '../scenario/progress.ts';
import { brokerOf, type NetBody, type NodeId, type SimContext, type SimEvent, type TimerBody } from '../core/context.ts';
import { brokerNode, type Broker, type ControllerPartition } from '../core/model.ts';
import { newReplica, assignEpoch } from '../broker/log.ts';
import { newBatchTable } from '../core/logColumns.ts';
import { controllerTick, handleAlterPartition, handleHeartbeat, uncleanElectionCheck } from '../controller/controller.ts';
import { answerMetadata, applyMetadata } from '../broker/brokerMeta.ts';
import { answerParked, handleFetch, handleFetchResponse, maybeShrinkIsr, onFetchTimeout, scheduleFetch, sendFetch } from '../broker/replication.ts';
import { appendFlushed, handleProduce } from '../broker/produceHandler.ts';
import { expireDelayedProduce } from '../broker/purgatory.ts';
import { checkpointHighWatermarks, flushScheduler, osWriteback } from '../broker/durability.ts';
import { finishShutdown, startBrokerTimers } from '../faults/lifecycle.ts';
import { applyFault } from '../faults/faultRules.ts';
import { createProducer } from '../producer/producerLifecycle.ts';
import { createConsumerWorld, deliverConsumer, onConsumerTimer } from '../consumer/consumerWorld.ts';
import { appSend } from '../producer/producerApp.ts';
import { completeRequest, onConnectFailed, onRequestTimeout, runSender } from '../producer/producerSender.ts';
import { handleMetadataResponse, onMetadataTimer } from '../producer/producerMetadata.ts';
import { newTrace } from '../core/traceLog.ts';

export class Simulation {
  readonly ctx: SimContext;
  /** Events handled at the current instant: a runaway loop at one instant is stopped (progress.ts). */
  private atInstant = 0;
  /** Events handled by this object so far: a reader (the lab's observer) knows whether anything happened since it looked, even within one instant. */
  dispatched = 0;
  /** Simulated ms skipped as idle so far (idleSkip.ts). */
  skippedMs = 0;
  /** The queue drops, unhandled, a timer this says can never do anything again (deadTimers.ts). */
  private readonly dead = (e: SimEvent): boolean => deadForever(this.ctx, e);

  /** `state`: a context to go on from (a copy of another run's, taken as is) instead of one built from the scenario. */
  constructor(readonly scenario: Scenario, state?: ContextState) {
    freezeSettings(scenario);
    if (state) {
      this.ctx = newContext(state);
      return;
    }
    const partitions = buildPartitions(scenario);
    const brokers: Broker[] = Array.from({ length: scenario.brokers }, (_, i) => ({ id: i + 1, status: 'running', incarnation: 0, config: scenario.brokerConfig, replicas: new Map(), meta: new Map(), registered: true, fenced: false, lastHeartbeatSeen: 0, registeredIncarnation: 0, shuttingDown: false, stopping: false, diskFreeAt: 0, startedClean: undefined, cleanShutdownFile: undefined }));
    const controllerParts: ControllerPartition[] = partitions.map((p) => ({ id: p.id, leader: p.assignment[0], leaderEpoch: 0, partitionEpoch: 0, isr: [...p.assignment], elr: [], lastKnownElr: [] }));
    const ctx = newContext({
      now: 0,
      random: rngState(scenario.seed),
      queue: newQueue<SimEvent>(),
      nodes: new Map(),
      lab: scenario.lab,
      kafkaVersion: scenario.kafkaVersion,
      rules: defaultsFor(scenario.kafkaVersion).rules,
      brokers,
      runtime: brokers.map(() => ({ parked: new Map(), purgatory: new Map(), conns: new Map(), fetcherConns: new Map() })),
      partitions,
      controller: { partitions: controllerParts, elr: scenario.features['eligible.leader.replicas.version'] >= 1 },
      producers: [],
      msgs: newMessageTable(expectedMessages(scenario.producers, scenario.until)),
      net: newNetwork(scenario.lab['network.latency.ms']),
      trace: newTrace(),
      batches: newBatchTable(),
      removed: [],
      history: newBatchHistory(),
      ids: { producerBatch: 0, logBatch: 0, pid: 1000, request: 0 },
      consumers: null,
      cause: -1,
    });
    const q = ctx.queue;
    this.ctx = ctx;
    ctx.registerNode('controller', { kind: 'controller', index: 0 });
    for (const br of brokers) ctx.registerNode(brokerNode(br.id), { kind: 'broker', index: br.id });
    // t=0: every partition has its preferred leader in epoch 0 and a full ISR.
    for (const p of partitions) {
      for (const b of p.assignment) {
        const br = brokers[b - 1];
        const r = newReplica(b, p.id);
        br.replicas.set(p.id, r);
        const s = controllerParts[p.id];
        br.meta.set(p.id, { leader: s.leader, leaderEpoch: 0, partitionEpoch: 0, isr: [...s.isr] });
        if (s.leader === b) {
          assignEpoch(r, 0, 0);
          for (const f of p.assignment) if (f !== b) r.followers.set(f, { leo: 0, lastCaughtUpTime: 0, lastFetchLeaderLeo: 0, lastFetchTime: 0 });
        } else scheduleFetch(ctx, br, r, 0);
      }
    }
    for (const br of brokers) startBrokerTimers(ctx, br);
    ctx.timer('controller', 250, { type: 'controller-tick' });
    scenario.producers.forEach((spec, i) => {
      const p = createProducer(ctx, spec, i);
      ctx.producers.push(p);
      ctx.registerNode(p.name, { kind: 'producer', index: i });
      ctx.timer(p.name, spec.startAt, { type: 'app-send' });
    });
    if (scenario.consumers.length) createConsumerWorld(ctx, scenario.consumers, scenario.until);
    for (const f of scenario.faults) pushEvent(q, { k: 'fault', t: f.at, seq: 0, fault: f });
    ctx.timer('controller', scenario.brokerConfig['unclean.leader.election.interval.ms'], { type: 'unclean-election-check' });
  }

  get now(): number {
    return this.ctx.now;
  }

  /** Everything scheduled (the context's queue: part of the state a checkpoint copies). */
  get queue(): EventQueue<SimEvent> {
    return this.ctx.queue;
  }

  /** Handles the next event; returns false when nothing is left to do. */
  step(): boolean {
    const e = popEvent(this.ctx.queue, this.dead);
    if (!e) return false;
    if (e.t !== this.ctx.now) this.atInstant = 0;
    else if (++this.atInstant > MAX_EVENTS_PER_INSTANT) throw stalled(this.scenario, e.t);
    this.ctx.now = e.t;
    this.dispatched++;
    this.dispatch(e);
    // The controller's tick (every 250 ms) is where a quiet stretch is noticed and skipped (idleSkip.ts),
    // and where the later windows are rid of timers that died early (eventQueue.ts sweepFar).
    if (e.k === 'timer' && e.body.type === 'controller-tick') {
      sweepFar(this.ctx.queue, this.dead);
      this.skippedMs += maybeSkipIdle(this.ctx, this.queue, this.scenario.until);
    }
    return true;
  }

  /** Runs every event at or before `t`, then sets the clock to `t`. */
  runUntil(t: number): void {
    for (;;) {
      const e = peekEvent(this.ctx.queue, this.dead);
      if (!e || e.t > t) break;
      this.step();
    }
    if (t > this.ctx.now) this.ctx.now = t;
  }

  /** Time of the next event, or undefined. */
  nextEventTime(): number | undefined {
    return peekEvent(this.ctx.queue, this.dead)?.t;
  }

  /** A fault or command from outside (the UI), applied now. */
  inject(f: Fault): void {
    pushEvent(this.ctx.queue, { k: 'fault', t: this.ctx.now, seq: 0, fault: { ...f, at: this.ctx.now } });
  }

  /** The context's state was replaced (a checkpoint restored): the per-instant counter starts again from it. */
  restored(): void {
    this.atInstant = 0;
  }

  private dispatch(e: SimEvent): void {
    const ctx = this.ctx;
    ctx.cause = -1;
    if (e.k === 'fault') return applyFault(ctx, e.fault);
    // Each node looked up once per event: the node table is read for every event.
    if (e.k === 'net') {
      const from = ctx.nodes.get(e.from);
      if ((from ? incarnationById(ctx, from) : 0) !== e.fromInc) return; // the sender died since: its connection is gone
      const to = ctx.nodes.get(e.to);
      if (!to || !aliveById(ctx, to) || incarnationById(ctx, to) !== e.toInc) return refused(ctx, e);
      return this.deliver(e.to, e.from, e.body, to);
    }
    const id = ctx.nodes.get(e.node);
    if (!id || !aliveById(ctx, id) || incarnationById(ctx, id) !== e.inc) return;
    this.onTimer(e.node, e.body, id);
  }

  private deliver(to: string, from: string, body: NetBody, node = this.ctx.nodeOf(to)): void {
    const ctx = this.ctx;
    if (body.type === 'consumer') {
      if (ctx.consumers) deliverConsumer(ctx, to, body.body);
      return;
    }
    if (node?.kind === 'controller') {
      const sender = ctx.nodeOf(from);
      if (sender?.kind !== 'broker') return;
      if (body.type === 'heartbeat') handleHeartbeat(ctx, sender.index, body.incarnation, body.shuttingDown);
      else if (body.type === 'alter-partition') handleAlterPartition(ctx, sender.index, body);
      return;
    }
    if (node?.kind === 'broker') {
      const br = brokerOf(ctx, node.index);
      switch (body.type) {
        case 'produce':
          return handleProduce(ctx, br, from, body);
        case 'fetch':
          return handleFetch(ctx, br, body);
        case 'fetch-resp':
          return handleFetchResponse(ctx, br, body);
        case 'metadata-push':
          return applyMetadata(ctx, br, body.partitions);
        case 'heartbeat-resp':
          // Only an accepted registration is answered: from now on this life follows the metadata.
          br.registered = true;
          applyMetadata(ctx, br, body.partitions);
          if (body.shutdownDone && br.stopping) finishShutdown(ctx, br);
          return;
        case 'alter-partition-resp': {
          const r = br.replicas.get(body.partition);
          if (r && body.error) r.pendingIsr = null;
          if (r) applyMetadata(ctx, br, [body.state]);
          return;
        }
        case 'metadata-req':
          return answerMetadata(ctx, br, from, body.producer);
      }
      return;
    }
    if (node?.kind !== 'producer') return;
    const p = ctx.producers[node.index];
    if (body.type === 'produce-resp') completeRequest(ctx, p, body.reqId, body.error, body.baseOffset, body.broker);
    else if (body.type === 'metadata-resp') handleMetadataResponse(ctx, p, body);
  }

  private onTimer(node: string, body: TimerBody, id: NodeId): void {
    const ctx = this.ctx;
    if (body.type === 'refused') return this.deliver(node, '', body.body, id);
    if (body.type === 'consumer') {
      if (ctx.consumers) onConsumerTimer(ctx, node, body.body);
      return;
    }
    if (id.kind === 'controller') return body.type === 'unclean-election-check' ? uncleanElectionCheck(ctx) : controllerTick(ctx);
    if (id.kind === 'broker') {
      const br = brokerOf(ctx, id.index);
      const c = br.config;
      switch (body.type) {
        case 'heartbeat':
          ctx.send(node, 'controller', { type: 'heartbeat', broker: br.id, incarnation: br.incarnation, shuttingDown: br.stopping });
          ctx.timer(node, br.stopping ? 250 : c['broker.heartbeat.interval.ms'], { type: 'heartbeat' });
          return;
        case 'isr-expiry':
          maybeShrinkIsr(ctx, br);
          ctx.timer(node, Math.max(1, Math.floor(c['replica.lag.time.max.ms'] / 2)), { type: 'isr-expiry' });
          return;
        case 'writeback':
          osWriteback(ctx, br);
          ctx.timer(node, ctx.lab['os.writeback.interval.ms'], { type: 'writeback' });
          return;
        case 'hw-checkpoint':
          checkpointHighWatermarks(br);
          ctx.timer(node, c['replica.high.watermark.checkpoint.interval.ms'], { type: 'hw-checkpoint' });
          return;
        case 'flush-scheduler':
          flushScheduler(ctx, br);
          if (c['log.flush.scheduler.interval.ms'] < LONG_MAX) ctx.timer(node, c['log.flush.scheduler.interval.ms'], { type: 'flush-scheduler' });
          return;
        case 'fetch': {
          const r = br.replicas.get(body.partition);
          if (r && r.fetchSessionId === body.session && !r.fetching) sendFetch(ctx, br, body.partition);
          return;
        }
        case 'fetch-timeout':
          return onFetchTimeout(ctx, br, body.partition, body.session, body.seq);
        case 'fetch-wait':
          return answerParked(ctx, br, body.partition, body.replica, body.session, body.deadline);
        case 'delayed-produce':
          return expireDelayedProduce(ctx, br, body.partition, body.reqId);
        case 'append-flushed':
          return appendFlushed(ctx, br, body.partition, body.d, body.acks, body.timeoutMs);
      }
      return;
    }
    if (id.kind !== 'producer') return;
    const p = ctx.producers[id.index];
    switch (body.type) {
      case 'app-send':
        return appSend(ctx, p);
      case 'sender-wake':
        if (body.at !== p.senderWakeAt) return; // superseded by an earlier wake-up
        p.senderWakeAt = 0;
        return runSender(ctx, p);
      case 'request-timeout':
        return onRequestTimeout(ctx, p, body.reqId, body.disconnect ?? false);
      case 'metadata-refresh':
        return onMetadataTimer(ctx, p, body.token);
      case 'connect-failed':
        return onConnectFailed(ctx, p);
    }
  }
}
