/**
 * Share (a link to the whole run, copied; where the page may not copy, the
 * link shown selected in a field), Save run, and the Export menu (run file,
 * fates CSV, trace JSON lines, the stage as SVG or PNG). A run too long for a
 * link says so and offers the run file.
 */
import { useEffect, useRef, useState } from 'react';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { currentRun, runUrl } from '../share/labRun.ts';
import { runToJSON } from '../share/runFile.ts';
import { fatesCsv, replayTo, traceJsonl } from '../share/exportData.ts';
import { stagePng, stageSvg } from '../share/stagePicture.ts';
import { formatMs } from '../i18n/index.ts';
import { useT } from './hooks.ts';
import './share.css';

function download(name: string, data: Blob | string, type: string) {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A file name from the scenario's name: letters, digits and dashes only. */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'run';

export function ShareMenu() {
  const t = useT();
  const lab = useLabStore();
  const notify = useLab((s) => s.notify);
  const name = useLab((s) => slug(s.presetId.replace(/^lesson:/, '')));
  const [link, setLink] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (link !== null) field.current?.select();
  }, [link]);

  const saveRun = () => {
    const run = currentRun(lab);
    if (!run) return;
    const file = `${name}-run.json`;
    download(file, runToJSON(run), 'application/json');
    notify({ tone: 'info', key: 'export.done', vars: { file } });
  };

  const share = async () => {
    const run = currentRun(lab);
    if (!run) return;
    const u = await runUrl(run);
    if (!u.ok) return notify({ tone: 'error', key: 'share.notice.tooLong', vars: { length: u.length, max: u.max } });
    const url = new URL(u.url, location.href).href;
    try {
      await navigator.clipboard.writeText(url);
      setLink(null);
      notify({ tone: 'info', key: 'share.notice.copied', vars: { t: formatMs(run.t) } });
    } catch {
      setLink(url);
    }
  };

  const exportAs = async (what: 'run' | 'fates' | 'trace' | 'svg' | 'png') => {
    setOpen(false);
    const s = lab.getState();
    if (what === 'run') return saveRun();
    if (!s.run) return;
    let file: string;
    if (what === 'fates' || what === 'trace') {
      const ctx = replayTo(s.run, s.snap?.t ?? 0);
      file = `${name}-${what === 'fates' ? 'fates.csv' : 'trace.jsonl'}`;
      download(file, what === 'fates' ? fatesCsv(ctx) : traceJsonl(ctx), what === 'fates' ? 'text/csv' : 'application/x-ndjson');
    } else {
      const stage = document.querySelector<HTMLElement>('.lab main.grid');
      if (!stage) return;
      file = `${name}-stage.${what}`;
      download(file, what === 'svg' ? new Blob([stageSvg(stage)], { type: 'image/svg+xml' }) : await stagePng(stage), what === 'svg' ? 'image/svg+xml' : 'image/png');
    }
    notify({ tone: 'info', key: 'export.done', vars: { file } });
  };

  return (
    <span className="share-menu">
      <button type="button" className="btn" onClick={() => void share()} title={t('share.title')} data-testid="share">
        {t('share.button')}
      </button>
      <button type="button" className="btn" onClick={saveRun} title={t('run.saveTitle')} data-testid="save-run">
        {t('run.save')}
      </button>
      <span className="export">
        <button type="button" className="btn" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title={t('export.title')} data-testid="export">
          {t('export.menu')} ▾
        </button>
        {open && (
          <span className="export-list" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
            {(['run', 'fates', 'trace', 'svg', 'png'] as const).map((w) => (
              <button key={w} type="button" role="menuitem" className="btn" onClick={() => void exportAs(w)} data-testid={`export-${w}`}>
                {t(`export.${w}`)}
              </button>
            ))}
          </span>
        )}
      </span>
      {link !== null && (
        <span className="share-link" role="dialog" aria-label={t('share.copyLabel')}>
          <label>
            <span>{t('share.copyHint')}</span>
            <input ref={field} readOnly value={link} data-testid="share-link" onFocus={(e) => e.target.select()} />
          </label>
          <button type="button" className="btn small" onClick={() => setLink(null)}>
            {t('share.close')}
          </button>
        </span>
      )}
    </span>
  );
}
