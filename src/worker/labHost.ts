/**
 * The engine host: holds one Simulation, its command log and the playback
 * state, and answers Commands with HostEvents. No Kafka logic lives here: it
 * calls Simulation, check, snapshot, storyOf and liveConfig. The same class
 * runs inside the Web Worker and, where workers are unavailable, on the main
 * thread.
 *
 * Seek is deterministic replay (RaftScope's state.js): the nearest checkpoint
 * at or before the target is restored (one every CHECKPOINT_MS of simulated
 * time, see engine/checkpoint.ts), then the run re-applies the logged
 * commands at their simulated times up to the target.
 * Acting after scrubbing back forks a new future (the log is cut at now).
 * Commands are applied only when every event at or before `now` has run, so
 * replay reaches exactly the same state.
 */
import { Simulation } from '../engine/simulation.ts';
import { parseScenario, type Scenario } from '../engine/scenario.ts';
import { ScenarioError } from '../engine/scenarioError.ts';
import { newSnapshotCache, snapshot, type LabSnapshot, type PartitionSnap } from '../engine/snapshot.ts';
import { check, type AnomalyKind, type CheckResult } from '../engine/checker.ts';
import { storyOf } from '../engine/story.ts';
import { restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../engine/checkpoint.ts';
import type { TraceEvent } from '../engine/trace.ts';
import { consumerStory, type ConsumerAnomalyKind } from '../engine/consumerStory.ts';
import type { ConsumerWorld } from '../engine/consumerWorld.ts';
import { groupLag } from '../engine/consumerLag.ts';

const CONSUMER_KINDS = new Set<string>(['lost-after-broker', 'processed-twice', 'processed-out-of-order', 'skipped-by-reset']);
import { applyChange, planChange, withSpareMembers, type ConfigChange, type RawScenario } from '../engine/liveConfig.ts';
import { MAX_SPEED, type ChartSample, type Command, type HostEvent, type LiveFault, type ScenarioInfo, type SnapshotPatch } from '../engine/protocol.ts';
import type { Fault } from '../engine/faults.ts';
import { matchesTrace, type TraceMatch } from '../engine/traceMatch.ts';

interface Logged {
  t: number;
  fault?: LiveFault;
  change?: ConfigChange;
  /** The scenario JSON after a config change (what applyChange reads). */
  raw?: RawScenario;
}

const SAMPLE_MS = 250;
/** Wall ms between two runs of the checker while playing. */
const CHECK_EVERY_MS = 120;
const MAX_TRACE_PER_UPDATE = 4000;
/** Longest wall time one frame may spend simulating at maximum speed. */
const FRAME_BUDGET_MS = 10;
/** Simulated ms between two checkpoints (seek restores the nearest and replays the rest); at most MAX_CHECKPOINTS kept. */
const CHECKPOINT_MS = 5000;
const MAX_CHECKPOINTS = 48;
/** While playing, a piece of the snapshot crosses every STRIDE frames, in its slot (partition i in slot i % STRIDE). */
const STRIDE = 4;
const SLOT_ALWAYS = -1;
const SLOT_TRACE = 1;
const SLOT_COUNTS = 3;

export class LabHost {
  private base: RawScenario = {};
  private scenario!: Scenario;
  private sim!: Simulation;
  private log: Logged[] = [];
  private applied = 0;
  private raw: RawScenario = {};
  private playing = false;
  private speed = 1;
  private carry = 0;
  private lastWall = -1;
  private horizon = 0;
  private sentTrace = 0;
  private lastSample = -1;
  private samplesFrom = Number.MAX_SAFE_INTEGER;
  private pendingSamples: ChartSample[] = [];
  private infoDirty = false;
  private cache = newSnapshotCache();
  /** The snapshot the view holds (what the next patch is relative to). */
  private sent: LabSnapshot | null = null;
  private lastCheck: CheckResult | null = null;
  private lastCheckWall = 0;
  private frameNo = 0;
  private checkpoints: { cp: Checkpoint; applied: number; raw: RawScenario }[] = [];
  /** The longest trace of this timeline: what a restore takes its trace prefix from. */
  private longestTrace: TraceEvent[] = [];
  /** Where playing stops by itself (a lesson's next step): a time, and/or a trace event later than `after`. */
  private stop: { t: number | null; event: TraceMatch | null; after: number } | null = null;

  constructor(
    private readonly post: (e: HostEvent) => void,
    private readonly clock: () => number,
  ) {}

  handle(c: Command): void {
    try {
      this.dispatch(c);
    } catch (e) {
      const err = e instanceof ScenarioError ? { where: e.path, reason: e.problem, code: e.code, args: e.args } : { where: 'engine', reason: e instanceof Error ? e.message : String(e) };
      // A run that cannot go on (e.g. stopped for not making progress) stays paused where it stopped.
      if (this.playing) {
        this.playing = false;
        this.update();
      }
      this.post({ type: 'error', ...err, command: c.type });
    }
  }

  private dispatch(c: Command): void {
    switch (c.type) {
      case 'load':
        return this.load(c.scenario as RawScenario);
      case 'play':
        this.playing = true;
        this.lastWall = -1;
        return this.update();
      case 'pause':
        this.playing = false;
        return this.update();
      case 'speed':
        this.speed = c.speed === MAX_SPEED ? MAX_SPEED : Math.max(0.01, Math.min(1000, c.speed));
        return this.update();
      case 'frame':
        return this.frame(c.wallMs);
      case 'step': {
        this.playing = false;
        const next = this.nextMoment();
        if (next !== undefined) this.advanceTo(next);
        return this.update();
      }
      case 'seek':
        this.playing = false;
        this.seek(Math.max(0, Math.min(this.horizon, Math.round(c.t))));
        return this.update();
      case 'fault':
        this.act({ t: this.sim.now, fault: c.fault });
        return this.update();
      case 'config':
        return this.config(c.change);
      case 'reset': {
        const raw = { ...this.raw, seed: c.seed === 'same' ? this.scenario.seed : c.seed };
        return this.load(raw);
      }
      case 'story':
        return this.story(c.message, c.kind, c.group);
      case 'pause-at':
        this.stop = c.t === null && !c.event ? null : { t: c.t, event: c.event ?? null, after: c.after ?? -1 };
        return this.update();
    }
  }

  private load(raw: RawScenario): void {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ScenarioError('scenario', 'must be a JSON object');
    parseScenario(raw); // throws before anything is replaced, naming the user's own field
    raw = withSpareMembers(raw);
    const scenario = parseScenario(raw);
    this.base = JSON.parse(JSON.stringify(raw)) as RawScenario;
    this.raw = this.base;
    this.scenario = scenario;
    this.log = [];
    this.horizon = 0;
    this.sentTrace = 0;
    this.lastSample = -1;
    this.samplesFrom = 0;
    this.pendingSamples = [];
    this.playing = false;
    this.stop = null;
    this.cache = newSnapshotCache();
    this.sent = null;
    this.rebuild();
    this.sample();
    this.post({ type: 'loaded', info: this.info() });
    this.update();
  }

  private rebuild(): void {
    this.sim = new Simulation(this.scenario);
    this.applied = 0;
    this.raw = this.base;
    this.longestTrace = this.sim.ctx.trace;
    this.checkpoints = [];
    this.checkpoint();
  }

  /** Keeps the state at this moment (a sample boundary, every CHECKPOINT_MS of simulated time), once per timeline. */
  private checkpoint(): void {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last && last.cp.t >= this.sim.now) return;
    if (this.sim.ctx.trace.length > this.longestTrace.length) this.longestTrace = this.sim.ctx.trace;
    this.checkpoints.push({ cp: takeCheckpoint(this.sim), applied: this.applied, raw: this.raw });
    // A long run keeps at most MAX_CHECKPOINTS: every other one goes (t=0 stays), so they thin out evenly.
    if (this.checkpoints.length > MAX_CHECKPOINTS) this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0 || i === this.checkpoints.length - 1);
  }

  /** Puts the run back at the checkpoint (its state, command log position and configuration). */
  private restore(k: { cp: Checkpoint; applied: number; raw: RawScenario }): void {
    if (this.sim.ctx.trace.length > this.longestTrace.length) this.longestTrace = this.sim.ctx.trace;
    restoreCheckpoint(this.sim, k.cp, this.longestTrace);
    this.applied = k.applied;
    this.raw = k.raw;
  }

  /** The next simulated moment with something to do: an event or a logged command. */
  private nextMoment(): number | undefined {
    const e = this.sim.nextEventTime();
    const c = this.applied < this.log.length ? this.log[this.applied].t : undefined;
    if (e === undefined) return c;
    return c === undefined ? e : Math.min(e, c);
  }

  /** Runs to `t`, applying logged commands at their times and sampling the charts. */
  private advanceTo(t: number): void {
    const sim = this.sim;
    while (sim.now < t) {
      const boundary = Math.min(t, (Math.floor(sim.now / SAMPLE_MS) + 1) * SAMPLE_MS);
      this.runTo(boundary);
      if (boundary % SAMPLE_MS === 0) this.sample();
      if (boundary % CHECKPOINT_MS === 0 && boundary === sim.now) this.checkpoint();
    }
    this.runTo(t);
    if (t > this.horizon) this.horizon = t;
  }

  private runTo(t: number): void {
    while (this.applied < this.log.length && this.log[this.applied].t <= t) {
      const c = this.log[this.applied++];
      this.sim.runUntil(c.t);
      this.apply(c);
    }
    this.sim.runUntil(t);
  }

  private apply(c: Logged): void {
    if (c.fault) this.sim.inject(c.fault as Fault);
    if (c.change && c.raw) {
      applyChange(this.sim.ctx, c.change, c.raw);
      this.raw = c.raw;
      this.infoDirty = true;
    }
    // Let the command and whatever it triggers at this instant happen now.
    this.sim.runUntil(c.t);
  }

  /** A user action now: forks the future if the timeline was scrubbed back. */
  private act(c: Logged): void {
    this.sim.runUntil(this.sim.now);
    c.t = this.sim.now;
    if (this.applied < this.log.length || this.horizon > this.sim.now) {
      this.log.length = this.applied;
      this.horizon = this.sim.now;
      this.sentTrace = Math.min(this.sentTrace, this.sim.ctx.trace.length);
      this.samplesFrom = Math.min(this.samplesFrom, this.sim.now + 1);
      this.lastSample = Math.min(this.lastSample, this.sim.now);
      // The future is forked: checkpoints after now, and the trace beyond now, belong to the old one.
      this.checkpoints = this.checkpoints.filter((k) => k.cp.t <= this.sim.now);
      this.longestTrace = this.sim.ctx.trace;
    }
    this.log.push(c);
    this.applied++;
    this.apply(c);
  }

  private seek(t: number): void {
    const wasRaw = this.raw;
    // The nearest checkpoint at or before t, when going back or when it saves running forward.
    let best: (typeof this.checkpoints)[number] | undefined;
    for (const k of this.checkpoints) if (k.cp.t <= t) best = k;
    if (best && (t < this.sim.now || best.cp.t > this.sim.now)) this.restore(best);
    this.advanceTo(t);
    if (this.raw !== wasRaw) this.infoDirty = true;
  }

  private config(change: ConfigChange): void {
    const plan = planChange(this.raw, change);
    if (!plan.ok) {
      this.post({ type: 'error', where: plan.where, reason: plan.reason, command: 'config' });
      return;
    }
    const value = String(change.value);
    if (plan.mode === 'new-run') {
      this.load(plan.raw);
    } else {
      this.act({ t: this.sim.now, change, raw: plan.raw });
      this.update();
    }
    this.post({ type: 'config-applied', mode: plan.mode, key: change.key, value, ...(plan.note ? { note: plan.note } : {}) });
  }

  private frame(wallMs: number): void {
    if (this.playing) {
      const dt = this.lastWall < 0 ? 0 : Math.max(0, Math.min(100, wallMs - this.lastWall));
      this.lastWall = wallMs;
      const until = this.scenario.until;
      const before = this.sim.now;
      if (this.speed === MAX_SPEED) {
        const start = this.clock();
        while (this.playing && this.clock() - start < FRAME_BUDGET_MS && this.sim.nextEventTime() !== undefined) this.advancePlaying(this.sim.now + 20);
      } else {
        this.carry += dt * this.speed;
        const whole = Math.floor(this.carry);
        this.carry -= whole;
        if (whole > 0) this.advancePlaying(this.sim.now + whole);
      }
      // Reaching the scenario's end pauses once; play again to go on.
      if (before < until && this.sim.now >= until) this.playing = false;
      if (this.sim.nextEventTime() === undefined) this.playing = false;
    }
    this.update();
  }

  /** Plays on to `to`, stopping early where a pause-at asks (its time, or the moment of a matching trace event). */
  private advancePlaying(to: number): void {
    const s = this.stop;
    if (!s) return this.advanceTo(to);
    if (s.t !== null) to = Math.max(this.sim.now, Math.min(to, s.t));
    let hit = false;
    if (!s.event) this.advanceTo(to);
    else {
      // Moment by moment, so the run stops right after the event, at its time.
      const trace = this.sim.ctx.trace;
      let seen = trace.length;
      while (!hit && this.sim.now < to) {
        const n = this.nextMoment();
        this.advanceTo(n === undefined ? to : Math.min(to, Math.max(n, this.sim.now + 1)));
        for (; seen < trace.length && !hit; seen++) hit = trace[seen].t > s.after && matchesTrace(trace[seen], s.event);
      }
    }
    if (hit || (s.t !== null && this.sim.now >= s.t)) {
      this.playing = false;
      this.stop = null;
      this.carry = 0;
    }
  }

  private sample(): void {
    const sim = this.sim;
    const t = sim.now;
    if (t <= this.lastSample) return;
    this.lastSample = t;
    const ctx = sim.ctx;
    const s = check(ctx, { stories: false, maxAnomalies: 0 }).summary;
    this.pendingSamples.push({
      t,
      leo: ctx.partitions.map((p) => p.assignment.map((b) => ctx.brokers[b - 1].replicas.get(p.id)?.leo ?? 0)),
      hw: ctx.partitions.map((p) => {
        const cp = ctx.controller.partitions[p.id];
        const b = cp.leader > 0 ? cp.leader : cp.isr[0];
        return b ? (ctx.brokers[b - 1].replicas.get(p.id)?.hw ?? 0) : 0;
      }),
      lag: (() => {
        const w = ctx.consumers as ConsumerWorld | null;
        return w ? w.groups.map((g) => groupLag(ctx, w, g).lag) : [];
      })(),
      processedTwice: s.processedTwice,
      lostAfterBroker: s.lostAfterBroker,
      lostAcked: s.lostAcked,
      lostUnacked: s.lostUnacked,
      duplicated: s.duplicated,
      reordered: s.reordered,
    });
  }

  private update(): void {
    // While playing, a busy cluster's pieces take turns: each frame carries the
    // clock and the messages in flight, and a share of the rest (a partition or
    // two, or the counts and the trace), so every piece still updates several
    // times a second but no frame pays for all of them. Paused, stepping or
    // seeking: everything at once.
    const slot = this.playing && this.sent ? this.frameNo++ % STRIDE : -1;
    const due = (k: number) => slot < 0 || k < 0 || k % STRIDE === slot;
    const trace = this.sim.ctx.trace;
    let from = this.sentTrace;
    let events = due(SLOT_TRACE) && trace.length > from ? trace.slice(from) : [];
    if (events.length > MAX_TRACE_PER_UPDATE) {
      from = trace.length - MAX_TRACE_PER_UPDATE;
      events = trace.slice(from);
    }
    if (due(SLOT_TRACE)) this.sentTrace = Math.max(this.sentTrace, trace.length);
    const samples = due(SLOT_TRACE) ? this.pendingSamples : [];
    if (due(SLOT_TRACE)) this.pendingSamples = [];
    const samplesFrom = due(SLOT_TRACE) ? this.samplesFrom : Number.MAX_SAFE_INTEGER;
    if (due(SLOT_TRACE)) this.samplesFrom = Number.MAX_SAFE_INTEGER;
    const info = this.infoDirty ? this.info() : undefined;
    this.infoDirty = false;
    this.post({
      type: 'update',
      playing: this.playing,
      speed: this.speed,
      horizon: this.horizon,
      snapshot: this.patch(due),
      traceFrom: from,
      events,
      samplesFrom,
      samples,
      commands: this.log.map((c) => c.t),
      ...(info ? { info } : {}),
    });
  }

  /** The snapshot now, with what the view already holds left out (and, while playing, the pieces whose turn it is not). */
  private patch(due: (slot: number) => boolean): SnapshotPatch {
    // The checker reads every message: while playing, a few times a second is enough for the counts.
    const wall = this.clock();
    if (!this.playing || !this.lastCheck || wall - this.lastCheckWall >= CHECK_EVERY_MS || wall < this.lastCheckWall) {
      this.lastCheck = check(this.sim.ctx, { stories: false, maxAnomalies: 120, maxPerKind: 12 });
      this.lastCheckWall = wall;
    }
    const next = snapshot(this.sim, { check: this.lastCheck }, this.cache);
    const prev = this.sent;
    if (!prev) {
      this.sent = next;
      return next;
    }
    const p: SnapshotPatch = { t: next.t, next: next.next, flights: next.flights };
    // What the view holds after this patch.
    const held: LabSnapshot = { ...next };
    const take = <K extends 'brokers' | 'producers' | 'links' | 'summary' | 'anomalies' | 'consumers'>(k: K, slot: number) => {
      if (next[k] === prev[k]) return;
      if (!due(slot)) held[k] = prev[k];
      else (p as Record<K, LabSnapshot[K]>)[k] = next[k];
    };
    take('brokers', SLOT_ALWAYS);
    take('links', SLOT_ALWAYS);
    take('producers', SLOT_COUNTS);
    take('summary', SLOT_COUNTS);
    take('anomalies', SLOT_COUNTS);
    // The counts and the groups together, so "processed twice" and the rebalance behind it show at once.
    take('consumers', SLOT_COUNTS);
    if (next.partitions.length !== prev.partitions.length) p.partitions = next.partitions;
    else {
      // A new leader, epoch or ISR crosses at once; log contents in the partition's turn.
      const moved = (x: PartitionSnap, o: PartitionSnap) => x.leader !== o.leader || x.leaderEpoch !== o.leaderEpoch || x.isr.join() !== o.isr.join();
      held.partitions = next.partitions.map((x, i) => (x === prev.partitions[i] || due(i) || moved(x, prev.partitions[i]) ? x : prev.partitions[i]));
      if (held.partitions.some((x, i) => x !== prev.partitions[i])) p.partitions = held.partitions.map((x, i) => (x === prev.partitions[i] ? null : x));
    }
    this.sent = held;
    return p;
  }

  private story(message: number, want?: AnomalyKind, group?: string): void {
    const ctx = this.sim.ctx;
    if (!(message >= 0 && message < ctx.msgs.size)) throw new ScenarioError('story', `no message ${message} at this moment`);
    const all = check(ctx, { stories: false }).anomalies;
    const a = all.find((x) => x.message === message && (want === undefined || (x.kind === want && (group === undefined || x.group === group)))) ?? all.find((x) => x.message === message);
    const part = ctx.partitions[ctx.msgs.partition[message]].name;
    const key = ctx.msgs.key[message] >= 0 ? `k${ctx.msgs.key[message]}` : null;
    const w = ctx.consumers as ConsumerWorld | null;
    const g = a?.group !== undefined ? w?.groups.find((x) => x.id === a.group) : undefined;
    if (a && w && g && CONSUMER_KINDS.has(a.kind)) {
      // A consumer-side fate: the story of what the group's applications did with it.
      const pid = ctx.msgs.partition[message];
      const steps = consumerStory(ctx, w, g, message, pid, a.offsets[0] ?? -1, a.kind as ConsumerAnomalyKind);
      this.post({ type: 'story', message, kind: a.kind, partition: part, key, steps });
      return;
    }
    // A message without an anomaly still has a life story; 'ok' adds no verdict step.
    const kind = (a?.kind ?? 'ok') as AnomalyKind;
    const steps = storyOf(ctx, message, kind, { offsets: a?.offsets ?? [], overtakenBy: a?.overtakenBy });
    this.post({ type: 'story', message, kind: a ? a.kind : null, partition: part, key, steps });
  }

  private info(): ScenarioInfo {
    const s = parseScenario(this.raw);
    const plain = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'object')) as Record<string, string | number | boolean>;
    return {
      name: s.name,
      description: s.description,
      seed: s.seed,
      until: s.until,
      brokers: s.brokers,
      detail: s.lab.detail,
      raw: this.raw,
      topics: s.topics.map((t) => ({ name: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor, config: plain(t.config) })),
      producers: s.producers.map((p) => ({ name: p.name, topic: p.topic, rate: p.rate, count: p.count, keys: p.keys, config: plain(p.config), explicit: p.explicit })),
      brokerConfig: plain(s.brokerConfig),
      consumers: s.consumers.map((c) => ({ name: c.name, group: c.group, topic: c.topic, config: plain(c.config), commit: c.commit, processing: c.processing, processingMs: c.processingMs, sink: c.sink, startAt: c.startAt })),
      nodes: ['controller', ...Array.from({ length: s.brokers }, (_, i) => `b${i + 1}`), ...s.producers.map((p) => p.name), ...s.consumers.map((c) => c.name)],
    };
  }
}
