/**
 * Picks the one setting a replay changes: the configuration panel's own rows
 * (Kafka's keys, values and refusals), in a modal dialog. Choosing a value
 * opens the comparison at the moment the run is at; Esc or Cancel closes it.
 */
import { useEffect, useRef } from 'react';
import { useLabStore } from '../state/LabProvider.tsx';
import { compareOf, useCompare } from '../state/compare.ts';
import { ConfigPanel } from './ConfigPanel.tsx';
import { useT } from './hooks.ts';

export function ComparePicker() {
  const t = useT();
  const lab = useLabStore();
  const picking = useCompare((s) => s.picking);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (picking && !d.open) {
      d.showModal();
      d.querySelector<HTMLElement>('select, input')?.focus();
    }
    if (!picking && d.open) d.close();
  }, [picking]);
  const cancel = () => compareOf(lab).setState({ picking: false });
  return (
    <dialog ref={ref} className="compare-picker" aria-labelledby="compare-pick-title" onCancel={(e) => { e.preventDefault(); cancel(); }} data-testid="compare-picker">
      <h2 id="compare-pick-title">{t('compare.pickTitle')}</h2>
      <p className="note">{t('compare.pickHelp')}</p>
      {picking && <ConfigPanel onPick={(change) => compareOf(lab).setState({ change, picking: false, byLesson: false })} />}
      <div className="confirm-buttons">
        <button type="button" className="btn" onClick={cancel} data-testid="compare-cancel">
          {t('compare.cancel')}
        </button>
      </div>
    </dialog>
  );
}
