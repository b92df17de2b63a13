/**
 * The scenario's description, and for the first look the four steps a
 * newcomer takes, with the one to do now marked and a line saying what is
 * happening: what to wait for (p1 restarting with acks=1, the controller not
 * having noticed the crash yet), and why nothing was lost when the crash came
 * before any record was acknowledged with acks=1. It reads what the engine
 * reported (the producer's acks, the trace, the brokers, the counts); the
 * engine decides what happened, the guide only says which step that is.
 * Reorderings, wherever they appear, get a line saying what they are.
 */
import { useLab } from '../state/LabProvider.tsx';
import type { LabSnapshot } from '../engine/checker/snapshot.ts';
import type { TraceEvent } from '../engine/core/trace.ts';
import { scenarioDescription, scenarioName } from '../i18n/scenarioText.ts';
import { useT } from './hooks.ts';
import { useStage } from './stage.ts';

type Phase = 'play' | 'acks' | 'wait-acks' | 'crash' | 'unnoticed' | 'lost' | 'none-early' | 'none-caught-up';

const STEP: Record<Phase, number> = { play: 1, acks: 2, 'wait-acks': 2, crash: 3, unnoticed: 3, lost: 4, 'none-early': 3, 'none-caught-up': 3 };

/** Which step of the first look the run is at. */
function phaseOf(snap: LabSnapshot, trace: TraceEvent[], playing: boolean): Phase {
  const now = snap.t;
  const p1 = snap.producers[0];
  const down = snap.brokers.filter((b) => b.status !== 'running');
  if (snap.summary.lostAcked > 0) return 'lost';
  if (down.length === 0 && now === 0 && !playing) return 'play';
  if (down.length === 0 && p1?.acks !== '1') return 'acks';
  if (down.some((b) => b.unnoticed)) return 'unnoticed';
  let crashAt = -1;
  // The first record written with acks=1, and when p1 got its acknowledgement.
  let first: Extract<TraceEvent, { type: 'appended' }> | null = null;
  let firstAcks1 = -1;
  for (const e of trace) {
    if (e.t > now) break;
    if (e.type === 'broker-crashed' && crashAt < 0) crashAt = e.t;
    if (e.type === 'appended' && e.acks === '1' && !first) first = e;
    if (first && firstAcks1 < 0 && e.type === 'acked' && e.producer === first.producer && e.partition === first.partition && e.to > first.from && e.t >= first.t) firstAcks1 = e.t;
    if (firstAcks1 >= 0 && (crashAt >= 0 || down.length === 0)) break;
  }
  if (down.length > 0) return firstAcks1 < 0 || firstAcks1 > crashAt ? 'none-early' : 'none-caught-up';
  return firstAcks1 < 0 ? 'wait-acks' : 'crash';
}

/** The first look's phase and its countdown, as one string, so the guide re-renders only when either changes. */
function guideState(s: { snap: LabSnapshot | null; trace: TraceEvent[]; playing: boolean }): string {
  if (!s.snap) return '';
  const u = s.snap.brokers.find((b) => b.unnoticed)?.unnoticed;
  return `${phaseOf(s.snap, s.trace, s.playing)}|${u ? Math.max(0, (u.fenceAt - s.snap.t) / 1000).toFixed(1) : '0'}|${u?.timeoutMs ?? 9000}`;
}

export function Guide() {
  const t = useT();
  const info = useLab((s) => s.info);
  const presetId = useLab((s) => s.presetId);
  const lang = useLab((s) => s.lang);
  const part = useLab((s) => s.snap?.partitions[0]?.name ?? 'orders-0');
  // The text snapshot, so this count agrees with the fates panel's (LabState.textSnap).
  const reordered = useLab((s) => s.textSnap?.summary.reordered ?? 0);
  const state = useLab((s) => (s.presetId === 'first-look' ? guideState(s) : ''));
  // Presenter mode hides the Actions panel: the guide points only at what is on screen.
  const presenter = useStage((s) => s.presenter);
  if (!info) return null;
  const reorder = reordered > 0 && (
    <p className="guide-note" data-testid="guide-reordered">
      {t('guide.reordered', { n: reordered })}
    </p>
  );
  if (presetId !== 'first-look' || !state) {
    return (
      <section className="guide" aria-label={scenarioName(lang, presetId, info.name)}>
        <b>{scenarioName(lang, presetId, info.name)}</b> <span>{scenarioDescription(lang, presetId, info.description)}</span>
        {reorder}
      </section>
    );
  }
  const [phase, left, timeout] = state.split('|') as [Phase, string, string];
  const step = STEP[phase];
  const wait = phase === 'wait-acks' || phase === 'unnoticed' || phase === 'none-early' || phase === 'none-caught-up';
  return (
    <section className="guide" aria-label={t('guide.title')} data-testid="guide" data-phase={phase}>
      <b>{t('guide.title')}:</b>
      <ol>
        {([1, 2, 3, 4] as const).map((i) => (
          <li key={i} className={i < step ? 'done' : i === step ? 'now' : undefined} aria-current={i === step ? 'step' : undefined}>
            {t(`guide.${i}`, { partition: part })}
          </li>
        ))}
      </ol>
      <p className={wait ? 'guide-now wait' : 'guide-now'} data-testid={wait ? 'guide-wait' : 'guide-now'}>
        {t(phase === 'crash' && presenter ? 'guide.phase.crashPresenter' : `guide.phase.${phase}`, { partition: part, s: left, timeout })}
      </p>
      {reorder}
    </section>
  );
}
