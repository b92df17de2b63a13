/**
 * The top bar's "More ▾": a disclosure button and a panel with the less-used
 * controls, so the bar keeps one line at 1280 px (and on a phone). The panel's
 * content stays mounted while closed (hidden), so its buttons keep their
 * state and their `data-testid`s; a dialog one of them opens lives outside it
 * (a portal), and when that dialog closes, focus comes back to "More".
 * Keys: ↑/↓/Home/End move between its buttons, Esc closes it, Tab leaves it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useT } from './hooks.ts';

const ITEMS = 'button:not(:disabled), select, [href], input:not([type=hidden]):not([hidden])';

export function MoreMenu({ children }: { children: ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  /** An item that opened a dialog: focus returns to "More" when it closes. */
  const opener = useRef(false);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>(ITEMS)?.focus();
    const off = (e: PointerEvent) => {
      const el = e.target as Element;
      // Inside the menu, or inside something it opened (the export list, a dialog), the menu stays.
      if (!wrap.current?.contains(el) && !el.closest?.('dialog')) setOpen(false);
    };
    window.addEventListener('pointerdown', off);
    return () => window.removeEventListener('pointerdown', off);
  }, [open]);

  useEffect(() => {
    // `close` does not bubble; a capturing listener still sees it.
    const closed = (e: Event) => {
      const dialog = e.target;
      if (!opener.current || !(dialog instanceof HTMLDialogElement)) return;
      opener.current = false;
      // The dialog hands focus back to the item that opened it, hidden now: focus stays in the closed dialog or drops to the body.
      requestAnimationFrame(() => {
        const a = document.activeElement;
        if (!a || a === document.body || dialog.contains(a) || panel.current?.contains(a)) button.current?.focus();
      });
    };
    document.addEventListener('close', closed, true);
    return () => document.removeEventListener('close', closed, true);
  }, []);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
      return;
    }
    const items = [...(panel.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])].filter((x) => x.offsetParent !== null);
    const i = items.indexOf(document.activeElement as HTMLElement);
    const to = e.key === 'ArrowDown' ? (i + 1) % items.length : e.key === 'ArrowUp' ? (i - 1 + items.length) % items.length : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : -1;
    // A <select> keeps its own arrows.
    if (to < 0 || (document.activeElement instanceof HTMLSelectElement && e.key !== 'Home' && e.key !== 'End')) return;
    e.preventDefault();
    items[to]?.focus();
  };

  /** A click on an item closes the menu; a button that opens more of it (Export ▾) or Share (which may show its link here) keeps it. */
  const onClick = (e: MouseEvent) => {
    const b = (e.target as Element).closest('button');
    if (!b || b.hasAttribute('aria-haspopup') || (b.closest('.share-menu') && !b.closest('[role=menu]'))) return;
    opener.current = true;
    setOpen(false);
  };

  return (
    <div className="more" ref={wrap} onKeyDown={open ? onKey : undefined} data-closes-on-escape={open ? '' : undefined}>
      <button ref={button} type="button" className="btn" aria-expanded={open} aria-controls={id} title={t('more.title')} onClick={() => setOpen(!open)} data-testid="more">
        {t('more.button')} ▾
      </button>
      <div id={id} ref={panel} className="more-panel" hidden={!open} data-own-keys="" onClick={onClick}>
        {children}
      </div>
    </div>
  );
}
