/**
 * The engine's codes said in a language: reasons, consumer events, rebalance
 * and commit-failure causes, story steps, refusals. Each picks its catalog key
 * from the code (and, where a sentence has an optional part, from its args),
 * then fills it with the one interpolation. An unknown code (a newer engine,
 * a hand-written trace) shows as the code itself, never as a blank.
 */
import { DELIVERY_TIMEOUT } from '../engine/core/trace.ts';
import type { Reason, ReasonCode } from '../engine/core/reasons.ts';
import type { StoryStep } from '../engine/checker/story.ts';
import type { NoteCode } from '../engine/core/trace.ts';
import { LEAVE_CODES, type Args as EngineArgs, type CommitFailCause, type ConsumerEventCode } from '../engine/consumer/consumerEventCodes.ts';
import { CATALOGS, translate, translateCode } from './catalog.ts';
import type { EN } from './catalogEn.ts';
import { problemWith } from './problems.ts';
import type { Args, Lang } from './format.ts';
import type { RebalanceReasonCode } from '../engine/core/consumerModel.ts';

// Every code the engine emits has its sentence in the catalog: a new code without one is a type error here.
type Covered<P extends string, C extends string> = Record<`${P}.${C}`, unknown>;
type AllCovered = Covered<'reason', ReasonCode> & Covered<'cevent', ConsumerEventCode> & Covered<'rebalance', RebalanceReasonCode> & Covered<'cause', CommitFailCause> & Covered<'note', NoteCode> & Covered<'leave', (typeof LEAVE_CODES)[string]>;
type Holds<T extends true> = T;
export type CatalogCoversEngineCodes = Holds<typeof EN extends AllCovered ? true : false>;

export function reasonText(lang: Lang, r: Reason): string {
  return translateCode(lang, `reason.${r.code}`, r.args, r.code);
}

/** A LeaveGroup reason: the Java client's wire text (Kafka's words) in the reader's language. */
function leaveText(lang: Lang, leave: string | number | undefined): string {
  const code = LEAVE_CODES[String(leave ?? '')];
  return code ? translate(lang, `leave.${code}`) : String(leave ?? '');
}

/** Why a group rebalances (code and args: member, leave). */
export function rebalanceReasonText(lang: Lang, r: { code: string; args: EngineArgs }): string {
  return translateCode(lang, `rebalance.${r.code}`, { ...r.args, leave: leaveText(lang, r.args.leave) }, r.code);
}

const list = (lang: Lang, v: string | number | undefined) =>
  String(v ?? '')
    .split(',')
    .filter(Boolean)
    .join(translate(lang, 'list.sep'));

/** The catalog key of a consumer event, for its args (optional parts are their own sentences). */
function consumerKey(what: string, a: EngineArgs): string {
  switch (what) {
    case 'assigned':
      return String(a.partitions ?? '') ? 'cevent.assigned' : 'cevent.assigned-none';
    case 'log-truncation':
      return a.divergedAt === '?' ? 'cevent.log-truncation-unknown' : 'cevent.log-truncation';
    case 'offset-reset':
      return Number(a.skipped) > 0 ? 'cevent.offset-reset-skipped' : 'cevent.offset-reset';
    case 'crashed':
      return Number(a.lostInQueue) > 0 ? 'cevent.crashed-lost' : 'cevent.crashed';
    case 'closing':
      return a.autoCommit ? 'cevent.closing-autocommit' : 'cevent.closing';
    case 'commit-failed':
      return a.auto ? 'cevent.commit-failed-auto' : 'cevent.commit-failed';
    case 'committed':
      return a.auto ? 'cevent.committed-auto' : 'cevent.committed';
    default:
      return `cevent.${what}`;
  }
}

/** The event fields the text needs: who, which group, the code and its args. */
export interface ConsumerEventLike {
  consumer: string;
  group: string;
  what: string;
  args?: EngineArgs;
}

export function consumerEventText(lang: Lang, ev: ConsumerEventLike): string {
  const a: EngineArgs = { ...(ev.args ?? {}), consumer: ev.consumer, group: ev.group };
  const filled: Record<string, string | number> = { ...a };
  if (ev.what === 'revoked' || ev.what === 'lost' || ev.what === 'assigned') filled.partitions = list(lang, a.partitions);
  if (ev.what === 'crashed') filled.holder = translate(lang, a.inline ? 'cevent.holder.batch' : 'cevent.holder.queue');
  if (ev.what === 'rebalance') filled.reason = rebalanceReasonText(lang, { code: String(a.reason ?? ''), args: a });
  if (ev.what === 'commit-failed') filled.cause = translateCode(lang, `cause.${String(a.cause ?? '')}`, a, String(a.cause ?? ''));
  return translateCode(lang, consumerKey(ev.what, a), filled, ev.what);
}

/** A story step; {reason} is its `why` (or, for a consumer rebalance, the reason code in its args). */
export function stepText(lang: Lang, s: StoryStep): string {
  const a: Record<string, string | number> = { ...s.args };
  if (s.why) a.reason = reasonText(lang, s.why);
  else if (s.code === 'c-rebalance') a.reason = rebalanceReasonText(lang, { code: String(s.args.reason), args: s.args });
  else if (s.code === 'truncated' || s.code === 'lost-unflushed') a.reason = '';
  // The delivery timeout's exception text is the engine's English: say it in the reader's language.
  if (s.code === 'failed' && a.error === DELIVERY_TIMEOUT) a.error = translate(lang, 'event.error.delivery-timeout');
  if (s.code === 'network') {
    a.what = translateCode(lang, `step.net.${String(s.args.what)}`, undefined, String(s.args.what));
    if (s.args.leaderOf !== undefined) a.detail = translate(lang, 'step.network.leaderOf', { partition: s.args.leaderOf });
  }
  return translateCode(lang, `step.${s.code}`, a, s.code);
}

/** A refusal (problem code and args from the engine) in a language; `fallback` for a code the catalog lacks. */
export function problemText(lang: Lang, code: string, args: Args = {}, fallback?: string): string {
  return problemWith((k) => CATALOGS[lang][k], lang, code, args, fallback);
}
