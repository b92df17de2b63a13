/**
 * Play, pause, step back to the previous event, step to the next one, speed
 * and the timeline scrubber (seek = deterministic replay). The buttons run the
 * keymap's actions, so each does what its key does. On a phone the buttons
 * keep their symbols and the words are read out only (chrome.css): one line
 * of controls and the clock, then the timeline.
 */
import { useEffect, useRef, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
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

/** The timeline: drag to seek (deterministic replay); red marks where the user acted. */
function Scrubber() {
  const t = useT();
  const send = useLab((s) => s.send);
  const now = useLab((s) => s.snap?.t ?? 0);
  const horizon = useLab((s) => s.horizon);
  const commands = useLab((s) => s.commands);
  // While dragging, the thumb follows the pointer; seeks go out at most one per frame.
  const [drag, setDrag] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  const raf = useRef(0);
  useEffect(() => () => cancelAnimationFrame(raf.current), []);
  const seek = (v: number) => {
    setDrag(v);
    pending.current = v;
    if (!raf.current) {
      raf.current = requestAnimationFrame(() => {
        raf.current = 0;
        if (pending.current !== null) send({ type: 'seek', t: pending.current });
        pending.current = null;
      });
    }
  };
  useEffect(() => {
    if (drag !== null && pending.current === null && Math.abs(now - drag) < 1) setDrag(null);
  }, [now, drag]);
  const max = Math.max(horizon, 1);
  const value = drag ?? now;
  return (
    <div className="timeline">
      <input
        type="range"
        min={0}
        max={max}
        step={1}
        value={Math.min(value, max)}
        onChange={(e) => seek(Number(e.target.value))}
        aria-label={t('transport.timeline')}
        aria-valuetext={formatMs(value)}
        data-testid="timeline"
      />
      <div className="marks" aria-hidden="true">
        {commands.map((c, i) => (
          <span key={i} className="mark" style={{ left: `${(c / max) * 100}%` }} title={t('transport.actions')} />
        ))}
      </div>
    </div>
  );
}

function Clock() {
  const t = useT();
  const now = useLab((s) => s.snap?.t ?? 0);
  const horizon = useLab((s) => s.horizon);
  return (
    <output className="clock" aria-label={t('transport.time')} data-testid="clock" data-t={now}>
      {formatMs(now)}
      <small> / {formatMs(horizon)}</small>
    </output>
  );
}
