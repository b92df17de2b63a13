/** The scenario's description, and for the first look the four steps a newcomer takes. */
import { useLab } from '../state/LabProvider.tsx';
import { useT } from './hooks.ts';

export function Guide() {
  const t = useT();
  const info = useLab((s) => s.info);
  const presetId = useLab((s) => s.presetId);
  const part = useLab((s) => s.snap?.partitions[0]?.name ?? 'orders-0');
  if (!info) return null;
  if (presetId !== 'first-look') {
    return (
      <div className="guide">
        <b>{info.name}</b> <span>{info.description}</span>
      </div>
    );
  }
  return (
    <div className="guide">
      <b>{t('guide.title')}:</b>
      <ol>
        <li>{t('guide.1')}</li>
        <li>{t('guide.2')}</li>
        <li>{t('guide.3', { partition: part })}</li>
        <li>{t('guide.4')}</li>
      </ol>
    </div>
  );
}
