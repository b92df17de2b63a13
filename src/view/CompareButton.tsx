/** Opens the replay-with-one-change picker at the moment the run is at (or closes the comparison shown). */
import { useLabStore } from '../state/LabProvider.tsx';
import { compareOf, useCompare } from '../state/compare.ts';
import { useT } from './hooks.ts';

export function CompareButton() {
  const t = useT();
  const lab = useLabStore();
  const open = useCompare((s) => s.change !== null);
  return open ? (
    <button type="button" className="btn compare-toggle on" onClick={() => compareOf(lab).setState({ change: null, byLesson: false })} aria-pressed={true} data-testid="compare-open">
      ⇄ {t('compare.close')}
    </button>
  ) : (
    <button type="button" className="btn compare-toggle" onClick={() => compareOf(lab).setState({ picking: true })} title={t('compare.openTitle')} aria-pressed={false} data-testid="compare-open">
      {t('compare.open')}
    </button>
  );
}
