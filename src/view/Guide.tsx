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
import type { LabSnapshot } from '../engine/snapshot.ts';
import type { TraceEvent } from '../engine/trace.ts';
import { useT } from './hooks.ts';

type Phase = 'play' | 'acks' | 'wait-acks' | 'crash' | 'unnoticed' | 'lost' | 'none-early' | 'none-caught-up';

const STEP: Record<Phase, number> = { play: 1, acks: 2, 'wait-acks': 2, crash: 3, unnoticed: 3, lost: 4, 'none-early': 3, 'none-caught-up': 3 };

/** Which step of the first look the run is at. */
function phaseOf(snap: LabSnapshot, trace: TraceEvent[], playing: boolean): Phase {
  const now = snap.t;
  const p1 = snap.producers[0];
  const down = snap.brokers.filter((b) => b.status !== 'running');
  let crashAt = -1;
  // The first record written with acks=1, and when p1 got its acknowledgement.
  let first: Extract<TraceEvent, { type: 'appended' }> | null = null;
  let firstAcks1 = -1;
  for (const e of trace) {
    if (e.t > now) break;
    if (e.type === 'broker-crashed' && crashAt < 0) crashAt = e.t;
    if (e.type === 'appended' && e.acks === '1' && !first) first = e;
    if (first && firstAcks1 < 0 && e.type === 'acked' && e.producer === first.producer && e.partition === first.partition && e.to > first.from && e.t >= first.t) firstAcks1 = e.t;
    if (crashAt >= 0 && firstAcks1 >= 0) break;
  }
  if (snap.summary.lostAcked > 0) return 'lost';
  if (down.length > 0) {
    if (down.some((b) => b.unnoticed)) return 'unnoticed';
    return firstAcks1 < 0 || firstAcks1 > crashAt ? 'none-early' : 'none-caught-up';
  }
  if (now === 0 && !playing) return 'play';
  if (p1?.acks !== '1') return 'acks';
  return firstAcks1 < 0 ? 'wait-acks' : 'crash';
}

export function Guide() {
  const t = useT();
  const info = useLab((s) => s.info);
  const presetId = useLab((s) => s.presetId);
  const snap = useLab((s) => s.snap);
  const trace = useLab((s) => s.trace);
  const playing = useLab((s) => s.playing);
  if (!info) return null;
  const reordered = snap?.summary.reordered ?? 0;
  const reorder = reordered > 0 && (
    <p className="guide-note" data-testid="guide-reordered">
      {t('guide.reordered', { n: reordered })}
    </p>
  );
  if (presetId !== 'first-look' || !snap) {
    return (
      <section className="guide" aria-label={info.name}>
        <b>{info.name}</b> <span>{info.description}</span>
        {reorder}
      </section>
    );
  }
  const part = snap.partitions[0]?.name ?? 'orders-0';
  const phase = phaseOf(snap, trace, playing);
  const step = STEP[phase];
  const left = snap.brokers.find((b) => b.unnoticed)?.unnoticed;
  const wait = phase === 'wait-acks' || phase === 'unnoticed' || phase === 'none-early' || phase === 'none-caught-up';
  return (
    <section className="guide" aria-label={t('guide.title')} data-testid="guide" data-phase={phase}>
      <b>{t('guide.title')}:</b>
      <ol>
        {[1, 2, 3, 4].map((i) => (
          <li key={i} className={i < step ? 'done' : i === step ? 'now' : undefined} aria-current={i === step ? 'step' : undefined}>
            {t(`guide.${i}`, { partition: part })}
          </li>
        ))}
      </ol>
      <p className={wait ? 'guide-now wait' : 'guide-now'} data-testid={wait ? 'guide-wait' : 'guide-now'} aria-live="polite">
        {t(`guide.phase.${phase}`, { partition: part, s: left ? Math.max(0, (left.fenceAt - snap.t) / 1000).toFixed(1) : '0', timeout: left?.timeoutMs ?? 9000 })}
      </p>
      {reorder}
    </section>
  );
}
