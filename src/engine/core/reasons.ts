/**
 * Why something happened, as a code with arguments: the engine says no
 * sentences; src/i18n (reason.<code>) says them in English or Chinese.
 */
export type ReasonCode =
  | 'isr-lagging'
  | 'isr-caught-up'
  | 'fenced-heartbeats'
  | 'fenced-shutdown'
  | 'fenced-reregistered'
  | 'shutting-down'
  | 'broker-back'
  | 'diverging-epoch'
  | 'no-epoch'
  | 'offset-out-of-range'
  | 'legacy-follower-hw'
  | 'legacy-restart-hw'
  | 'flush-messages'
  | 'flush-ms'
  | 'os-writeback'
  | 'unclean-check'
  | 'unclean-shutdown'
  | 'min-isr-changed';

export interface Reason {
  code: ReasonCode;
  args: Record<string, string | number>;
}

/** The field a trace event carries for a reason: its code and arguments (src/i18n renders them). */
export function because(code: ReasonCode, args: Record<string, string | number> = {}): { why: Reason } {
  return { why: { code, args } };
}
