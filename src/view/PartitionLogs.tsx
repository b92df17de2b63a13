/**
 * Each partition's replicas as logs of offset cells on one shared offset
 * axis, so divergence reads at a glance: the leader marked, ISR membership,
 * leader-epoch boundaries, markers for the high watermark (HW) and log end
 * (LEO), cells still only in the page cache shaded apart from flushed ones,
 * removed (truncated) cells crossed out in red, fading over two simulated
 * seconds. The window (see logWindow.ts) always holds what matters now; an
 * overview strip shows where it sits in the whole log, and the user can zoom
 * and pan. Many partitions collapse to one summary row each. Under the
 * replicas, each consumer group reading the partition (ConsumerStrip).
 *
 * Only what changed re-renders: partitions and replicas keep their identity
 * across updates when unchanged (see snapshot.ts), rows are memoised.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import type { CellSnap, PartitionSnap } from '../engine/checker/snapshot.ts';
import { useLabData, useT } from './hooks.ts';
import { ReplicaRow, GHOST_MS, type RowView } from './ReplicaRow.tsx';
import { ConsumerStrip } from './ConsumerStrip.tsx';
import { logWindow, CELL_STEPS } from './logWindow.ts';
import { paintAxis } from './logAxis.ts';
import { PRESENTER_TEXT } from './logCanvas.ts';
import { useStage } from './stage.ts';
import type { Removed } from './ReplicaRow.tsx';
import { useTid } from './scope.ts';

const NONE: number[] = [];
const NO_GHOSTS: Removed[] = [];
const NO_COUNTS: Record<string, number> = {};
/** Anomalies per partition, once per anomaly list (the snapshot keeps the list's identity while it is unchanged). */
const countsOf = new WeakMap<readonly { partition?: string }[], Record<string, number>>();
function anomalyCounts(list: readonly { partition?: string }[]): Record<string, number> {
  let c = countsOf.get(list);
  if (!c) {
    c = {};
    for (const a of list) if (a.partition) c[a.partition] = (c[a.partition] ?? 0) + 1;
    countsOf.set(list, c);
  }
  return c;
}
/** More partitions than this start collapsed to summary rows. */
const EXPANDED_MAX = 3;

export function PartitionLogs() {
  const t = useT();
  const parts = useLab((s) => s.snap?.partitions);
  // Summary rows are text: they show the text snapshot (while playing, every other frame; see LabState.textSnap).
  const textParts = useLab((s) => s.textSnap?.partitions);
  const down = useLabData((s) => s.snap?.brokers.filter((b) => b.status !== 'running').map((b) => b.id) ?? NONE);
  const storyPart = useLab((s) => s.story?.partition ?? '');
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  // The label column narrows on a phone; the rows take the rest.
  const label = width < 420 ? 116 : 130;
  const room = Math.max(120, width - label - 26);
  const many = (parts?.length ?? 0) > EXPANDED_MAX;
  // Stable, so a memoised row re-renders only when its own partition changes (not on every tick of the others).
  const toggle = useCallback(
    (name: string) =>
      setOpen((o) => {
        const n = new Set(o);
        if (n.has(name)) n.delete(name);
        else n.add(name);
        return n;
      }),
    [],
  );
  // Anomalies per partition, counted once per update for all summary rows (not once per row).
  const anomalies = useLab((s) => (many && s.textSnap ? anomalyCounts(s.textSnap.anomalies) : NO_COUNTS));
  return (
    <section className="panel logs" aria-label={t('logs.title')} ref={ref} style={{ ['--label' as string]: `${label}px` }}>
      <div className="logs-head">
        <h2>{t('logs.title')}</h2>
        <Legend />
      </div>
      {parts?.map((p, i) =>
        !many || open.has(p.name) || storyPart === p.name ? (
          <PartitionBlock key={p.id} p={p} room={room} down={down} onCollapse={many ? toggle : undefined} />
        ) : (
          <SummaryRow key={p.id} p={textParts?.[i]?.id === p.id ? textParts[i] : p} down={down} anomalies={anomalies[p.name] ?? 0} onExpand={toggle} />
        ),
      )}
    </section>
  );
}

function Legend() {
  const t = useT();
  const consumers = useLab((s) => (s.snap?.consumers.length ?? 0) > 0);
  return (
    <div className="legend" aria-hidden="true">
      <span>
        <i className="cell-sample d" /> {t('logs.legend.flushed')}
      </span>
      <span>
        <i className="cell-sample" /> {t('logs.legend.cache')}
      </span>
      <span>
        <i className="hw-sample" /> {t('logs.legend.hw')}
      </span>
      <span>
        <i className="leo-sample" /> {t('logs.legend.leo')}
      </span>
      <span>
        <i className="epoch-sample" /> {t('logs.legend.epoch')}
      </span>
      {consumers && (
        <>
          <span>
            <i className="committed-sample" /> {t('logs.legend.committed')}
          </span>
          <span>
            <i className="position-sample" /> {t('logs.legend.position')}
          </span>
        </>
      )}
    </div>
  );
}

/** The replicas' largest lag behind the leader's log end, in records (0 with no leader). */
function lagOf(p: PartitionSnap, down: number[]): number {
  const lead = p.replicas.find((r) => r.broker === p.leader);
  if (!lead) return 0;
  return Math.max(0, ...p.replicas.filter((r) => !down.includes(r.broker)).map((r) => lead.leo - r.leo));
}

/** One line for a collapsed partition: leader, ISR, HW, lag and its anomalies; a button that expands it. */
const SummaryRow = memo(function SummaryRow({ p, down, anomalies, onExpand }: { p: PartitionSnap; down: number[]; anomalies: number; onExpand: (name: string) => void }) {
  const tid = useTid();
  const t = useT();
  const lag = lagOf(p, down);
  const under = p.isr.length < p.assignment.length;
  return (
    <button type="button" className={`psum${p.leader < 0 ? ' bad' : ''}`} data-testid={tid(`partition-${p.name}`)} data-leader={p.leader} data-hw={p.hw} data-collapsed="true" aria-expanded={false} onClick={() => onExpand(p.name)}>
      <span className="psum-name">▸ {p.name}</span>
      <span>{p.leader < 0 ? t('logs.offline') : `${t('logs.leader')} b${p.leader}`}</span>
      <span className={under ? 'warn' : ''}>{t('logs.isr', { isr: p.isr.join(',') })}</span>
      {p.elr.length > 0 && <span title={t('logs.elrTitle')}>{t('logs.elr', { elr: p.elr.join(',') })}</span>}
      <span>{t('logs.hw', { hw: p.hw })}</span>
      <span className={lag > 0 ? 'warn' : ''}>{t('logs.lag', { n: lag })}</span>
      {anomalies > 0 && <span className="bad">{t('logs.anomalies', { n: anomalies })}</span>}
    </button>
  );
});

const PartitionBlock = memo(function PartitionBlock({ p, room, down, onCollapse }: { p: PartitionSnap; room: number; down: number[]; onCollapse?: (name: string) => void }) {
  const tid = useTid();
  const t = useT();
  const store = useLabStore();
  const mark = useLab((s) => (s.story && s.story.partition === p.name ? s.story.message : -1));
  const [zoom, setZoom] = useState<{ cell: number; center: number } | null>(null);
  const [hover, setHover] = useState<CellSnap | null>(null);
  const el = useRef<HTMLDivElement>(null);
  const axis = useRef<HTMLCanvasElement>(null);
  // Records the replicas lost lately (truncation, power loss), with when: the snapshot carries them (engine/removedRecords.ts).
  const ghosts = useMemo(() => {
    const g = p.replicas.flatMap((r) => r.removed.map((c) => ({ broker: r.broker, c, at: c.at })));
    return g.length ? g : NO_GHOSTS;
  }, [p]);
  const removed = ghosts.map((g) => g.c.o);
  const marked = mark < 0 ? [] : p.replicas.flatMap((r) => r.cells.filter((c) => c.m === mark).map((c) => c.o));
  const win = logWindow(p, room, down, [...marked, ...removed], zoom ?? undefined);
  const top = Math.max(p.hw, ...p.replicas.map((r) => r.leo));
  // Presenter mode: the ruler's offsets grow with the rows' text (20 px on screen at 1920×1080).
  const text = useStage((s) => (s.presenter ? PRESENTER_TEXT : 1));
  useLayoutEffect(() => {
    if (axis.current) paintAxis(axis.current, { width: room, top, hw: p.hw, leos: p.replicas.map((r) => ({ leo: r.leo, down: down.includes(r.broker) })), from: win.from, to: win.to, cell: win.cell, text });
  }, [room, top, p, down, win.from, win.to, win.cell, text]);
  const latest = useRef({ win, zoom });
  latest.current = { win, zoom };
  const v: RowView = useMemo(
    () => ({
      start: win.from,
      cell: win.cell,
      room,
      mark,
      onHover: setHover,
      onFollow: () => setZoom(null),
      onPan: (n: number) => {
        const w = latest.current.win;
        setZoom((z) => ({ cell: z?.cell ?? w.cell, center: Math.max(0, (z?.center ?? Math.floor((w.from + w.to) / 2)) + n) }));
      },
      onZoom: (dir: 1 | -1, at?: number) => {
        const w = latest.current.win;
        const i = CELL_STEPS.indexOf(w.cell);
        const cell = CELL_STEPS[Math.max(0, Math.min(CELL_STEPS.length - 1, i - dir))];
        setZoom({ cell, center: at ?? Math.floor((w.from + w.to) / 2) });
      },
    }),
    [win.from, win.cell, room, mark],
  );
  // Ctrl+wheel (or a pinch) zooms; a sideways wheel pans. A native listener: React's wheel listeners are passive.
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const onWheel = (e: WheelEvent) => {
      if (!(e.target as Element).closest('.cells, .axis')) return;
      if (e.ctrlKey) {
        e.preventDefault();
        latest.current && v.onZoom(e.deltaY < 0 ? 1 : -1);
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        v.onPan(Math.sign(e.deltaX) * 4);
      }
    };
    node.addEventListener('wheel', onWheel, { passive: false });
    return () => node.removeEventListener('wheel', onWheel);
  }, [v]);
  const g = ghosts;
  return (
    <div className="partition" ref={el} data-testid={tid(`partition-${p.name}`)} data-leader={p.leader} data-hw={p.hw} data-from={win.from} data-to={win.to - 1}>
      <div className="partition-head">
        {onCollapse ? (
          <button type="button" className="psum-toggle" aria-expanded={true} onClick={() => onCollapse(p.name)}>
            ▾ <strong>{p.name}</strong>
          </button>
        ) : (
          <strong>{p.name}</strong>
        )}
        <span className={p.leader < 0 ? 'pill bad' : 'pill'}>{p.leader < 0 ? t('logs.offline') : `${t('logs.leader')} b${p.leader}`}</span>
        <span className="pill">{t('logs.epoch', { e: p.leaderEpoch })}</span>
        <span className="pill">{t('logs.isr', { isr: p.isr.join(',') })}</span>
        {p.elr.length > 0 && <span className="pill" data-testid={tid(`elr-${p.name}`)} title={t('logs.elrTitle')}>{t('logs.elr', { elr: p.elr.join(',') })}</span>}
        <span className="pill hot">{t('logs.hw', { hw: p.hw })}</span>
        <span className="pill muted">{t('logs.minIsr', { n: p.minIsr })}</span>
        {zoom && (
          <button type="button" className="btn small" onClick={() => setZoom(null)}>
            ⟲ {t('logs.follow')}
          </button>
        )}
      </div>
      <div className="axis-row">
        <span className="axis-label">{t('logs.window', { from: win.from, to: win.to - 1 })}</span>
        <canvas
          ref={axis}
          className="axis"
          role="img"
          aria-label={t('logs.axis', { from: win.from, to: win.to - 1, top: Math.max(0, top - 1) })}
          onClick={(e) => {
            const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
            if (e.nativeEvent.offsetY > 11) return;
            setZoom({ cell: win.cell, center: Math.round((x / room) * (top + 1)) });
          }}
        />
      </div>
      {p.replicas.map((r) => (
        <ReplicaRow key={r.broker} r={r} leader={p.leader === r.broker} inIsr={p.isr.includes(r.broker)} down={down.includes(r.broker)} ghosts={g.length && g.some((x) => x.broker === r.broker) ? g.filter((x) => x.broker === r.broker) : NO_GHOSTS} v={v} />
      ))}
      <div className="cell-detail" aria-live="polite">
        {hover ? t('logs.cell', { o: hover.o, k: hover.k < 0 ? '-' : `k${hover.k}`, m: hover.m, e: hover.e, d: hover.d ? t('logs.legend.flushed') : t('logs.legend.cache') }) : t('logs.hoverHint')}
      </div>
      <ConsumerStrip partition={p.name} leader={p.leader} start={win.from} room={room} cell={win.cell} />
    </div>
  );
});
