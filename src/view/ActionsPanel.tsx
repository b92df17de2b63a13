/** Actions without a pointer: the current leader of a partition, cutting a link, healing, restarting a producer. */
import { useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { useT } from './hooks.ts';

export function ActionsPanel() {
  const t = useT();
  const snap = useLab((s) => s.snap);
  const info = useLab((s) => s.info);
  const send = useLab((s) => s.send);
  const nodes = info?.nodes ?? [];
  const [from, setFrom] = useState('b1');
  const [to, setTo] = useState('b2');
  if (!snap) return null;
  return (
    <section className="panel actions" aria-label={t('actions.title')}>
      <h2>{t('actions.title')}</h2>
      {snap.partitions.slice(0, 3).map((p) => (
        <div className="act-row" key={p.id}>
          <span>{t('actions.leaderOf', { partition: p.name })} <b>{p.leader > 0 ? `b${p.leader}` : t('actions.none')}</b></span>
          <button type="button" className="btn danger" disabled={p.leader < 0} onClick={() => send({ type: 'fault', fault: { type: 'crash', broker: { leaderOf: p.name } } })} data-testid={`crash-leader-${p.name}`}>
            {t('menu.crash')}
          </button>
          <button type="button" className="btn" disabled={p.leader < 0} onClick={() => send({ type: 'fault', fault: { type: 'power-loss', brokers: [{ leaderOf: p.name }] } })}>
            {t('menu.power')}
          </button>
        </div>
      ))}
      <div className="act-row">
        <label>
          {t('actions.cut')}{' '}
          <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label="from">
            {nodes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        ↔
        <select value={to} onChange={(e) => setTo(e.target.value)} aria-label="to">
          {nodes.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <button type="button" className="btn" disabled={from === to} onClick={() => send({ type: 'fault', fault: { type: 'link', from, to, drop: 1 } })}>
          ✂ {t('actions.cutGo')}
        </button>
        <button type="button" className="btn" onClick={() => send({ type: 'fault', fault: { type: 'heal' } })} data-testid="heal">
          {t('actions.heal')}
        </button>
      </div>
      <div className="act-row">
        {snap.producers.map((p) => (
          <button key={p.name} type="button" className="btn" onClick={() => send({ type: 'fault', fault: { type: 'producer-restart', producer: p.name } })}>
            ↻ {t('actions.producerRestart', { producer: p.name })}
          </button>
        ))}
      </div>
    </section>
  );
}
