/** The trace as a filterable log; each line moves the timeline to its moment. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { eventGroup, eventText, formatMs, type EventGroup } from '../i18n/index.ts';
import { useT } from './hooks.ts';

const SHOWN = 150;

export function EventLog() {
  const t = useT();
  // The store appends to its trace in place: its version says when it changed.
  const version = useLab((s) => s.traceVersion);
  const trace = useLab((s) => s.trace);
  const base = useLab((s) => s.traceBase);
  // Only when the timeline is scrubbed back do later events hide; at the edge the list changes only with the trace.
  const now = useLab((s) => (s.snap && s.trace.length && s.trace[s.trace.length - 1].t > s.snap.t ? s.snap.t : Infinity));
  const lang = useLab((s) => s.lang);
  const send = useLab((s) => s.send);
  const [show, setShow] = useState<Record<EventGroup, boolean>>({ important: true, errors: true, detail: false });
  const list = useMemo(() => {
    const out: { i: number; text: string; t: number; g: EventGroup }[] = [];
    for (let i = trace.length - 1; i >= 0 && out.length < SHOWN; i--) {
      const e = trace[i];
      if (e.t > now) continue;
      const g = eventGroup(e);
      if (!show[g]) continue;
      out.push({ i: base + i, text: eventText(lang, e), t: e.t, g });
    }
    return out.reverse();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, trace, base, now, lang, show]);
  const box = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [list]);
  return (
    <section className="events" aria-label={t('events.title')}>
      <fieldset className="filters">
        <legend>{t('events.filter')}</legend>
        {(['important', 'errors', 'detail'] as EventGroup[]).map((g) => (
          <label key={g}>
            <input type="checkbox" checked={show[g]} onChange={(e) => setShow({ ...show, [g]: e.target.checked })} /> {t(`events.f.${g}`)}
          </label>
        ))}
      </fieldset>
      <ol className="event-list" ref={box} data-testid="events">
        {list.length === 0 && <li className="empty">{t('events.empty')}</li>}
        {list.map((e) => (
          <li key={e.i} className={`ev g-${e.g}`}>
            <button type="button" onClick={() => send({ type: 'seek', t: e.t })} title={t('events.seek', { t: formatMs(e.t) })}>
              <span className="time">{formatMs(e.t)}</span> {e.text}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
