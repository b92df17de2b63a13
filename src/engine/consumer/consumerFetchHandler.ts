/**
 * The broker answering consumers: Metadata (who leads what), ListOffsets
 * (auto.offset.reset) and Fetch. A consumer (isolation.level=read_uncommitted)
 * reads from the leader only records below the high watermark; a fetch
 * offset past the log end is OFFSET_OUT_OF_RANGE (after an unclean election
 * or a truncation), a non-leader answers NOT_LEADER_OR_FOLLOWER.
 * A request carrying the consumer's idea of the leader epoch is checked
 * first: older is FENCED_LEADER_EPOCH, newer UNKNOWN_LEADER_EPOCH.
 * OffsetsForLeaderEpoch answers where an epoch ends in the leader's log (KIP-320).
 * Source: ReplicaManager.fetchMessages / readFromLog, Partition.fetchRecords
 * (FetchIsolation.HIGH_WATERMARK for consumers), Partition.checkCurrentLeaderEpoch /
 * lastOffsetForLeaderEpoch, KafkaApis.handleListOffsetRequest, UnifiedLog.fetchOffsetByTimestamp.
 */
import type { SimContext } from '../core/context.ts';
import type { ConsumerRequest, FetchedPartition } from '../core/consumerModel.ts';
import { isLeader } from '../broker/replication.ts';
import { batchIndexAt, endOffsetForEpoch } from '../broker/log.ts';
import { baseOffsetOf, logBatchOf } from '../core/logColumns.ts';
import { reply } from './consumerRequests.ts';
import type { LogBatch } from '../core/model.ts';
import { logIdAt } from '../core/replicaLog.ts';

/** Upper bound of batches one partition contributes to one fetch response (max.partition.fetch.bytes, roughly). */
const MAX_BATCHES_PER_PARTITION = 128;

export function handleBrokerRequest(ctx: SimContext, broker: number, req: ConsumerRequest): void {
  const br = ctx.brokers[broker - 1];
  switch (req.kind) {
    case 'metadata': {
      const partitions = req.partitions.map((id) => {
        const m = br.meta.get(id);
        // A broker that hosts no replica knows the leader from the metadata log: the controller's state.
        const s = m ?? ctx.controller.partitions[id];
        return { id, leader: s.leader, epoch: s.leaderEpoch };
      });
      return reply(ctx, broker, req, null, { kind: 'metadata', partitions });
    }
    case 'list-offsets': {
      const offsets: [number, number, number][] = [];
      for (const p of req.partitions) {
        const r = br.replicas.get(p);
        // LATEST for read_uncommitted is the high watermark, with the current leader epoch;
        // EARLIEST the log start (no retention here: 0), with the epoch of the first cache entry.
        if (r && isLeader(br, p)) offsets.push(req.reset === 'latest' ? [p, r.hw, br.meta.get(p)!.leaderEpoch] : [p, 0, r.epochCache[0]?.epoch ?? -1]);
        else offsets.push([p, -1, -1]);
      }
      const err = offsets.some(([, o]) => o < 0) ? 'NOT_LEADER_OR_FOLLOWER' : null;
      return reply(ctx, broker, req, err, { kind: 'list-offsets', offsets });
    }
    case 'fetch': {
      const partitions: FetchedPartition[] = [];
      for (const [p, fetchOffset, epoch] of req.partitions) {
        const error = epochError(ctx, broker, p, epoch);
        partitions.push(error ? { partition: p, error, fetchOffset, batches: [], hw: -1 } : readPartition(ctx, broker, p, fetchOffset));
      }
      return reply(ctx, broker, req, null, { kind: 'fetch', partitions });
    }
    case 'offsets-for-leader-epoch': {
      const partitions = req.partitions.map(([id, epoch, current]) => {
        const r = br.replicas.get(id);
        const error = epochError(ctx, broker, id, current) ?? (r && isLeader(br, id) ? null : 'NOT_LEADER_OR_FOLLOWER');
        // LeaderEpochFileCache.endOffsetFor: the largest epoch <= the asked one, and where it ends.
        const end = r && !error ? endOffsetForEpoch(r, epoch) : { epoch: -1, endOffset: -1 };
        return { id, error, epoch: end.epoch, endOffset: end.endOffset };
      });
      return reply(ctx, broker, req, null, { kind: 'offsets-for-leader-epoch', partitions });
    }
  }
}

/** Partition.checkCurrentLeaderEpoch: the requester's leader epoch against this broker's (-1: not checked). */
function epochError(ctx: SimContext, broker: number, p: number, epoch: number): string | null {
  const local = ctx.brokers[broker - 1].meta.get(p);
  if (epoch < 0 || !local) return null;
  return local.leaderEpoch > epoch ? 'FENCED_LEADER_EPOCH' : local.leaderEpoch < epoch ? 'UNKNOWN_LEADER_EPOCH' : null;
}

function readPartition(ctx: SimContext, broker: number, p: number, fetchOffset: number): FetchedPartition {
  const br = ctx.brokers[broker - 1];
  const r = br.replicas.get(p);
  if (!r || !isLeader(br, p)) return { partition: p, error: 'NOT_LEADER_OR_FOLLOWER', fetchOffset, batches: [], hw: -1 };
  if (fetchOffset > r.leo || fetchOffset < 0) return { partition: p, error: 'OFFSET_OUT_OF_RANGE', fetchOffset, batches: [], hw: r.hw };
  const batches: LogBatch[] = [];
  if (fetchOffset < r.hw) {
    const t = ctx.batches;
    let i = batchIndexAt(r, t, fetchOffset);
    while (i >= 0 && i < r.log.length && batches.length < MAX_BATCHES_PER_PARTITION) {
      const id = logIdAt(r.log, i++);
      if (baseOffsetOf(t, id) >= r.hw) break;
      // The consumer keeps what it fetched until it has processed it: an object of its own, made from the columns.
      batches.push(logBatchOf(t, id));
    }
  }
  return { partition: p, error: null, fetchOffset, batches, hw: r.hw };
}
