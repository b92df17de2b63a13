/**
 * One keymap for the lab: a table of actions, each with its keys (tinykeys
 * syntax), a scope, a name for buttons and the keys help, and what it does.
 * Buttons run the same actions (`runAction`), so a key and its button never
 * disagree (the idea of excalidraw's action registry).
 *
 * Scopes, because a presentation clicker cannot know what has focus:
 * - `clicker`: PageDown/PageUp and →/← step the lesson (or the run's
 *   next/previous event), "." and "b" blank the screen, F5 starts presenter
 *   mode and Esc leaves it, whatever has focus. A form control never turns
 *   them into value changes: the keymap listens in the capture phase and
 *   cancels the key before a focused <select> or range sees it. Only a text
 *   field keeps the keys that type or move its caret.
 * - `app`: the lab's own keys (Space, P, L, +/−, Home/End, N), ignored while
 *   typing in a text field. Space never re-activates a focused button: it
 *   plays or pauses, and its keyup is cancelled too.
 * A widget that owns arrow keys (a menu, a log of records, `data-own-keys`)
 * keeps them, and Space/Home/End, except the clicker's arrows in presenter
 * mode. Nothing acts while a modal dialog is open or an IME is composing.
 */
import { matchKeybindingPress, parseKeybinding, type KeybindingPress } from 'tinykeys';
import type { LabStore } from '../state/labStore.ts';
import type { LessonPlayer } from '../state/lessonPlayer.ts';
import { MAX_SPEED } from '../timeline/protocol.ts';
import type { StageStore } from './stage.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { T } from './hooks.ts';

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 100, MAX_SPEED];

export interface KeyContext {
  lab: LabStore;
  player: LessonPlayer;
  stage: StageStore;
}

export type ActionId = 'next' | 'prev' | 'blank' | 'present' | 'leave' | 'playPause' | 'presenter' | 'lang' | 'faster' | 'slower' | 'start' | 'end' | 'lessonNext' | 'step' | 'stepBack';

export interface Action {
  id: ActionId;
  scope: 'clicker' | 'app';
  /** tinykeys bindings; none for button-only actions. */
  keys: string[];
  /** How the keys help writes the keys. */
  shown?: string;
  /** i18n key of the action's name. */
  label: MessageKey;
  /** Held down, the key repeats the action. */
  repeat?: boolean;
  perform(c: KeyContext): void;
}

const lessonOpen = (c: KeyContext) => !!c.player.store.getState().lesson;

/** The run goes to the time of the previous trace event (deterministic replay, like dragging the timeline). */
export function stepBack(lab: LabStore): void {
  const s = lab.getState();
  const now = s.snap?.t ?? 0;
  let to = 0;
  for (let i = s.trace.length - 1; i >= 0; i--) {
    if (s.trace[i].t < now) {
      to = s.trace[i].t;
      break;
    }
  }
  if (now > 0) s.send({ type: 'seek', t: to });
}

function closeMenus(c: KeyContext): boolean {
  const s = c.lab.getState();
  if (s.menu) {
    const node = s.menu;
    s.set({ menu: null });
    document.querySelector<SVGGElement>(`[data-testid="broker-${node}"], [data-testid="consumer-${node}"]`)?.focus();
    return true;
  }
  if (c.player.store.getState().menu) {
    c.player.store.setState({ menu: false });
    document.querySelector<HTMLElement>('[data-testid=lessons]')?.focus();
    return true;
  }
  return false;
}

export const ACTIONS: Action[] = [
  { id: 'next', scope: 'clicker', keys: ['PageDown', 'ArrowRight'], shown: 'PageDown →', label: 'keys.next', repeat: true, perform: (c) => (lessonOpen(c) ? c.player.next() : c.lab.getState().send({ type: 'step' })) },
  { id: 'prev', scope: 'clicker', keys: ['PageUp', 'ArrowLeft'], shown: 'PageUp ←', label: 'keys.prev', repeat: true, perform: (c) => (lessonOpen(c) ? c.player.prev() : stepBack(c.lab)) },
  { id: 'blank', scope: 'clicker', keys: ['.', '[Shift]+b'], shown: 'B .', label: 'keys.blank', perform: (c) => c.stage.setState({ blank: true }) },
  { id: 'present', scope: 'clicker', keys: ['F5', 'Shift+F5'], shown: 'F5', label: 'keys.present', perform: (c) => c.stage.setState({ presenter: true }) },
  {
    id: 'leave',
    scope: 'clicker',
    keys: ['Escape'],
    shown: 'Esc',
    label: 'keys.leave',
    perform: (c) => {
      if (closeMenus(c)) return;
      if (c.stage.getState().presenter) return c.stage.setState({ presenter: false });
      c.lab.getState().set({ story: null });
    },
  },
  { id: 'playPause', scope: 'app', keys: ['Space'], shown: 'Space', label: 'keys.playPause', perform: (c) => { const s = c.lab.getState(); s.send({ type: s.playing ? 'pause' : 'play' }); } },
  { id: 'presenter', scope: 'app', keys: ['[Shift]+p'], shown: 'P', label: 'keys.presenter', perform: (c) => c.stage.setState({ presenter: !c.stage.getState().presenter }) },
  { id: 'lang', scope: 'app', keys: ['[Shift]+l'], shown: 'L', label: 'keys.lang', perform: (c) => { const s = c.lab.getState(); s.set({ lang: s.lang === 'en' ? 'zh-CN' : 'en' }); } },
  {
    id: 'faster',
    scope: 'app',
    keys: ['[Shift]++', '[Shift]+='],
    shown: '+',
    label: 'keys.faster',
    perform: (c) => {
      const s = c.lab.getState();
      const i = SPEEDS.indexOf(s.speed);
      if (i >= 0 && i < SPEEDS.length - 1) s.send({ type: 'speed', speed: SPEEDS[i + 1] });
    },
  },
  {
    id: 'slower',
    scope: 'app',
    keys: ['-'],
    shown: '−',
    label: 'keys.slower',
    perform: (c) => {
      const s = c.lab.getState();
      const i = SPEEDS.indexOf(s.speed);
      if (i > 0) s.send({ type: 'speed', speed: SPEEDS[i - 1] });
    },
  },
  { id: 'start', scope: 'app', keys: ['Home'], shown: 'Home', label: 'keys.start', perform: (c) => c.lab.getState().send({ type: 'seek', t: 0 }) },
  { id: 'end', scope: 'app', keys: ['End'], shown: 'End', label: 'keys.end', perform: (c) => { const s = c.lab.getState(); s.send({ type: 'seek', t: s.horizon }); } },
  { id: 'lessonNext', scope: 'app', keys: ['[Shift]+n'], shown: 'N', label: 'keys.lessonNext', perform: (c) => lessonOpen(c) && c.player.next() },
  // Button-only: the transport's Step and Step back (the clicker's next/prev do these when no lesson is open).
  { id: 'step', scope: 'app', keys: [], label: 'transport.step', perform: (c) => c.lab.getState().send({ type: 'step' }) },
  { id: 'stepBack', scope: 'app', keys: [], label: 'keys.stepBack', perform: (c) => stepBack(c.lab) },
];

const byId = new Map(ACTIONS.map((a) => [a.id, a]));

export function runAction(id: ActionId, c: KeyContext): void {
  byId.get(id)!.perform(c);
}

/** For aria-keyshortcuts: the action's keys in ARIA's spelling. */
export function ariaKeys(id: ActionId): string | undefined {
  const k = byId.get(id)!.keys.map((x) => x.replace('[Shift]+', '').replace(/^\.$/, 'Period').replace(/^b$/, 'B').replace(/^p$/, 'P').replace(/^l$/, 'L').replace(/^n$/, 'N'));
  return k.length ? k.join(' ') : undefined;
}

const TEXT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

/** A field where keys type text or move a caret. */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return TEXT_TYPES.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

const OWNS_KEYS = '[data-own-keys], [role="menu"], [role="listbox"], [role="grid"], canvas[tabindex]';
const WIDGET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' ']);
/** A log of records zooms with + and − (its hint says so): there they are not the run's faster and slower. */
const LOG_ZOOM_KEYS = new Set(['+', '=', '-']);
/** Keys a text field keeps; the clicker's page keys, F5 and Esc act even there. */
const FIELD_KEEPS = (key: string) => !['PageDown', 'PageUp', 'F5', 'Escape'].includes(key);

interface Binding {
  action: Action;
  press: KeybindingPress;
}

const BINDINGS: Binding[] = ACTIONS.flatMap((a) => a.keys.map((k) => ({ action: a, press: parseKeybinding(k)[0] })));

function applies(b: Binding, e: KeyboardEvent, presenter: boolean): boolean {
  const el = e.target instanceof Element ? e.target : null;
  if (isTextEntry(el) && FIELD_KEEPS(e.key)) return false;
  // A menu (or the top bar's open More panel) closes itself on Escape and gives focus back to what opened it.
  if (e.key === 'Escape' && el?.closest('[role="menu"], [data-closes-on-escape]')) return false;
  if (WIDGET_KEYS.has(e.key) && el?.closest(OWNS_KEYS) && !(presenter && b.action.scope === 'clicker')) return false;
  if (LOG_ZOOM_KEYS.has(e.key) && el?.closest('canvas[tabindex]')) return false;
  return true;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

/**
 * Whether a key event is this lab's: focus is inside its root, or outside
 * every lab and this is the page's first lab (a page may embed several).
 */
function ours(root: HTMLElement | null, e: KeyboardEvent): boolean {
  if (!root) return true;
  const el = e.target instanceof Element ? e.target : null;
  const lab = el?.closest('.lab');
  if (lab) return lab === root;
  return document.querySelector('.lab') === root;
}

/** Listens on the window in the capture phase, ahead of any focused control. Returns the uninstaller. */
export function installKeymap(c: KeyContext, root: HTMLElement | null = null): () => void {
  const consume = (e: KeyboardEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  const down = (e: KeyboardEvent) => {
    if (e.isComposing || e.key === 'Process' || e.keyCode === 229 || !ours(root, e)) return;
    if (document.querySelector('dialog[open]')) return;
    if (c.stage.getState().blank) {
      if (MODIFIER_KEYS.has(e.key)) return;
      c.stage.setState({ blank: false });
      return consume(e);
    }
    for (const b of BINDINGS) {
      if (!matchKeybindingPress(e, b.press) || !applies(b, e, c.stage.getState().presenter)) continue;
      consume(e);
      if (!e.repeat || b.action.repeat) b.action.perform(c);
      return;
    }
  };
  // Space activates a focused button or checkbox on keyup: cancelled, so it only plays or pauses.
  const up = (e: KeyboardEvent) => {
    if (e.key !== ' ' || document.querySelector('dialog[open]') || !ours(root, e)) return;
    const el = e.target instanceof Element ? e.target : null;
    if (isTextEntry(el) || el?.closest(OWNS_KEYS)) return;
    e.preventDefault();
  };
  window.addEventListener('keydown', down, true);
  window.addEventListener('keyup', up, true);
  return () => {
    window.removeEventListener('keydown', down, true);
    window.removeEventListener('keyup', up, true);
  };
}

/** The keys help: "Space play/pause · PageDown → next …", from the table. */
export function keysHelp(t: T): string {
  return ACTIONS.filter((a) => a.shown).map((a) => `${a.shown} ${t(a.label)}`).join(' · ');
}
