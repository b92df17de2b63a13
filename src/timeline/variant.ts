/**
 * "Replay with one change": the same run (scenario, seed, and the command log
 * of faults and config changes) with one setting changed from t=0. Pure: it
 * rewrites a RunRecord, and a Timeline replays the result like any other run.
 *
 * Why from t=0 and not from the chosen moment: a learner asks "what would
 * acks=all have done to this crash?", which needs the records written before the
 * crash to have been written with acks=all too. It is also the only moment every
 * change can be made (consumer settings and the cluster's shape start a new run,
 * see liveConfig.ts). The view says so on screen.
 */
import { planChange, type ConfigChange, type RawScenario } from '../engine/config/liveConfig.ts';
import type { Logged } from './commandLog.ts';
import type { RunRecord } from './timeline.ts';

export type VariantOutcome = { ok: true; run: RunRecord } | { ok: false; where: string; reason: string; code: string; args: Record<string, string | number> };

/** The same config key on the same producer, topic, group or cluster. */
export function sameSetting(a: ConfigChange, b: ConfigChange): boolean {
  if (a.scope !== b.scope || a.key !== b.key) return false;
  if (a.scope === 'producer' && b.scope === 'producer') return a.producer === b.producer;
  if (a.scope === 'topic' && b.scope === 'topic') return a.topic === b.topic;
  if (a.scope === 'consumer' && b.scope === 'consumer') return a.group === b.group;
  return true;
}

/**
 * The run with `change` in force from t=0. Faults replay at their times
 * unchanged. A logged config change is planned again over the changed scenario
 * (so its scenario JSON keeps the one change); a logged change of the very
 * setting compared is dropped: the compared value holds for the whole run.
 */
export function variantRun(run: RunRecord, change: ConfigChange): VariantOutcome {
  const start = planChange(run.raw, change);
  if (!start.ok) return start;
  let raw: RawScenario = start.raw;
  const log: Logged[] = [];
  for (const e of run.log) {
    if (!e.change) {
      log.push({ ...e });
      continue;
    }
    if (sameSetting(e.change, change)) continue;
    const plan = planChange(raw, e.change);
    // A later change the changed run cannot make (refused, or one that starts a new run) is left out.
    if (!plan.ok || plan.mode === 'new-run') continue;
    raw = plan.raw;
    log.push({ t: e.t, change: e.change, raw });
  }
  return { ok: true, run: { raw: start.raw, log } };
}
