/**
 * Consumer groups: the coordinator broker, the group's state and generation,
 * each member with its status, assigned partitions (position and committed
 * offset), its processing queue, and the recent rebalances.
 */
import { memo } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import type { ConsumerGroupSnapshot } from '../engine/checker/consumerSnapshot.ts';
import { formatMs, rebalanceReasonText } from '../i18n/index.ts';
import { useLabData, useT } from './hooks.ts';

const QUEUE_FULL = 400;

export function Consumers() {
  const t = useT();
  // The text snapshot: while playing, refreshed every other frame (see LabState.textSnap).
  const groups = useLab((s) => s.textSnap?.consumers);
  if (!groups || groups.length === 0) return null;
  return (
    <section className="panel consumers" aria-label={t('consumers.title')}>
      <h2>{t('consumers.title')}</h2>
      {groups.map((g) => (
        <Group key={g.group} g={g} />
      ))}
    </section>
  );
}

const Group = memo(function Group({ g }: { g: ConsumerGroupSnapshot }) {
  // Partition indexes from the snapshot (a topic's name may contain '-': never parse the partition's name).
  const partitions = useLabData((s) => s.snap?.partitions.map((p) => ({ name: p.name, index: p.index })) ?? []);
  const indexOf = (name: string) => partitions.find((p) => p.name === name)?.index ?? name;
  const t = useT();
  const lang = useLab((s) => s.lang);
  const last = g.rebalances.slice(-2).reverse();
  return (
    <div className="cg" data-testid={`group-${g.group}`} data-generation={g.generation} data-state={g.state}>
      <div className="cg-head">
        <strong>{g.group}</strong>
        <span className="pill">{t('consumers.coordinator', { b: g.coordinator > 0 ? `b${g.coordinator}` : '–' })}</span>
        <span className={g.state === 'Stable' ? 'pill' : 'pill warn'}>{g.state}</span>
        <span className="pill">{t('consumers.generation', { n: g.generation })}</span>
        <span className="pill">{t('consumers.lag', { n: g.lag })}</span>
        <span className="pill muted">{t('consumers.processed', { n: g.processed })}</span>
      </div>
      <table className="members">
        <tbody>
          {g.members.map((m) => (
            <tr key={m.name} className={`s-${m.status}`} data-testid={`member-${m.name}`}>
              <th scope="row">{m.name}</th>
              <td>
                <span className={`status s-${m.status}`}>{t(`consumer.s.${m.status}`)}</span>
              </td>
              <td className="parts">
                {m.partitions.length === 0
                  ? '–'
                  : m.partitions.map((p) => (
                      <span key={p.partition} className="cp" title={t('consumers.partTitle', { p: p.partition, pos: p.position, c: p.committed })}>
                        {p.partition.slice(p.partition.lastIndexOf('-') + 1)}
                        <small>
                          ▲{p.position < 0 ? '?' : p.position} ✓{p.committed < 0 ? '–' : p.committed}
                        </small>
                      </span>
                    ))}
              </td>
              <td className="queue" title={t('consumers.queue', { n: m.queueLength })}>
                <span className="qbar" aria-hidden="true">
                  <i style={{ width: `${Math.min(100, (m.queueLength / QUEUE_FULL) * 100)}%` }} />
                </span>
                <small>{t('consumers.queueShort', { n: m.queueLength })}</small>
              </td>
              <td className="mode">
                <code>{m.commit === 'auto' ? t('consumers.autoCommit') : m.commit}</code> <code>{m.processing}</code>
                {m.sink === 'idempotent' && <code>{t('consumers.idempotentSink')}</code>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {last.length > 0 && (
        <ul className="rebalances">
          {last.map((r) => (
            <li key={r.generation}>
              <b>{t('consumers.generation', { n: r.generation })}</b> <span className="time">{formatMs(r.t)}</span> {rebalanceReasonText(lang, r.why)} →{' '}
              {r.members.map((x) => `${x.consumer}: ${x.partitions.map(indexOf).join(',') || '–'}`).join(' · ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
