/**
 * Actions without a pointer: the current leader of any partition, cutting a
 * link, healing, restarting a producer, and each consumer's actions.
 */
import { useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { useLabData, useT } from './hooks.ts';
import { consumerItems } from './NodeMenu.tsx';

/** Up to this many partitions get a row each; more get one row with a partition menu. */
const ROWS_MAX = 4;

export function ActionsPanel() {
  const t = useT();
  // Structured selections kept while equal: re-renders only when a leader, a producer or a member's status changes.
  const parts = useLabData((s) => s.snap?.partitions.map((p) => ({ name: p.name, leader: p.leader })) ?? []);
  const producers = useLabData((s) => s.info?.producers.map((p) => p.name) ?? []);
  const members = useLabData((s) => s.snap?.consumers.flatMap((g) => g.members.map((m) => ({ name: m.name, status: m.status, group: g.group }))) ?? []);
  const info = useLab((s) => s.info);
  const send = useLab((s) => s.send);
  const nodes = info?.nodes ?? [];
  const [from, setFrom] = useState('b1');
  const [to, setTo] = useState('b2');
  const [picked, setPicked] = useState('');
  const [pickedPart, setPickedPart] = useState('');
  if (!info) return null;
  const chosen = members.find((m) => m.name === picked) ?? members[0];
  return (
    <section className="panel actions" aria-label={t('actions.title')}>
      <h2>{t('actions.title')}</h2>
      {(parts.length > ROWS_MAX ? parts.filter((p) => p.name === (pickedPart || parts[0].name)) : parts).map((p) => (
        <div className="act-row" key={p.name}>
          {parts.length > ROWS_MAX ? (
            <label>
              {t('actions.partition')}{' '}
              <select value={p.name} onChange={(e) => setPickedPart(e.target.value)} data-testid="leader-pick">
                {parts.map((q) => (
                  <option key={q.name} value={q.name}>
                    {q.name} ({q.leader > 0 ? `b${q.leader}` : t('actions.none')})
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span>
              {t('actions.leaderOf', { partition: p.name })} <b>{p.leader > 0 ? `b${p.leader}` : t('actions.none')}</b>
            </span>
          )}
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
          <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('actions.from')}>
            {nodes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        ↔
        <select value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('actions.to')}>
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
        {producers.map((p) => (
            <button key={p} type="button" className="btn" onClick={() => send({ type: 'fault', fault: { type: 'producer-restart', producer: p } })}>
              ↻ {t('actions.producerRestart', { producer: p })}
            </button>
          ))}
      </div>
      {chosen && (
        <div className="act-row consumer-acts">
          <label>
            {t('actions.consumer')}{' '}
            <select value={chosen.name} onChange={(e) => setPicked(e.target.value)} data-testid="consumer-pick">
              {members.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} ({m.group}, {t(`consumer.s.${m.status}`)})
                </option>
              ))}
            </select>
          </label>
          {consumerItems(t, chosen.name, chosen.status, Number(info.consumers.find((c) => c.name === chosen.name)?.config['max.poll.interval.ms'] ?? 300000), members.find((m) => m.group === chosen.group && m.status === 'idle' && m.name !== chosen.name)?.name)
            .filter((it) => it.id !== 'c-stall-long')
            .map((it) => (
              <button key={it.id} type="button" className={it.id === 'c-crash' ? 'btn danger' : 'btn'} disabled={!it.enabled} onClick={() => send({ type: 'fault', fault: it.fault })} data-testid={`act-${it.id}`}>
                {it.label}
              </button>
            ))}
        </div>
      )}
    </section>
  );
}
