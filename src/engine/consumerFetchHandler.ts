/**
 * The broker answering consumers: Metadata (who leads what), ListOffsets
 * (auto.offset.reset) and Fetch. A consumer (isolation.level=read_uncommitted)
 * reads from the leader only records below the high watermark; a fetch
 * offset past the log end is OFFSET_OUT_OF_RANGE (after an unclean election
 * or a truncation), a non-leader answers NOT_LEADER_OR_FOLLOWER.
 * Source: ReplicaManager.fetchMessages / readFromLog, Partition.fetchRecords
 * (FetchIsolation.HIGH_WATERMARK for consumers), KafkaApis.handleListOffsetRequest.
 */
import type { SimContext } from './context.ts';
import type { ConsumerRequest, FetchedPartition } from './consumerModel.ts';
import { isLeader } from './replication.ts';
import { batchIndexAt } from './log.ts';
import { reply } from './consumerRequests.ts';
import type { LogBatch } from './model.ts';

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
      const offsets: [number, number][] = [];
      for (const p of req.partitions) {
        const r = br.replicas.get(p);
        // LATEST for read_uncommitted is the high watermark; EARLIEST the log start (no retention here: 0).
        if (r && isLeader(br, p)) offsets.push([p, req.reset === 'latest' ? r.hw : 0]);
        else offsets.push([p, -1]);
      }
      const err = offsets.some(([, o]) => o < 0) ? 'NOT_LEADER_OR_FOLLOWER' : null;
      return reply(ctx, broker, req, err, { kind: 'list-offsets', offsets });
    }
    case 'fetch': {
      const partitions: FetchedPartition[] = [];
      for (const [p, fetchOffset] of req.partitions) partitions.push(readPartition(ctx, broker, p, fetchOffset));
      return reply(ctx, broker, req, null, { kind: 'fetch', partitions });
    }
  }
}

function readPartition(ctx: SimContext, broker: number, p: number, fetchOffset: number): FetchedPartition {
  const br = ctx.brokers[broker - 1];
  const r = br.replicas.get(p);
  if (!r || !isLeader(br, p)) return { partition: p, error: 'NOT_LEADER_OR_FOLLOWER', fetchOffset, batches: [], hw: -1 };
  if (fetchOffset > r.leo || fetchOffset < 0) return { partition: p, error: 'OFFSET_OUT_OF_RANGE', fetchOffset, batches: [], hw: r.hw };
  const batches: LogBatch[] = [];
  if (fetchOffset < r.hw) {
    let i = batchIndexAt(r, fetchOffset);
    while (i >= 0 && i < r.log.length && batches.length < MAX_BATCHES_PER_PARTITION) {
      const b = r.log[i++];
      if (b.baseOffset >= r.hw) break;
      batches.push(b);
    }
  }
  return { partition: p, error: null, fetchOffset, batches, hw: r.hw };
}
