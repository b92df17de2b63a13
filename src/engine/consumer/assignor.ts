/**
 * Partition assignors, run by the group leader on the client (classic
 * protocol): range, roundrobin and sticky, and the coordinator's protocol
 * vote. Source: clients/.../consumer/RangeAssignor.java, RoundRobinAssignor.java,
 * AbstractStickyAssignor.java; GroupMetadata.selectProtocol / candidateProtocols.
 */
import type { PartitionId } from '../core/model.ts';

export interface AssignorMember {
  memberId: string;
  /** What it owned in the previous generation (sticky only). */
  owned: PartitionId[];
}

/** Partitions are given in partition-index order; members are ordered by member id, as Kafka sorts them. */
export function assign(strategy: string, partitions: PartitionId[], members: AssignorMember[]): Map<string, PartitionId[]> {
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const out = new Map<string, PartitionId[]>(sorted.map((m) => [m.memberId, []]));
  if (sorted.length === 0) return out;
  if (strategy === 'roundrobin') {
    partitions.forEach((p, i) => out.get(sorted[i % sorted.length].memberId)!.push(p));
    return out;
  }
  if (strategy === 'sticky' || strategy === 'cooperative-sticky') return sticky(partitions, sorted, out);
  // RangeAssignor: each member gets a contiguous range; the first (n mod m) members get one extra.
  const per = Math.floor(partitions.length / sorted.length);
  const extra = partitions.length % sorted.length;
  let next = 0;
  sorted.forEach((m, i) => {
    const n = per + (i < extra ? 1 : 0);
    out.get(m.memberId)!.push(...partitions.slice(next, next + n));
    next += n;
  });
  return out;
}

/**
 * Sticky: as balanced as range or round-robin (counts differ by at most one),
 * while keeping as many previous owners as possible.
 */
function sticky(partitions: PartitionId[], members: AssignorMember[], out: Map<string, PartitionId[]>): Map<string, PartitionId[]> {
  const m = members.length;
  const base = Math.floor(partitions.length / m);
  let extras = partitions.length % m;
  const valid = new Set(partitions);
  const taken = new Set<PartitionId>();
  // Members that owned the most keep first, so the ones allowed an extra partition are the ones that had it.
  const byOwned = [...members].sort((a, b) => b.owned.length - a.owned.length || (a.memberId < b.memberId ? -1 : 1));
  const quota = new Map<string, number>();
  for (const mem of byOwned) {
    const owned = mem.owned.filter((p) => valid.has(p) && !taken.has(p));
    let q = base;
    if (extras > 0 && owned.length > base) {
      q++;
      extras--;
    }
    quota.set(mem.memberId, q);
    for (const p of owned.slice(0, q)) {
      out.get(mem.memberId)!.push(p);
      taken.add(p);
    }
  }
  for (const mem of members) if (extras > 0 && quota.get(mem.memberId) === base) {
    quota.set(mem.memberId, base + 1);
    extras--;
  }
  for (const p of partitions) {
    if (taken.has(p)) continue;
    let best: AssignorMember | undefined;
    for (const mem of members) {
      const have = out.get(mem.memberId)!.length;
      if (have >= quota.get(mem.memberId)!) continue;
      if (!best || have < out.get(best.memberId)!.length) best = mem;
    }
    out.get((best ?? members[0]).memberId)!.push(p);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/**
 * GroupMetadata.selectProtocol: among the protocols every member supports,
 * each member votes for the first one in its own list; the most votes wins.
 * Returns null when the members have nothing in common (INCONSISTENT_GROUP_PROTOCOL).
 */
export function selectProtocol(lists: string[][]): string | null {
  if (lists.length === 0) return null;
  const common = lists[0].filter((p) => lists.every((l) => l.includes(p)));
  if (common.length === 0) return null;
  const votes = new Map<string, number>();
  for (const l of lists) {
    const choice = l.find((p) => common.includes(p))!;
    votes.set(choice, (votes.get(choice) ?? 0) + 1);
  }
  let best = common[0];
  for (const p of common) if ((votes.get(p) ?? 0) > (votes.get(best) ?? 0)) best = p;
  return best;
}
