/**
 * Play, pause, step back to the previous event, step to the next one, speed
 * and the timeline scrubber (seek = deterministic replay). The buttons run the
 * keymap's actions, so each does what its key does. On a phone the buttons
 * keep their symbols and the words are read out only (chrome.css): one line
 * of controls and the clock, then the timeline.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import { MAX_SPEED } from '../timeline/protocol.ts';
import { formatMs } from '../i18n/index.ts';
import { useT } from './hooks.ts';
import { SPEEDS, ariaKeys, runAction } from './keymap.ts';
import { useKeyContext } from './stage.ts';
import { CompareButton } from './CompareButton.tsx';

export { SPEEDS };

/**
 * The bar itself re-renders only when play/pause, the speed or the language
 * changes; the clock and the scrubber, which change every tick, are their own
 * components (a whole bar per tick, speed menu included, cost a frame budget
 * on a busy run).
 */
export function Transport() {
  const t = useT();
  const send = useLab((s) => s.send);
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const atStart = useLab((s) => (s.snap?.t ?? 0) === 0);
  const keys = useKeyContext();
  return (
    <section className="transport" aria-label={t('keys.transport')}>
      <button type="button" className="btn primary play" onClick={() => runAction('playPause', keys)} aria-keyshortcuts={ariaKeys('playPause')} data-testid="play">
        {playing ? `❚❚ ${t('transport.pause')}` : `▶ ${t('transport.play')}`}
      </button>
      <button type="button" className="btn" onClick={() => runAction('stepBack', keys)} title={t('keys.stepBackTitle')} aria-keyshortcuts={ariaKeys('prev')} disabled={atStart} data-testid="step-back">
        ❙◂ <span className="lbl">{t('keys.stepBack')}</span>
      </button>
      <button type="button" className="btn" onClick={() => runAction('step', keys)} title={t('transport.stepTitle')} aria-keyshortcuts={ariaKeys('next')} data-testid="step">
        ▸❙ <span className="lbl">{t('transport.step')}</span>
      </button>
      <label className="speed">
        <span className="lbl">{t('transport.speed')}</span>
        <select value={speed} onChange={(e) => send({ type: 'speed', speed: Number(e.target.value) })} data-testid="speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s === MAX_SPEED ? t('transport.max') : `${s}×`}
            </option>
          ))}
        </select>
      </label>
      <Scrubber />
      <Clock />
      <CompareButton />
    </section>
  );
}

/**
 * The timeline: drag to seek (deterministic replay); red marks where the user acted.
 * The thumb and the end follow the run outside React renders (a store
 * subscription writes the input's value, max and aria-valuetext): the input
 * re-renders only for the language, the marks, or a drag. While the run
 * plays, value and max are written only when the thumb moves by a pixel: at
 * the live edge (value = max) it never does, and each write laid out the
 * slider and the page above it every frame. Pointer, focus or paused, they are
 * exact, so a drag, a key or a typed value reads the run's true range.
 */
function Scrubber() {
  const t = useT();
  const store = useLabStore();
  const send = useLab((s) => s.send);
  const commands = useLab((s) => s.commands);
  // The marks sit at c / horizon: with marks, the horizon re-renders them; without, nothing here changes per tick.
  const markMax = useLab((s) => (s.commands.length ? Math.max(s.horizon, 1) : 1));
  const input = useRef<HTMLInputElement>(null);
  // While dragging, the thumb follows the pointer; seeks go out at most one per frame.
  const drag = useRef<number | null>(null);
  const pending = useRef<number | null>(null);
  const raf = useRef(0);
  const written = useRef({ max: '', value: '', said: '', px: -1 });
  useEffect(() => () => cancelAnimationFrame(raf.current), []);
  const seek = (v: number) => {
    drag.current = v;
    pending.current = v;
    write(store.getState());
    if (!raf.current) {
      raf.current = requestAnimationFrame(() => {
        raf.current = 0;
        if (pending.current !== null) send({ type: 'seek', t: pending.current });
        pending.current = null;
      });
    }
  };
  /** The track's width in px (a ResizeObserver's reading: never read during a store update, which would force a layout). */
  const track = useRef(0);
  /**
   * The input as the run stands (or as the drag holds it): max first, so a value past the old end is not clamped.
   * `exact`: write value and max even where the thumb would not move (a pointer, a focus, a pause).
   */
  const write = (s: { snap: { t: number } | null; horizon: number; playing: boolean }, exact = false) => {
    const el = input.current;
    if (!el) return;
    const now = s.snap?.t ?? 0;
    // The drag ends once the run has reached where it was dragged to (or plays on).
    if (drag.current !== null && pending.current === null && (Math.abs(now - drag.current) < 1 || s.playing)) drag.current = null;
    const max = Math.max(s.horizon, 1);
    const value = Math.min(drag.current ?? now, max);
    // Compared with what was last written, not read back (a range input's value getter sanitises every time).
    const w = written.current;
    const px = Math.round((value / max) * track.current);
    if (exact || !s.playing || drag.current !== null || px !== w.px || document.activeElement === el) {
      w.px = px;
      const maxText = String(max);
      if (w.max !== maxText) el.max = w.max = maxText;
      const valueText = String(value);
      if (w.value !== valueText || el.value !== valueText) el.value = w.value = valueText;
    }
    const said = formatMs(value);
    if (w.said !== said) el.setAttribute('aria-valuetext', (w.said = said));
  };
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    const ro = new ResizeObserver(() => (track.current = el.clientWidth));
    track.current = el.clientWidth;
    ro.observe(el);
    write(store.getState(), true);
    const off = store.subscribe((s, prev) => {
      if (s.snap !== prev.snap || s.horizon !== prev.horizon || s.playing !== prev.playing) write(s);
    });
    return () => {
      off();
      ro.disconnect();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  // Before the browser moves the thumb or reads a key: the run's true range, not the last pixel's.
  const exact = () => write(store.getState(), true);
  return (
    <div className="timeline">
      <input ref={input} type="range" min={0} step={1} defaultValue={0} onPointerDown={exact} onFocus={exact} onKeyDown={exact} onChange={(e) => seek(Number(e.target.value))} aria-label={t('transport.timeline')} data-testid="timeline" />
      <div className="marks" aria-hidden="true">
        {commands.map((c, i) => (
          <span key={i} className="mark" style={{ left: `${(c / markMax) * 100}%` }} title={t('transport.actions')} />
        ))}
      </div>
    </div>
  );
}

/** The clock (and data-t, which tests read), written by a store subscription: no React render per tick. */
function Clock() {
  const t = useT();
  const store = useLabStore();
  const out = useRef<HTMLOutputElement>(null);
  const now = useRef<Text>(null);
  const end = useRef<Text>(null);
  const written = useRef({ at: '', end: '' });
  useLayoutEffect(() => {
    // "now / where the run ends" (the scenario's until): at the start it read "0 ms / 0 ms", the furthest time reached so far.
    // The text snapshot's time: while playing, every other frame (see LabState.textSnap); exact when paused.
    const write = (s: { textSnap: { t: number } | null; horizon: number; info: { until: number } | null }) => {
      const el = out.current;
      if (!el) return;
      const at = s.textSnap?.t ?? 0;
      // Written only when it differs (a new text snapshot often has the same time or end).
      const w = written.current;
      const atText = String(at);
      if (w.at !== atText) {
        el.dataset.t = w.at = atText;
        if (now.current) now.current.data = formatMs(at);
      }
      const endText = ` / ${formatMs(Math.max(s.info?.until ?? 0, s.horizon))}`;
      if (end.current && w.end !== endText) end.current.data = w.end = endText;
    };
    const el = out.current!;
    // Two text nodes React never renders into, so it never fights the subscription.
    el.replaceChildren();
    const small = document.createElement('small');
    written.current = { at: '', end: '' };
    now.current = el.appendChild(document.createTextNode(''));
    end.current = small.appendChild(document.createTextNode(''));
    el.appendChild(small);
    write(store.getState());
    return store.subscribe((s, prev) => {
      // The horizon is read with the text snapshot (it grows every frame while playing; paused, every update brings a new text snapshot).
      if (s.textSnap !== prev.textSnap || s.info !== prev.info) write(s);
    });
  }, [store]);
  return <output ref={out} className="clock" aria-label={t('transport.time')} data-testid="clock" />;
}
