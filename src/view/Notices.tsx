/**
 * Refusals and confirmations. A refusal reads as a plain sentence first (what
 * did not happen: the scenario was not loaded, the setting not applied), then
 * Kafka's or the parser's reason, then where (the field path) in small type.
 * Long words and paths wrap inside the box. Nothing else on screen changes.
 *
 * Only the newest notice shows; earlier ones fold into one "dismiss N earlier"
 * button, so a burst of refusals never piles up over the stage. An info notice
 * still up when the run's key moment begins (a broker down that the controller
 * has not noticed) gives way: the banner saying so sits where the notices
 * float, and the crash has made the notice's news old anyway. Where they
 * would float over the stage's side column (the banner, the guide's "crash
 * now"), they float at the right instead, or at the top right (useDodge). On a phone the notices sit in the
 * page's flow (lab.css) instead of over the stage.
 */

const overlaps = (a: { left: number; right: number; top: number; bottom: number }, b: DOMRect) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

type Place = { at: 'left' | 'right' } | { at: 'top'; top: number };

/**
 * Where the notices float: bottom left; else bottom right, where the left
 * would cover the stage's side column (the banner, the guide) and the right
 * would not; else, when the side column spans the page (presenter mode lays it
 * out under the logs), top right under the transport.
 */
function useDodge(box: React.RefObject<HTMLDivElement | null>, shown: number): Place {
  const [place, setPlace] = useState<Place>({ at: 'left' });
  useLayoutEffect(() => {
    let raf = 0;
    const check = () => {
      raf = 0;
      const el = box.current;
      const side = document.querySelector('.lab .stage-side');
      if (!el || !side || getComputedStyle(el).position !== 'fixed') return setPlace({ at: 'left' });
      const r = el.getBoundingClientRect();
      const s = side.getBoundingClientRect();
      const bottom = innerHeight - 10;
      const atLeft = { left: 10, right: 10 + r.width, top: bottom - r.height, bottom };
      const atRight = { left: innerWidth - 10 - r.width, right: innerWidth - 10, top: bottom - r.height, bottom };
      const top = (document.querySelector('.lab .transport')?.getBoundingClientRect().bottom ?? 0) + 10;
      const atTop = { left: atRight.left, right: atRight.right, top, bottom: top + r.height };
      // `top` is set in the lab's own px: presenter mode zooms the lab (stageFit.css), and the rects above are the screen's.
      const zoom = (el as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      const next: Place = !overlaps(atLeft, s) ? { at: 'left' } : !overlaps(atRight, s) ? { at: 'right' } : !overlaps(atTop, s) ? { at: 'top', top: Math.round(top / zoom) } : { at: 'left' };
      setPlace((p) => (p.at === next.at && (p.at !== 'top' || next.at !== 'top' || p.top === next.top) ? p : next));
    };
    const later = () => {
      if (!raf) raf = requestAnimationFrame(check);
    };
    check();
    addEventListener('scroll', later, true);
    addEventListener('resize', later);
    return () => {
      cancelAnimationFrame(raf);
      removeEventListener('scroll', later, true);
      removeEventListener('resize', later);
    };
  }, [box, shown]);
  return place;
}
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { problemText, translateCode } from '../i18n/index.ts';
import { useT } from './hooks.ts';
import { runProblemLine } from '../share/problemText.ts';

export function Notices() {
  const t = useT();
  const notices = useLab((s) => s.notices);
  const lang = useLab((s) => s.lang);
  const dismiss = useLab((s) => s.dismiss);
  const keyMoment = useLab((s) => !!s.snap?.brokers.some((b) => b.unnoticed));
  // Only the info notices up when the moment begins give way: one the user asks for during it (a copied link, a rebuilt engine) shows.
  const wasKey = useRef(keyMoment);
  useEffect(() => {
    const began = keyMoment && !wasKey.current;
    wasKey.current = keyMoment;
    const info = notices.filter((n) => n.tone === 'info');
    if (info.length === 0) return;
    if (began) {
      info.forEach((n) => dismiss(n.id));
      return;
    }
    const id = setTimeout(() => info.forEach((n) => dismiss(n.id)), 6000);
    return () => clearTimeout(id);
  }, [notices, dismiss, keyMoment]);
  const earlier = notices.slice(0, -1);
  const box = useRef<HTMLDivElement>(null);
  const place = useDodge(box, notices.length ? notices[notices.length - 1].id : -1);
  return (
    <div className={place.at === 'left' ? 'notices' : `notices ${place.at}`} style={place.at === 'top' ? { top: place.top } : undefined} aria-live="polite" ref={box}>
      {earlier.length > 0 && (
        <button type="button" className="btn small notices-earlier" data-testid="notices-earlier" onClick={() => earlier.forEach((n) => dismiss(n.id))}>
          {t('notices.earlier', { n: earlier.length })}
        </button>
      )}
      {notices.map((n, i) => {
        const vars = n.vars ? { ...n.vars } : undefined;
        if (vars && n.run) vars.problem = runProblemLine(lang, n.run);
        if (vars && typeof vars.note === 'string' && vars.note) vars.note = translateCode(lang, `applied.note.${vars.note}`, undefined, vars.note);
        const refusal = n.tone === 'error' && n.key === 'error.generic' && vars;
        const command = refusal ? String(vars.command ?? '') : '';
        const lead = command === 'load' || command === 'reset' ? 'refused.load' : command === 'config' ? 'refused.config' : command === 'fault' ? 'refused.fault' : 'refused.other';
        return (
          <div key={n.id} className={`notice ${n.tone}`} hidden={i < notices.length - 1} role={n.tone === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.tone}`}>
            {refusal ? (
              <div className="notice-body">
                <p className="refusal-lead">{t(lead)}</p>
                <p className="refusal-reason">
                  {t('refused.reason')} {n.problem ? problemText(lang, n.problem.code, n.problem.args, String(vars.reason ?? '')) : String(vars.reason ?? '')}
                </p>
                {vars.where ? <small className="refusal-where">{String(vars.where)}</small> : null}
              </div>
            ) : (
              <div className="notice-body">
                {n.tone === 'error' && <b>{t('error.title')}: </b>}
                <span>{t(n.key, vars)}</span>
              </div>
            )}
            <button type="button" className="btn small" onClick={() => dismiss(n.id)} aria-label={t('error.dismiss')}>
              ✕
            </button>
          </div>
        );
      })}
    </div>
  );
}
