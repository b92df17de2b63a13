/**
 * Between a broker going down and the controller fencing it, Kafka still
 * counts it as leader and in the ISR: the controller only learns from missing
 * heartbeats, after broker.session.timeout.ms. The engine's snapshot says so
 * (BrokerSnap.unnoticed, with the moment the timeout runs out); this banner
 * says it in words, with a countdown in simulated time, right above the logs
 * that still show the dead broker as leader.
 */
import { useLab } from '../state/LabProvider.tsx';
import { useT } from './hooks.ts';

export function Unnoticed() {
  const t = useT();
  const brokers = useLab((s) => s.snap?.brokers);
  const partitions = useLab((s) => s.snap?.partitions);
  // The clock only while a banner shows (a re-render per frame otherwise for nothing).
  const now = useLab((s) => (s.snap?.brokers.some((b) => b.unnoticed) ? s.snap.t : 0));
  const down = brokers?.filter((b) => b.unnoticed) ?? [];
  if (down.length === 0) return null;
  return (
    <section className="unnoticed" aria-label={t('unnoticed.title')}>
      {down.map((b) => {
        const u = b.unnoticed!;
        const leads = partitions?.filter((p) => p.leader === b.id).map((p) => p.name) ?? [];
        const left = Math.max(0, u.fenceAt - now);
        return (
          <p key={b.id} data-testid={`unnoticed-b${b.id}`} data-fence-at={u.fenceAt}>
            <b>{t(b.status === 'running' ? 'unnoticed.headCut' : 'unnoticed.head', { b: b.id })}</b>{' '}
            {leads.length ? t('unnoticed.leads', { b: b.id, partitions: leads.join(', ') }) : t('unnoticed.member', { b: b.id })}{' '}
            <span className="countdown">
              {left > 0 ? t('unnoticed.countdown', { timeout: u.timeoutMs, s: (left / 1000).toFixed(1) }) : t('unnoticed.due', { timeout: u.timeoutMs })}
            </span>
          </p>
        );
      })}
    </section>
  );
}
