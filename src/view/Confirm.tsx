/**
 * The lab's yes/no question, as a modal <dialog> (focus stays inside, Esc
 * answers no). Used before changing the scenario or seed ends an open lesson.
 */
import { useEffect, useRef } from 'react';
import { useStage } from './stage.ts';
import { useT } from './hooks.ts';

export function Confirm() {
  const t = useT();
  const q = useStage((s) => s.question);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (q && !d.open) d.showModal();
    if (!q && d.open) d.close();
  }, [q]);
  return (
    <dialog ref={ref} className="confirm" aria-labelledby="confirm-text" onCancel={(e) => { e.preventDefault(); q?.resolve(false); }} data-testid="confirm">
      <p id="confirm-text">{q?.text}</p>
      <div className="confirm-buttons">
        <button type="button" className="btn primary" onClick={() => q?.resolve(true)} data-testid="confirm-yes" autoFocus>
          {t('ask.yes')}
        </button>
        <button type="button" className="btn" onClick={() => q?.resolve(false)} data-testid="confirm-no">
          {t('ask.no')}
        </button>
      </div>
    </dialog>
  );
}
