/**
 * Consumer-side trace events as codes with structured args: what happened
 * (`what`), why a group rebalances, why a commit failed. The engine says no
 * sentences; src/i18n says them (cevent.<code>, rebalance.<code>, cause.<code>).
 */

export const CONSUMER_EVENT_CODES = [
  'polled', 'revoked', 'lost', 'assigned', 'out-of-range', 'fenced', 'poll-timeout',
  'coordinator-loaded', 'stable', 'rebalance', 'removed', 'session-expired',
  'truncation-reset', 'truncation-detected', 'log-truncation', 'no-offset', 'offset-reset',
  'started', 'restarted', 'crashed', 'closing', 'closed', 'stalled', 'commit-failed', 'committed', 'offsets-expired', 'static-replaced',
] as const;

export type ConsumerEventCode = (typeof CONSUMER_EVENT_CODES)[number];

export type Args = Record<string, string | number>;

/**
 * LeaveGroup reasons as the Java client sends them on the wire (KIP-800:
 * ConsumerCoordinator / AbstractCoordinator), which the coordinator quotes.
 * They are Kafka's data, not the lab's sentences; src/i18n reads them as
 * leave.<code> in the reader's language.
 */
export const LEAVE_CLOSING = 'the consumer is being closed';
export const LEAVE_POLL_TIMEOUT = 'consumer poll timeout has expired';
export const LEAVE_CODES: Record<string, 'closing' | 'poll-timeout'> = { [LEAVE_CLOSING]: 'closing', [LEAVE_POLL_TIMEOUT]: 'poll-timeout' };

/** Why a commit failed (args: brokerError, oldGeneration). */
export type CommitFailCause = 'rejoining' | 'not-in-group' | 'coordinator-unknown' | 'old-generation' | 'reassigned' | 'broker-error';
