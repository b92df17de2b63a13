/**
 * Between a broker going down and the controller fencing it, Kafka still
 * counts it as leader and in the ISR: the controller only learns from missing
 * heartbeats, after broker.session.timeout.ms. The engine's snapshot says so
 * (BrokerSnap.unnoticed, with the moment the timeout runs out); this banner
 * says it in words, with a countdown in simulated time, right above the logs
 * that still show the dead broker as leader.
 */
import { useLabData, useT } from './hooks.ts';

export function Unnoticed() {
  const t = useT();
  // What the banner says, kept while equal in content: it re-renders when a countdown's tenth of a second
  // changes (ten times a simulated second), not with every snapshot.
  const down = useLabData((s) =>
    (s.snap?.brokers ?? [])
      .filter((b) => b.unnoticed)
      .map((b) => {
        const u = b.unnoticed!;
        const left = Math.max(0, u.fenceAt - s.snap!.t);
        return { id: b.id, running: b.status === 'running', fenceAt: u.fenceAt, timeoutMs: u.timeoutMs, left: left > 0 ? (left / 1000).toFixed(1) : '', leads: s.snap!.partitions.filter((p) => p.leader === b.id).map((p) => p.name) };
      }),
  );
  if (down.length === 0) return null;
  return (
    <section className="unnoticed" aria-label={t('unnoticed.title')}>
      {down.map((b) => (
        <p key={b.id} data-testid={`unnoticed-b${b.id}`} data-fence-at={b.fenceAt}>
          <b>{t(b.running ? 'unnoticed.headCut' : 'unnoticed.head', { b: b.id })}</b>{' '}
          {b.leads.length ? t('unnoticed.leads', { b: b.id, partitions: b.leads.join(', ') }) : t('unnoticed.member', { b: b.id })}{' '}
          <span className="countdown">{b.left ? t('unnoticed.countdown', { timeout: b.timeoutMs, s: b.left }) : t('unnoticed.due', { timeout: b.timeoutMs })}</span>
        </p>
      ))}
    </section>
  );
}
