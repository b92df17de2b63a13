/** Producers: what they sent and got acknowledged, requests in flight, batches waiting or retrying. */
import { useLab } from '../state/LabProvider.tsx';
import { useLabData, useT } from './hooks.ts';

export function Producers() {
  const t = useT();
  // The text snapshot: while playing, refreshed every other frame (see LabState.textSnap).
  const producers = useLab((s) => s.textSnap?.producers);
  // Names only (for the batches' tooltips): the partitions change every frame, their names never.
  const parts = useLabData((s) => s.snap?.partitions.map((p) => p.name));
  if (!producers) return null;
  return (
    <div className="producers" aria-label={t('producers.title')}>
      {producers.map((p) => (
        <div key={p.name} className="producer-line" data-testid={`producer-${p.name}`}>
          <b>{p.name}</b> <code>acks={p.acks}</code> <code>idempotence={String(p.idempotent)}</code>
          <span className="hot-line">{t('producers.line', { acked: p.acked, sent: p.sent, inflight: p.inFlight, batches: p.batches.filter((b) => !b.inFlight).length })}</span>
          <span className="batches" aria-hidden="true">
            {p.batches.slice(0, 16).map((b) => (
              <i key={b.id} className={b.inFlight ? 'batch fly' : b.attempts > 0 ? 'batch retry' : 'batch'} title={`${parts?.[b.partition] ?? b.partition}: ${b.records}${b.attempts > 1 ? ` · ${t('producers.retry', { n: b.attempts - 1 })}` : ''}`}>
                {b.records}
                {b.attempts > 1 ? '↻' : ''}
              </i>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
}
