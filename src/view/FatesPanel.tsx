/**
 * Running counts of every message's fate, on the broker side and, with
 * consumer groups, after it (processed twice, never processed, out of order).
 * Anomalies are listed by kind, the most serious first; "not committed yet"
 * (usually just lag with acks=1) only when nothing worse is there or asked
 * for. Clicking one opens its story.
 */
import { useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import type { AnomalyKind, Summary } from '../engine/checker/checker.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useT } from './hooks.ts';
import { useTid } from './scope.ts';
import { useCompareMarks } from './compareMarks.ts';

/** Kinds in the order they are offered, worst first, with the count that summarises each. */
const KINDS: [AnomalyKind, (s: Summary) => number][] = [
  ['lost-write', (s) => s.lostAcked],
  ['lost-after-broker', (s) => s.lostAfterBroker],
  ['processed-twice', (s) => s.processedTwice],
  ['duplicate', (s) => s.duplicated],
  ['nonmonotonic-send', (s) => s.reordered],
  ['processed-out-of-order', (s) => s.processedOutOfOrder],
  ['lost-unacked', (s) => s.lostUnacked],
  ['skipped-by-reset', (s) => s.consumerGroups.reduce((n, g) => n + g.skippedByReset, 0)],
  ['unseen', (s) => s.unseen],
];

export function FatesPanel() {
  const tid = useTid();
  const marks = useCompareMarks();
  const t = useT();
  // The text snapshot: while playing, refreshed every other frame (see LabState.textSnap).
  const s = useLab((st) => st.textSnap?.summary);
  const anomalies = useLab((st) => st.textSnap?.anomalies);
  const send = useLab((st) => st.send);
  const selected = useLab((st) => st.story?.message);
  const [want, setWant] = useState<AnomalyKind | null>(null);
  if (!s) return <section className="panel fates" />;
  const rows: [MessageKey & `fates.${string}`, number, string][] = [
    ['fates.produced', s.produced, ''],
    ['fates.acked', s.acked, ''],
    ['fates.committed', s.committed, 'good'],
    ['fates.lostAcked', s.lostAcked, s.lostAcked ? 'bad' : 'zero'],
    ['fates.lostUnacked', s.lostUnacked, s.lostUnacked ? 'warn' : 'zero'],
    ['fates.duplicated', s.duplicated, s.duplicated ? 'bad' : 'zero'],
    ['fates.reordered', s.reordered, s.reordered ? 'bad' : 'zero'],
    ['fates.unseen', s.unseen, ''],
  ];
  const consumers = s.consumerGroups && s.consumerGroups.length > 0;
  if (consumers) {
    rows.push(['fates.processed', s.processed, '']);
    rows.push(['fates.processedTwice', s.processedTwice, s.processedTwice ? 'bad' : 'zero']);
    rows.push(['fates.lostAfterBroker', s.lostAfterBroker, s.lostAfterBroker ? 'bad' : 'zero']);
    rows.push(['fates.processedOutOfOrder', s.processedOutOfOrder, s.processedOutOfOrder ? 'bad' : 'zero']);
  }
  const present = KINDS.map(([k, n]) => [k, n(s)] as const).filter(([, n]) => n > 0);
  const kind = want && present.some(([k]) => k === want) ? want : (present[0]?.[0] ?? null);
  const list = anomalies?.filter((a) => a.kind === kind) ?? [];
  return (
    <section className="panel fates" aria-label={t('fates.title')}>
      <h2>{t('fates.title')}</h2>
      <dl className="counts">
        {rows.map(([k, v, tone]) => (
          <div key={k} className={`count ${tone}`} data-testid={tid(`count-${k.slice(6)}`)} data-value={v} aria-describedby={k === 'fates.reordered' && v > 0 ? tid('why-reordered') : undefined}>
            <dt>{t(k)}</dt>
            <dd aria-live={k === 'fates.lostAcked' || k === 'fates.processedTwice' ? 'polite' : undefined}>
              {v}
              {marks && <Delta n={v - (marks.other[k.slice(6) as keyof Summary] as number)} />}
            </dd>
          </div>
        ))}
      </dl>
      {/* A reordering is explained where it is counted: what the word means here, and how it happens. */}
      {s.reordered > 0 && (
        <p className="count-why" id={tid('why-reordered')} data-testid={tid('why-reordered')}>
          {t('fates.reorderedWhy')}
        </p>
      )}
      {present.length === 0 ? (
        <p className="sub">{t('fates.none')}</p>
      ) : (
        <>
          <div className="kinds" role="tablist" aria-label={t('fates.list')}>
            {present.map(([k, n]) => (
              <button key={k} type="button" role="tab" aria-selected={k === kind} className={`kind-chip k-${k}${k === kind ? ' on' : ''}`} onClick={() => setWant(k)} data-testid={tid(`kind-${k}`)}>
                {t(`kind.${k}`)} <b>{n}</b>
              </button>
            ))}
          </div>
          {/* Five entries overflow its 104 px whatever the font: from then on its height is fixed (contain.css). */}
          <ul className={list.length >= 5 ? 'anomalies full' : 'anomalies'} aria-label={t('fates.list')}>
            {list.map((a) => (
              <li key={`${a.kind}-${a.group ?? ''}-${a.message}`}>
                <button type="button" className={`anomaly k-${a.kind}${selected === a.message ? ' sel' : ''}`} onClick={() => send({ type: 'story', message: a.message, kind: a.kind, ...(a.group !== undefined ? { group: a.group } : {}) })} data-testid={tid(`anomaly-${a.kind}`)}>
                  {t('fates.msg', { m: a.message, k: a.key ?? '-', p: a.group ? `${a.partition} @${a.offsets[0] ?? '?'} · ${a.group}` : a.partition })}
                  {a.kind === 'lost-write' && marks?.otherLost && !marks.otherLost.has(a.message) && <span className="kept-there" data-testid={tid('kept-there')}> · {t('compare.keptThere')}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A count's difference from the other run's, when two runs are compared. */
function Delta({ n }: { n: number }) {
  const t = useT();
  if (!n) return null;
  const shown = n > 0 ? `+${n}` : String(n);
  return (
    <span className={`delta ${n > 0 ? 'up' : 'down'}`} title={t('compare.deltaTitle', { n: shown })} data-delta={n}>
      {shown}
    </span>
  );
}
