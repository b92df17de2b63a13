/** The what-if request as a form: settings to vary, the fault model, runs, seed, and an optional search target. */
import { useId } from 'react';
import { FAULT_KINDS, type FaultKind } from '../../whatif/faultModel.ts';
import { GUARANTEES } from '../../whatif/runOne.ts';
import { parseValue } from '../../whatif/settings.ts';
import type { WhatIfRequest } from '../../whatif/request.ts';
import { useT } from '../hooks.ts';

/** Settings people vary most, offered as suggestions; any Kafka name the scenario format knows is accepted. */
const SUGGESTED = ['acks', 'min.insync.replicas', 'unclean.leader.election.enable', 'flush.messages', 'enable.idempotence', 'max.in.flight.requests.per.connection', 'retries', 'delivery.timeout.ms', 'enable.auto.commit', 'commit', 'processing', 'sink', 'replication.factor', 'lab.truncation'];

type Props = { value: WhatIfRequest; onChange(r: WhatIfRequest): void; busy: boolean };

export function WhatIfForm({ value: r, onChange, busy }: Props) {
  const t = useT();
  const id = useId();
  const set = (p: Partial<WhatIfRequest>) => onChange({ ...r, ...p });
  const random = r.faults.mode === 'random' ? r.faults : { mode: 'random' as const, kinds: ['crash', 'restart'] as FaultKind[], rate: 4, maxFaults: 4, maxDown: null };
  const toggleKind = (k: FaultKind, on: boolean) => {
    const kinds = on ? [...random.kinds, k] : random.kinds.filter((x) => x !== k);
    if (kinds.length) set({ faults: { ...random, kinds } });
  };
  return (
    <fieldset className="whatif-form" disabled={busy}>
      <datalist id={`${id}-keys`}>
        {SUGGESTED.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <h3>{t('whatif.vary')}</h3>
      {r.search && <p className="muted" data-testid="whatif-search-config">{t('whatif.searchConfig')}</p>}
      {!r.search && r.vary.map((v, i) => (
        // Keyed by the row count too: after a row is removed, each values field starts again from its row's values.
        <div className="whatif-vary" key={`${r.vary.length}-${i}`}>
          <label>
            <span>{t('whatif.key')}</span>
            <input list={`${id}-keys`} value={v.key} data-testid={`whatif-key-${i}`} spellCheck={false} onChange={(e) => set({ vary: r.vary.map((x, j) => (j === i ? { ...x, key: e.target.value.trim() } : x)) })} />
          </label>
          <label>
            <span>{t('whatif.values')}</span>
            <input
              defaultValue={v.values.join(', ')}
              data-testid={`whatif-values-${i}`}
              spellCheck={false}
              onChange={(e) => {
                const values = e.target.value.split(',').map((x) => x.trim()).filter(Boolean).map(parseValue);
                set({ vary: r.vary.map((x, j) => (j === i ? { ...x, values } : x)) });
              }}
            />
          </label>
          {r.vary.length > 1 && (
            <button type="button" className="btn" onClick={() => set({ vary: r.vary.filter((_, j) => j !== i) })}>
              {t('whatif.removeVary')}
            </button>
          )}
        </div>
      ))}
      {!r.search && r.vary.length < 3 && (
        <button type="button" className="btn" onClick={() => set({ vary: [...r.vary, { key: 'min.insync.replicas', values: [1, 2] }] })}>
          {t('whatif.addVary')}
        </button>
      )}
      <h3>{t('whatif.faults')}</h3>
      <label className="whatif-radio">
        <input type="radio" name={`${id}-faults`} checked={r.faults.mode === 'scenario'} disabled={!!r.search} onChange={() => set({ faults: { mode: 'scenario' } })} />
        {t('whatif.faults.scenario')}
      </label>
      <label className="whatif-radio">
        <input type="radio" name={`${id}-faults`} checked={r.faults.mode === 'random'} data-testid="whatif-random" onChange={() => set({ faults: random })} />
        {t('whatif.faults.random')}
      </label>
      <div className="whatif-kinds" aria-disabled={r.faults.mode !== 'random'}>
        {FAULT_KINDS.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={random.kinds.includes(k)} disabled={r.faults.mode !== 'random'} onChange={(e) => toggleKind(k, e.target.checked)} />
            {t(`whatif.k.${k}`)}
          </label>
        ))}
        <label>
          <span>{t('whatif.rate')}</span>
          <input type="number" min={0.1} max={600} step={0.5} value={random.rate} disabled={r.faults.mode !== 'random'} onChange={(e) => set({ faults: { ...random, rate: Math.min(600, Math.max(0.1, Number(e.target.value) || 0.1)) } })} />
        </label>
        <label>
          <span>{t('whatif.maxFaults')}</span>
          <input type="number" min={1} max={20} value={random.maxFaults} disabled={r.faults.mode !== 'random'} onChange={(e) => set({ faults: { ...random, maxFaults: Math.min(20, Math.max(1, Math.round(Number(e.target.value)) || 1)) } })} />
        </label>
        <label>
          <span>{t('whatif.maxDown')}</span>
          <input type="number" min={1} max={9} value={random.maxDown ?? ''} disabled={r.faults.mode !== 'random'} onChange={(e) => set({ faults: { ...random, maxDown: e.target.value === '' ? null : Math.min(9, Math.max(1, Math.round(Number(e.target.value)) || 1)) } })} />
        </label>
      </div>
      <div className="whatif-runs">
        <label>
          <span>{t('whatif.runs')}</span>
          <input type="number" min={1} max={5000} value={r.runs} data-testid="whatif-runs" onChange={(e) => set({ runs: Math.min(5000, Math.max(1, Math.round(Number(e.target.value)) || 1)) })} />
        </label>
        <label>
          <span>{t('whatif.seed')}</span>
          <input type="number" min={0} value={r.seed} onChange={(e) => set({ seed: Math.min(2 ** 31 - 1, Math.max(0, Math.round(Number(e.target.value)) || 0)) })} />
        </label>
        <label>
          <span>{t('whatif.search')}</span>
          <select value={r.search ?? ''} data-testid="whatif-guarantee" onChange={(e) => {
              const search = (e.target.value || undefined) as WhatIfRequest['search'];
              // A search draws random schedules: the fault kinds it draws from are the ones shown ticked.
              set({ search, ...(search ? { faults: random } : {}) });
            }}>
            <option value="">—</option>
            {GUARANTEES.map((g) => (
              <option key={g} value={g}>
                {t(`whatif.g.${g}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </fieldset>
  );
}
