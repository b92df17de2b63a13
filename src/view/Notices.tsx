/** Refusals and confirmations: a clear line naming what was wrong; nothing else on screen changes. */
import { useEffect } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { translate } from '../i18n/index.ts';
import { useT } from './hooks.ts';

export function Notices() {
  const t = useT();
  const notices = useLab((s) => s.notices);
  const lang = useLab((s) => s.lang);
  const dismiss = useLab((s) => s.dismiss);
  useEffect(() => {
    const info = notices.filter((n) => n.tone === 'info');
    if (info.length === 0) return;
    const id = setTimeout(() => info.forEach((n) => dismiss(n.id)), 6000);
    return () => clearTimeout(id);
  }, [notices, dismiss]);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => {
        const vars = n.vars ? { ...n.vars } : undefined;
        if (vars && typeof vars.note === 'string' && vars.note) vars.note = translate(lang, `applied.note.${vars.note}`);
        return (
          <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.tone}`}>
            {n.tone === 'error' && <b>{t('error.title')}: </b>}
            <span>{t(n.key, vars)}</span>
            <button type="button" className="btn small" onClick={() => dismiss(n.id)} aria-label={t('error.dismiss')}>
              ✕
            </button>
          </div>
        );
      })}
    </div>
  );
}
