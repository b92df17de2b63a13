/** Running counts of every message's fate; lost, duplicated and reordered messages open their story. */
import { useLab } from '../state/LabProvider.tsx';
import { useT } from './hooks.ts';

export function FatesPanel() {
  const t = useT();
  const s = useLab((st) => st.snap?.summary);
  const anomalies = useLab((st) => st.snap?.anomalies);
  const send = useLab((st) => st.send);
  const selected = useLab((st) => st.story?.message);
  if (!s) return <section className="panel fates" />;
  const rows: [string, number, string][] = [
    ['fates.produced', s.produced, ''],
    ['fates.acked', s.acked, ''],
    ['fates.committed', s.committed, 'good'],
    ['fates.lostAcked', s.lostAcked, s.lostAcked ? 'bad' : 'zero'],
    ['fates.lostUnacked', s.lostUnacked, s.lostUnacked ? 'warn' : 'zero'],
    ['fates.duplicated', s.duplicated, s.duplicated ? 'bad' : 'zero'],
    ['fates.reordered', s.reordered, s.reordered ? 'bad' : 'zero'],
    ['fates.unseen', s.unseen, ''],
  ];
  // The consumer side, once the scenario has consumer groups.
  if (s.consumerGroups && s.consumerGroups.length > 0) {
    rows.push(['fates.processedTwice', s.processedTwice, s.processedTwice ? 'bad' : 'zero']);
    rows.push(['fates.lostAfterBroker', s.lostAfterBroker, s.lostAfterBroker ? 'bad' : 'zero']);
  }
  return (
    <section className="panel fates" aria-label={t('fates.title')}>
      <h2>{t('fates.title')}</h2>
      <dl className="counts">
        {rows.map(([k, v, tone]) => (
          <div key={k} className={`count ${tone}`} data-testid={`count-${k.slice(6)}`} data-value={v}>
            <dt>{t(k)}</dt>
            <dd aria-live={k === 'fates.lostAcked' ? 'polite' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="sub">{anomalies && anomalies.length > 0 ? t('fates.list') : t('fates.none')}</p>
      <ul className="anomalies">
        {anomalies?.slice(0, 24).map((a) => (
          <li key={`${a.kind}-${a.message}`}>
            <button type="button" className={`anomaly k-${a.kind}${selected === a.message ? ' sel' : ''}`} onClick={() => send({ type: 'story', message: a.message })} data-testid={`anomaly-${a.kind}`}>
              <b>{t(`kind.${a.kind}`) === `kind.${a.kind}` ? a.kind : t(`kind.${a.kind}`)}</b> {t('fates.msg', { m: a.message, k: a.key ?? '-', p: a.partition })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
