/**
 * Sending consumer requests and answering them: every request a member sends
 * is remembered until its response or request.timeout.ms; errors come back
 * as well-formed responses with a Kafka error name.
 */
import type { SimContext } from '../core/context.ts';
import type { ConsumerRequest, ConsumerResponse, ConsumerWorld, Member, PendingRequest } from '../core/consumerModel.ts';
import { connectFor } from '../core/connections.ts';
import { brokerNode } from '../core/model.ts';

type DistOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestBody = DistOmit<ConsumerRequest, 'reqId' | 'member' | 'inc'>;
export type ResponseBody = DistOmit<ConsumerResponse, 'reqId' | 'member' | 'broker' | 'error'>;

export function sendRequest(ctx: SimContext, m: Member, broker: number, body: RequestBody, extra: Partial<PendingRequest> = {}, timeoutMs = m.spec.config['request.timeout.ms']): number {
  const w = ctx.consumers as ConsumerWorld;
  const reqId = w.nextReq++;
  m.requests.set(reqId, { kind: body.kind, broker, generation: m.generation, ...extra });
  const failIn = connectFor(ctx, m.name, m.conns, broker, m.spec.config);
  if (failIn > 0) {
    // No connection can be set up (socket.connection.setup.timeout.ms): the request fails as disconnected.
    ctx.timer(m.name, failIn, { type: 'consumer', body: { kind: 'request-failed', member: m.index, reqId, error: 'NETWORK_EXCEPTION' } });
    return reqId;
  }
  // A fetch, the request sent many times a second, as one literal (the same fields in the same order): a spread over bodies of every shape is slow.
  const req = (body.kind === 'fetch' ? { kind: 'fetch', partitions: body.partitions, reqId, member: m.index, inc: m.incarnation } : { ...body, reqId, member: m.index, inc: m.incarnation }) as ConsumerRequest;
  ctx.send(m.name, brokerNode(broker), { type: 'consumer', body: { dir: 'req', req } });
  ctx.timer(m.name, timeoutMs, { type: 'consumer', body: { kind: 'request-timeout', member: m.index, reqId } });
  return reqId;
}

/**
 * A request for the group coordinator (JoinGroup, SyncGroup, OffsetFetch, …).
 * While the coordinator is unknown the Java client never sends one: it fails at
 * once with COORDINATOR_NOT_AVAILABLE (`AbstractCoordinator.sendJoinGroupRequest`,
 * `sendSyncGroupRequest`: `if (coordinatorUnknown()) return
 * RequestFuture.coordinatorNotAvailable()`), and the caller looks the coordinator
 * up again. The failure reaches the handler on the next turn of the client's loop.
 */
export function sendToCoordinator(ctx: SimContext, m: Member, body: RequestBody, extra: Partial<PendingRequest> = {}, timeoutMs = m.spec.config['request.timeout.ms']): number {
  if (m.coordinator > 0) return sendRequest(ctx, m, m.coordinator, body, extra, timeoutMs);
  const w = ctx.consumers as ConsumerWorld;
  const reqId = w.nextReq++;
  m.requests.set(reqId, { kind: body.kind, broker: -1, generation: m.generation, ...extra });
  ctx.timer(m.name, 0, { type: 'consumer', body: { kind: 'request-failed', member: m.index, reqId, error: 'COORDINATOR_NOT_AVAILABLE' } });
  return reqId;
}

/**
 * The broker's process died: its host resets every connection to it, so each
 * request in flight there fails as disconnected (NETWORK_EXCEPTION) one network
 * latency later, instead of waiting for request.timeout.ms (`NetworkClient`
 * handles the disconnect; `AbstractCoordinator` then marks the coordinator unknown).
 */
export function resetConsumerConnections(ctx: SimContext, broker: number, latencyMs: number): void {
  const w = ctx.consumers as ConsumerWorld | null;
  if (!w) return;
  for (const m of w.members) {
    for (const [reqId, p] of m.requests) {
      if (p.broker === broker) ctx.timer(m.name, latencyMs, { type: 'consumer', body: { kind: 'request-failed', member: m.index, reqId, error: 'NETWORK_EXCEPTION' } });
    }
  }
}

/** Sends a response from broker `broker` to the member that asked. */
export function reply(ctx: SimContext, broker: number, req: ConsumerRequest, error: string | null, body: ResponseBody): void {
  const w = ctx.consumers as ConsumerWorld;
  const m = w.members[req.member];
  const resp = (body.kind === 'fetch' ? { kind: 'fetch', partitions: body.partitions, reqId: req.reqId, member: req.member, broker, error } : { ...body, reqId: req.reqId, member: req.member, broker, error }) as ConsumerResponse;
  ctx.send(brokerNode(broker), m.name, { type: 'consumer', body: { dir: 'resp', resp } });
}

export function emptyBody(req: ConsumerRequest): ResponseBody {
  switch (req.kind) {
    case 'find-coordinator':
      return { kind: 'find-coordinator', coordinator: -1 };
    case 'metadata':
      return { kind: 'metadata', partitions: [] };
    case 'join':
      return { kind: 'join', memberId: req.memberId, generation: -1, protocol: '', leader: '', members: [] };
    case 'sync':
      return { kind: 'sync', assignment: [] };
    case 'offset-fetch':
      return { kind: 'offset-fetch', offsets: [] };
    case 'list-offsets':
      return { kind: 'list-offsets', offsets: [] };
    case 'fetch':
      return { kind: 'fetch', partitions: [] };
    case 'offsets-for-leader-epoch':
      return { kind: 'offsets-for-leader-epoch', partitions: [] };
    default:
      return { kind: req.kind };
  }
}

export function errorResponse(req: ConsumerRequest, broker: number, error: string): ConsumerResponse {
  return { ...emptyBody(req), reqId: req.reqId, member: req.member, broker, error } as ConsumerResponse;
}

export function replyError(ctx: SimContext, broker: number, req: ConsumerRequest, error: string): void {
  reply(ctx, broker, req, error, emptyBody(req));
}
