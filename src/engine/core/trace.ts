/**
 * The trace: every notable thing that happened, in order, as plain JSON.
 * It is what the checker cites as causes, what the UI's event log lists, and
 * what the determinism tests compare byte for byte.
 */
import type { Fault } from './faults.ts';
import type { Reason } from './reasons.ts';

export type TraceEvent = { t: number } & (
  | { type: 'fault'; fault: Fault; note?: FaultNote }
  | { type: 'broker-crashed'; broker: number; how: 'kill -9' | 'power loss' }
  | { type: 'broker-stopped'; broker: number }
  /** highWatermarks: each replica's HW as recovered from the replication-offset-checkpoint file. */
  | { type: 'broker-restarted'; broker: number; highWatermarks: { partition: string; hw: number; leo: number }[] }
  | { type: 'broker-fenced'; broker: number; why: Reason }
  | { type: 'broker-unfenced'; broker: number }
  | { type: 'leader-elected'; partition: string; leader: number; epoch: number; isr: number[]; unclean: boolean; previous: number; why: Reason; /** The new leader's log end at election (ground truth, for stories). */ leaderLeo: number; /** KIP-966: elected from the ELR, or the last known leader (absent: from the ISR, or unclean). */ how?: 'elr' | 'last-known-leader'; /** The ELR after the change (only with the ELR feature on). */ elr?: number[] }
  | { type: 'partition-offline'; partition: string; epoch: number; isr: number[]; why: Reason; elr?: number[] }
  | { type: 'isr-changed'; partition: string; isr: number[]; previous: number[]; leader: number; why: Reason; elr?: number[] }
  | { type: 'truncated'; broker: number; partition: string; from: number; to: number; records: number; why: Reason }
  | { type: 'power-loss-dropped'; broker: number; partition: string; from: number; to: number; records: number }
  | { type: 'became-leader'; broker: number; partition: string; epoch: number; leo: number; hw: number }
  | { type: 'became-follower'; broker: number; partition: string; epoch: number; leader: number }
  | { type: 'produce-error'; producer: string; partition: string; error: string; records: number; retriable: boolean; attempt: number; broker: number }
  /** A metadata response named an error for a partition the producer writes to (e.g. LEADER_NOT_AVAILABLE: no leader). */
  | { type: 'metadata-error'; producer: string; partition: string; error: string; broker: number }
  /** `error`: the broker's error, or DELIVERY_TIMEOUT when the producer expired the batch itself. */
  | { type: 'send-failed'; producer: string; partition: string; error: string; records: number; resent: boolean }
  | { type: 'producer-restarted'; producer: string; pid: number; droppedRecords: number; /** Of those, sent again by the restarted application (onRestart: resend). */ resentRecords?: number }
  | { type: 'link'; from: string; to: string; state: string }
  // Detail events: only with lab.detail (the UI's small scenarios), never in the bench.
  | { type: 'appended'; broker: number; partition: string; from: number; to: number; epoch: number; producer: string; acks: string }
  | { type: 'acked'; producer: string; partition: string; from: number; to: number; broker: number; records: number }
  | { type: 'hw-advanced'; broker: number; partition: string; hw: number }
  | { type: 'fetched'; broker: number; partition: string; from: number; to: number; leader: number }
  | { type: 'flushed'; broker: number; partition: string; to: number; why: Reason }
  | { type: 'note'; code: NoteCode; args: Record<string, string | number> }
  // Consumer side (see the consumer modules).
  | { type: 'consumer'; consumer: string; group: string; what: string; args?: Record<string, string | number> }
  /** A detail event a long run no longer keeps (traceRetention.ts): its index stays, its content is gone. */
  | { type: 'omitted' }
);

export type TraceType = TraceEvent['type'];

/** How a fault aimed at "the leader of" a partition was resolved when it fired. */
export type FaultNote = { code: 'leader-is'; partition: string; broker: number } | { code: 'no-leader'; partition: string };

/** A note in the log: a change applied live (src/i18n renders note.<code>). */
export type NoteCode = 'topic-config' | 'producer-reconfigured';

/**
 * The error a send-failed event carries when the producer expired a batch (delivery.timeout.ms), as Java's
 * client says it. Kept here, in a module with no code, so that the text (src/i18n) can recognise it without
 * importing the producer's Sender (which the widget's page would then download with its first script).
 */
export const DELIVERY_TIMEOUT = 'TimeoutException (delivery.timeout.ms expired)';
