/**
 * Consumer state for the UI, as plain JSON: each group (coordinator, state,
 * generation, members with their partitions, position and committed offset,
 * processing backlog, status), lag per partition and over time, and the
 * recent rebalances. Pure: reads ctx, changes nothing.
 */
import type { SimContext } from '../core/context.ts';
import { groupLag } from '../consumer/consumerLag.ts';
import { pendingRecords } from '../consumer/processing.ts';
import type { ConsumerWorld, RebalanceReason } from '../core/consumerModel.ts';

export interface ConsumerMemberSnapshot {
  name: string;
  memberId: string;
  status: 'alive' | 'crashed' | 'stalled' | 'left' | 'idle' | 'closing';
  joinState: string;
  generation: number;
  processing: string;
  commit: string;
  sink: string;
  queueLength: number;
  lastPollAt: number;
  partitions: { partition: string; /** The partition's index within its topic. */ index: number; position: number; committed: number }[];
  commitsFailed: number;
}

export interface ConsumerGroupSnapshot {
  group: string;
  topic: string;
  coordinator: number;
  state: string;
  generation: number;
  protocol: string;
  leader: string;
  members: ConsumerMemberSnapshot[];
  lag: number;
  lagByPartition: { partition: string; hw: number; committed: number; lag: number }[];
  lagOverTime: { t: number; lag: number; processed: number }[];
  processed: number;
  deduplicated: number;
  rebalances: { t: number; generation: number; why: RebalanceReason; members: { consumer: string; partitions: string[] }[] }[];
}

export function consumerSnapshot(ctx: SimContext, opts: { rebalances?: number; lagPoints?: number } = {}): ConsumerGroupSnapshot[] {
  const w = ctx.consumers as ConsumerWorld | null;
  if (!w) return [];
  const keepRebalances = opts.rebalances ?? 10;
  const keepLag = opts.lagPoints ?? 200;
  return w.groups.map((g) => {
    const lag = groupLag(ctx, w, g);
    const members = w.members
      .filter((m) => m.group === g.index)
      .map((m): ConsumerMemberSnapshot => ({
        name: m.name,
        memberId: m.memberId,
        status: m.status === 'running' ? (m.stalledUntil > ctx.now ? 'stalled' : 'alive') : m.status,
        joinState: m.joinState,
        generation: m.generation,
        processing: m.spec.processing,
        commit: m.spec.commit,
        sink: m.spec.sink,
        queueLength: m.status === 'running' || m.status === 'closing' ? pendingRecords(m) : 0,
        lastPollAt: m.lastPollAt,
        partitions: m.assignment.map((p) => ({ partition: ctx.partitions[p].name, index: ctx.partitions[p].index, position: m.position.get(p) ?? -1, committed: g.committed.get(p)?.offset ?? -1 })),
        commitsFailed: m.commitsFailed,
      }));
    return {
      group: g.id,
      topic: g.topic,
      coordinator: w.offsetsLeader.get(g.index) ?? -1,
      state: g.state,
      generation: g.generation,
      protocol: g.protocol,
      leader: g.members.get(g.leader)?.consumer ?? '',
      members,
      lag: lag.lag,
      lagByPartition: lag.perPartition,
      // slice(-0) would be the whole history: none asked for is none copied.
      lagOverTime: keepLag > 0 ? g.ledger.lag.slice(-keepLag).map((x) => ({ ...x })) : [],
      processed: g.ledger.processedCount,
      deduplicated: g.ledger.deduplicated,
      rebalances: g.rebalances.slice(-keepRebalances).map((r) => ({ t: r.t, generation: r.generation, why: { code: r.why.code, args: { ...r.why.args } }, members: r.members.map((x) => ({ consumer: x.consumer, partitions: [...x.partitions] })) })),
    };
  });
}
