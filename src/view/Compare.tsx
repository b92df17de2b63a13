/**
 * "Replay with one change", side by side: this run on the left, the replay
 * (a second lab: its own store and engine host, CompareLab.tsx) on the right,
 * at the same simulated time. Each side shows its fates and its stage (the
 * cluster and the partitions' logs); the counts that differ are marked on both
 * sides, and a table lists them. The replay's hooks carry a "cmp-" prefix.
 * At a narrow width the two runs stack (lab.css).
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { LabContext, useLab, useLabStore } from '../state/LabProvider.tsx';
import { CompareLab } from '../state/CompareLab.tsx';
import { changeLabel, compareOf, useCompare } from '../state/compare.ts';
import type { LabStore } from '../state/labStore.ts';
import type { ConfigChange } from '../engine/config/liveConfig.ts';
import type { Summary } from '../engine/checker/checker.ts';
import type { ScenarioInfo } from '../timeline/protocol.ts';
import { formatMs, problemText } from '../i18n/index.ts';
import { FatesPanel } from './FatesPanel.tsx';
import { ClusterView } from './ClusterView.tsx';
import { PartitionLogs } from './PartitionLogs.tsx';
import { CompareMarksContext, lostIds } from './compareMarks.ts';
import { TidPrefix } from './scope.ts';
import { useT } from './hooks.ts';
import './compare.css';

/** The counts the table compares, in the fates panel's order. */
const KEYS = ['produced', 'acked', 'committed', 'lostAcked', 'lostUnacked', 'duplicated', 'reordered'] as const;
const CONSUMER_KEYS = ['processed', 'processedTwice', 'lostAfterBroker', 'processedOutOfOrder'] as const;
type CountKey = (typeof KEYS)[number] | (typeof CONSUMER_KEYS)[number];

/** The value this run has for the compared setting (as the config panel shows it). */
export function settingValue(info: ScenarioInfo | null, c: ConfigChange): string {
  if (!info) return '?';
  if (c.scope === 'producer') {
    const p = info.producers.find((x) => x.name === c.producer);
    return String((p?.config[c.key] ?? (p as Record<string, unknown> | undefined)?.[c.key]) ?? '?');
  }
  if (c.scope === 'topic') return String(info.topics.find((x) => x.name === c.topic)?.config[c.key] ?? info.brokerConfig[c.key] ?? '?');
  if (c.scope === 'consumer') {
    const m = info.consumers.find((x) => x.group === c.group) as Record<string, unknown> | undefined;
    return String((m?.config as Record<string, unknown> | undefined)?.[c.key] ?? m?.[c.key] ?? '?');
  }
  if (c.key === 'kafkaVersion') return info.kafkaVersion;
  return String(c.key === 'brokers' ? info.brokers : c.key === 'partitions' ? info.topics[0]?.partitions : info.topics[0]?.replicationFactor);
}

export function CompareView() {
  const t = useT();
  const main = useLabStore();
  const change = useCompare((s) => s.change);
  const close = useRef<HTMLButtonElement>(null);
  // Focus lands here when the picker that opened it closed (its opener was replaced), so the keys go on working.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) close.current?.focus();
  }, [change]);
  if (!change) return null;
  const label = changeLabel(change);
  return (
    <section className="compare" aria-labelledby="compare-title" data-testid="compare" data-change={label}>
      <header className="compare-head">
        <h2 id="compare-title">{t('compare.title')}</h2>
        <p className="compare-explain">{t('compare.explain', { change: label })}</p>
        <button ref={close} type="button" className="btn" onClick={() => compareOf(main).setState({ change: null, byLesson: false })} data-testid="compare-close">
          ✕ {t('compare.close')}
        </button>
      </header>
      <CompareLab key={label} main={main} change={change}>
        <Runs main={main} change={change} />
      </CompareLab>
    </section>
  );
}

/** Inside the replay's lab context; the left side switches back to this run's. */
function Runs({ main, change }: { main: LabStore; change: ConfigChange }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const right = useLab((s) => s.snap);
  const notices = useLab((s) => s.notices);
  const left = useStore(main, (s) => s.snap);
  const info = useStore(main, (s) => s.info);
  const label = changeLabel(change);
  const leftMarks = useMemo(() => (right ? { other: right.summary, otherLost: lostIds(right.summary, right.anomalies) } : null), [right]);
  const rightMarks = useMemo(() => (left ? { other: left.summary, otherLost: lostIds(left.summary, left.anomalies) } : null), [left]);
  const refusal = notices.find((n) => n.tone === 'error');
  return (
    <>
      <Differences left={left?.summary} right={right?.summary} leftLost={lostIds(left?.summary, left?.anomalies)} rightLost={lostIds(right?.summary, right?.anomalies)} leftListed={listed(left?.anomalies)} rightListed={listed(right?.anomalies)} />
      <div className="compare-runs" role="group" aria-label={t('compare.runs')}>
        <LabContext.Provider value={main}>
          <div className="run run-left" data-testid="compare-left">
            <h3 className="run-head">
              {t('compare.thisRun', { setting: `${change.key}=${settingValue(info, change)}` })} <span className="run-at">{t('compare.at', { time: formatMs(left?.t ?? 0) })}</span>
            </h3>
            <CompareMarksContext.Provider value={leftMarks}>
              <FatesPanel />
            </CompareMarksContext.Provider>
            <ClusterView />
            <PartitionLogs />
          </div>
        </LabContext.Provider>
        <TidPrefix.Provider value="cmp-">
          <div className="run run-right" data-testid="compare-right">
            <h3 className="run-head">
              {t('compare.replay', { change: label })}{' '}
              <output className="run-at" data-testid="cmp-clock" data-t={right?.t ?? -1}>
                {right ? t('compare.at', { time: formatMs(right.t) }) : t('compare.starting')}
              </output>
            </h3>
            {refusal ? (
              <div className="notice error" role="alert" data-testid="cmp-refused">
                <p>{t('compare.refused')}</p>
                <p>{refusal.problem ? problemText(lang, refusal.problem.code, refusal.problem.args, String(refusal.vars?.reason ?? '')) : String(refusal.vars?.reason ?? '')}</p>
                <small>{String(refusal.vars?.where ?? '')}</small>
              </div>
            ) : right ? (
              <>
                <CompareMarksContext.Provider value={rightMarks}>
                  <FatesPanel />
                </CompareMarksContext.Provider>
                <ClusterView />
                <PartitionLogs />
              </>
            ) : (
              <p className="sub">{t('compare.starting')}</p>
            )}
          </div>
        </TidPrefix.Provider>
      </div>
    </>
  );
}

const listed = (a: { kind: string; message: number }[] | undefined) => (a ?? []).filter((x) => x.kind === 'lost-write').map((x) => x.message);

/** The counts that differ at this moment, and the lost records one run kept. */
function Differences({ left, right, leftLost, rightLost, leftListed, rightListed }: { left?: Summary; right?: Summary; leftLost: Set<number> | null; rightLost: Set<number> | null; leftListed: number[]; rightListed: number[] }) {
  const t = useT();
  if (!left || !right) return null;
  const keys: CountKey[] = [...KEYS, ...(left.consumerGroups.length || right.consumerGroups.length ? CONSUMER_KEYS : [])];
  const rows = keys.filter((k) => left[k] !== right[k]);
  const onlyLeft = left.lostAcked > 0 && right.lostAcked === 0 ? left.lostAcked : leftLost && rightLost ? [...leftLost].filter((m) => !rightLost.has(m)).length : null;
  const onlyRight = right.lostAcked > 0 && left.lostAcked === 0 ? right.lostAcked : leftLost && rightLost ? [...rightLost].filter((m) => !leftLost.has(m)).length : null;
  // Listed lost records the other run kept: it lost none, or its complete list lacks them.
  const examples = (ids: number[], otherCount: number, other: Set<number> | null) => ids.filter((m) => otherCount === 0 || (other && !other.has(m))).slice(0, 5).map((m) => `m${m}`).join(', ');
  return (
    <div className="compare-diff" data-testid="compare-diff">
      <h3>{t('compare.differences')}</h3>
      {rows.length === 0 ? (
        <p className="sub">{t('compare.same')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('compare.count')}</th>
              <th scope="col">{t('compare.left')}</th>
              <th scope="col">{t('compare.right')}</th>
              <th scope="col">{t('compare.delta')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((k) => {
              const d = right[k] - left[k];
              return (
                <tr key={k} data-testid={`diff-${k}`} data-left={left[k]} data-right={right[k]} className={k.startsWith('lost') || k === 'duplicated' || k === 'reordered' || k === 'processedTwice' ? 'bad' : ''}>
                  <th scope="row">{t(`fates.${k}`)}</th>
                  <td>{left[k]}</td>
                  <td>{right[k]}</td>
                  <td>{d > 0 ? `+${d}` : d}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!!onlyLeft && (
        <p className="lost-only" data-testid="diff-lost-only-left" data-value={onlyLeft}>
          {t('compare.lostOnlyLeft', { n: onlyLeft })} {examples(leftListed, right.lostAcked, rightLost) && <small>({t('compare.examples', { ids: examples(leftListed, right.lostAcked, rightLost) })})</small>}
        </p>
      )}
      {!!onlyRight && (
        <p className="lost-only" data-testid="diff-lost-only-right" data-value={onlyRight}>
          {t('compare.lostOnlyRight', { n: onlyRight })} {examples(rightListed, left.lostAcked, leftLost) && <small>({t('compare.examples', { ids: examples(rightListed, left.lostAcked, leftLost) })})</small>}
        </p>
      )}
    </div>
  );
}
