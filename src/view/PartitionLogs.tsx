/**
 * Each partition's replicas as logs of offset cells, aligned by offset so a
 * follower's lag reads at a glance: the leader marked, ISR membership, the
 * leader epoch, markers for the high watermark (HW) and log end (LEO), cells
 * still only in the page cache shaded apart from flushed ones, removed
 * (truncated) cells crossed out in red, fading over two simulated seconds, records coloured by key. Under the
 * replicas, each consumer group reading the partition: its committed offset
 * and its members' positions on the same offsets, the gap between them
 * shaded. Clicking a cell (or Enter on a focused cell) tells its message's story.
 *
 * Only what changed re-renders: partitions and replicas keep their identity
 * across updates when unchanged (see snapshot.ts), rows are memoised.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLab, useLabStore } from '../state/LabProvider.tsx';
import type { CellSnap, PartitionSnap, ReplicaSnap } from '../engine/snapshot.ts';
import type { TraceEvent } from '../engine/trace.ts';
import { useLabData, useReducedMotionPref, useT } from './hooks.ts';
import { useOnSimTime } from './simClock.ts';
import { cellAt, createLogPainter, LOG_ROW_HEIGHT } from './logCanvas.ts';

const MIN_CELL = 15;
const CELL_STEPS = [28, 24, 20, 17, MIN_CELL];
/** Simulated ms a removed record stays drawn, fading (pause holds it, a seek places it). */
const GHOST_MS = 2000;
const NONE: number[] = [];

export function PartitionLogs() {
  const t = useT();
  const parts = useLab((s) => s.snap?.partitions);
  const down = useLabData((s) => s.snap?.brokers.filter((b) => b.status !== 'running').map((b) => b.id) ?? NONE);
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  const room = Math.max(120, width - 150);
  return (
    <section className="panel logs" aria-label={t('logs.title')} ref={ref}>
      <div className="logs-head">
        <h2>{t('logs.title')}</h2>
        <Legend />
      </div>
      {parts?.map((p) => (
        <PartitionBlock key={p.id} p={p} room={room} down={down} />
      ))}
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

const PartitionBlock = memo(function PartitionBlock({ p, room, down }: { p: PartitionSnap; room: number; down: number[] }) {
  const t = useT();
  const top = Math.max(0, ...p.replicas.map((r) => r.leo));
  // Narrower cells when the running replicas' logs or the HW lag far behind the newest record, so the lag stays in view.
  const lowest = Math.min(p.hw, ...p.replicas.filter((r) => !down.includes(r.broker)).map((r) => r.leo));
  // A few fixed sizes, so the rows are not redrawn at a new size every time the lag moves by a record.
  const fit = Math.floor(room / Math.max(1, top - lowest + 2));
  const cell = CELL_STEPS.find((c) => c <= fit) ?? MIN_CELL;
  const cells = Math.floor(room / cell);
  const start = Math.max(0, top - cells);
  return (
    <div className="partition" data-testid={`partition-${p.name}`} data-leader={p.leader} data-hw={p.hw}>
      <div className="partition-head">
        <strong>{p.name}</strong>
        <span className={p.leader < 0 ? 'pill bad' : 'pill'}>{p.leader < 0 ? t('logs.offline') : `${t('logs.leader')} b${p.leader}`}</span>
        <span className="pill">{t('logs.epoch', { e: p.leaderEpoch })}</span>
        <span className="pill">{t('logs.isr', { isr: p.isr.join(',') })}</span>
        <span className="pill hot">{t('logs.hw', { hw: p.hw })}</span>
        <span className="pill muted">{t('logs.minIsr', { n: p.minIsr })}</span>
      </div>
      {p.replicas.map((r) => (
        <ReplicaRow key={r.broker} r={r} partition={p.name} leader={p.leader === r.broker} inIsr={p.isr.includes(r.broker)} down={down.includes(r.broker)} start={start} room={room} cell={cell} />
      ))}
      <ConsumerStrip partition={p.name} leader={p.leader} start={start} room={room} cell={cell} />
    </div>
  );
});

/** One line per consumer group reading the partition: its committed offset and its members' positions. */
function groupLines(s: { snap: { consumers: { group: string; members: { name: string; partitions: { partition: string; position: number }[] }[]; lagByPartition: { partition: string; committed: number }[] }[] } | null }, partition: string) {
  const out: { group: string; committed: number; owners: { name: string; at: number }[] }[] = [];
  for (const g of s.snap?.consumers ?? []) {
    const lp = g.lagByPartition.find((x) => x.partition === partition);
    if (!lp) continue;
    const owners = g.members.flatMap((m) => m.partitions.filter((x) => x.partition === partition).map((x) => ({ name: m.name, at: x.position })));
    out.push({ group: g.group, committed: lp.committed, owners });
  }
  return out;
}

const ConsumerStrip = memo(function ConsumerStrip({ partition, leader, start, room, cell }: { partition: string; leader: number; start: number; room: number; cell: number }) {
  const t = useT();
  const lines = useLabData((s) => groupLines(s, partition));
  if (lines.length === 0) return null;
  return (
    <>
      {lines.map(({ group, committed, owners }) => {
        const reading = owners.filter((p) => p.at >= 0);
        return (
          <div className="replica cgroup" key={group} data-testid={`cgroup-${partition}-${group}`} data-committed={committed} data-position={reading.map((p) => p.at).join(',')}>
            <div className="replica-label">
              <span className="cg-name" title={t('logs.groupOn', { group, b: leader })}>
                {group}
              </span>
            </div>
            <GroupCanvas
              committed={committed}
              reading={reading}
              start={start}
              room={room}
              cell={cell}
              label={t('logs.groupLine', { group, committed: committed < 0 ? '–' : committed, positions: reading.map((p) => `${p.name} ${p.at}`).join(', ') || '–' })}
              none={t('logs.noCommit')}
              off={t('logs.committedAt', { o: committed })}
            />
          </div>
        );
      })}
    </>
  );
});

const STRIP_H = 26;

/** A group on the log: its committed offset (green bar), its members' positions (purple arrows), the records read but not committed between them hatched. */
function GroupCanvas({ committed, reading, start, room, cell, label, none, off }: { committed: number; reading: { name: string; at: number }[]; start: number; room: number; cell: number; label: string; none: string; off: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const key = `${committed}|${reading.map((p) => `${p.name}:${p.at}`).join(',')}|${start}|${room}|${cell}|${none}|${off}`;
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    if (canvas.width !== Math.round(room * dpr) || canvas.height !== Math.round(STRIP_H * dpr)) {
      canvas.width = Math.round(room * dpr);
      canvas.height = Math.round(STRIP_H * dpr);
      canvas.style.width = `${room}px`;
      canvas.style.height = `${STRIP_H}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, room, STRIP_H);
    const X = (o: number) => Math.max(0, Math.min(room, (o - start) * cell));
    ctx.textBaseline = 'middle';
    ctx.font = '700 11px system-ui, "Noto Sans", sans-serif';
    const far = Math.max(committed, ...reading.map((p) => p.at));
    if (committed >= 0 && far > committed) {
      ctx.fillStyle = '#e7d6f2';
      ctx.fillRect(X(committed), 5, X(far) - X(committed), 16);
    }
    if (committed >= 0) {
      if (committed < start) {
        ctx.fillStyle = '#0a6b3a';
        ctx.fillText(`◂ ${off}`, 4, STRIP_H / 2);
      } else {
        const x = X(committed);
        ctx.fillStyle = '#0a6b3a';
        ctx.fillRect(x - 2, 0, 3, STRIP_H);
        const text = `✓ ${committed}`;
        const tw = ctx.measureText(text).width + 6;
        const lx = Math.max(0, x - 2 - tw);
        ctx.fillRect(lx, 6, tw, 14);
        ctx.fillStyle = '#fff';
        ctx.fillText(text, lx + 3, 13.5);
      }
    }
    reading.forEach((p, i) => {
      if (p.at < start) return;
      const x = X(p.at);
      ctx.fillStyle = '#5a2178';
      ctx.beginPath();
      ctx.moveTo(x, 2);
      ctx.lineTo(x + 6, 10);
      ctx.lineTo(x - 6, 10);
      ctx.closePath();
      ctx.fill();
      // The name beside the arrow, on its left when it would leave the row.
      const name = `${p.name} ${p.at}`;
      const nw = ctx.measureText(name).width;
      ctx.fillText(name, x + 7 + nw > room ? x - 7 - nw : x + 7, i % 2 ? 20 : 15);
    });
    if (committed < 0 && reading.length === 0) {
      ctx.fillStyle = '#4a5058';
      ctx.font = '400 12px system-ui, "Noto Sans", sans-serif';
      ctx.fillText(none, 4, STRIP_H / 2);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return <canvas ref={ref} className="cstrip" role="img" aria-label={label} />;
}

interface Ghost {
  c: CellSnap;
  /** Simulated time the record was removed. */
  at: number;
}

const ReplicaRow = memo(function ReplicaRow({ r, partition, leader, inIsr, down, start, room, cell }: { r: ReplicaSnap; partition: string; leader: boolean; inIsr: boolean; down: boolean; start: number; room: number; cell: number }) {
  const t = useT();
  const send = useLab((s) => s.send);
  const store = useLabStore();
  const reduced = useReducedMotionPref();
  const [focus, setFocus] = useState<number | null>(null);
  const width = room;
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<ReturnType<typeof createLogPainter> | null>(null);
  const ghosts = useRef<Ghost[]>([]);
  const prev = useRef<{ r: ReplicaSnap; t: number } | null>(null);
  // A focused offset that scrolled out of the window or was truncated moves to the nearest cell shown.
  const shown = r.cells.filter((c) => c.o >= start);
  const focused = focus === null ? undefined : (shown.find((c) => c.o === focus) ?? (shown.length ? shown[focus < shown[0].o ? 0 : shown.length - 1] : undefined));
  const draw = useRef<(now: number) => void>(() => {});
  draw.current = (now: number) => {
    if (!canvas.current) return;
    painter.current ??= createLogPainter(canvas.current);
    const g = ghosts.current.filter((x) => x.at <= now && now < x.at + GHOST_MS).map((x) => ({ c: x.c, a: reduced ? 1 : 1 - (now - x.at) / GHOST_MS }));
    painter.current({ cells: r.cells, ghosts: g, start, cell, width, height: LOG_ROW_HEIGHT, focus: focused?.o, leo: r.leo, hw: r.hw, behind: t('logs.behind', { leo: r.leo }) });
  };
  useLayoutEffect(() => {
    const now = store.getState().snap?.t ?? 0;
    const p = prev.current;
    prev.current = { r, t: now };
    // Records that vanished from the log (truncation, power loss) or were replaced at their offset; moving the timeline back is not a removal.
    if (p && p.r !== r && now >= p.t) {
      const first = r.cells.length ? r.cells[0].o : r.leo;
      const kept = new Map(r.cells.map((c) => [c.o, c.m]));
      const gone = p.r.cells.filter((c) => c.o >= first && kept.get(c.o) !== c.m);
      if (gone.length) {
        const at = removedAt(store.getState().trace, r.broker, partition, p.t, now);
        ghosts.current = [...ghosts.current.filter((x) => x.at + GHOST_MS > now && x.at <= now), ...gone.map((c) => ({ c, at }))];
      }
    } else if (p && now < p.t) ghosts.current = ghosts.current.filter((x) => x.at <= now);
    draw.current(now);
  }, [r, start, cell, width, focused?.o, t, store, partition, reduced]);
  // While a removed record fades, the row follows simulated time (paused, it stands still; a seek places it).
  useOnSimTime((now) => {
    if (ghosts.current.length === 0) return;
    draw.current(now);
    if (ghosts.current.every((x) => now >= x.at + GHOST_MS)) ghosts.current = [];
  }, []);
  const describe = (c: CellSnap) => t('logs.cell', { o: c.o, k: c.k < 0 ? '-' : `k${c.k}`, m: c.m, e: c.e, d: c.d ? t('logs.legend.flushed') : t('logs.legend.cache') });
  const first = shown[0];
  return (
    <div className={`replica${leader ? ' is-leader' : ''}${down ? ' is-down' : ''}`} data-testid={`replica-${r.broker}`} data-leo={r.leo} data-hw={r.hw}>
      <div className="replica-label">
        <span className="rb">b{r.broker}</span>
        <span className="rl">
          <span className={leader ? 'role leader' : 'role'}>{leader ? `★ ${t('logs.leader')}` : t('logs.follower')}</span>
          <span className={inIsr ? 'isr in' : 'isr out'}>{inIsr ? `✓ ${t('logs.inIsr')}` : `✗ ${t('logs.outIsr')}`}</span>
        </span>
      </div>
      <div className="cells" style={{ width }}>
        <canvas
          ref={canvas}
          role="img"
          tabIndex={0}
          aria-roledescription={t('logs.logRole')}
          aria-label={`b${r.broker}: ${focused ? describe(focused) : `${first ? `${first.o}–${r.leo - 1}, ` : ''}${t('logs.leo', { leo: r.leo })}, ${t('logs.hw', { hw: r.hw })}. ${t('logs.keysHint')}`}`}
          data-focus={focused?.o ?? ''}
          onFocus={() => focus === null && shown.length && setFocus(shown[shown.length - 1].o)}
          onBlur={() => setFocus(null)}
          onKeyDown={(e) => {
            if (!shown.length) return;
            const i = focused ? shown.indexOf(focused) : shown.length - 1;
            let j = i;
            if (e.key === 'ArrowLeft') j = Math.max(0, i - 1);
            else if (e.key === 'ArrowRight') j = Math.min(shown.length - 1, i + 1);
            else if (e.key === 'Home') j = 0;
            else if (e.key === 'End') j = shown.length - 1;
            else if (e.key === 'Enter' || e.key === ' ') {
              if (focused) send({ type: 'story', message: focused.m });
            } else return;
            e.preventDefault();
            e.stopPropagation();
            setFocus(shown[j].o);
          }}
          onClick={(e) => {
            const c = cellAt(r.cells, start, cell, e.clientX - e.currentTarget.getBoundingClientRect().left);
            if (c) send({ type: 'story', message: c.m });
          }}
        />
      </div>
    </div>
  );
});

/** When records of a replica were removed: the truncation or power-loss event in (from, to], else `to`. */
function removedAt(trace: TraceEvent[], broker: number, partition: string, from: number, to: number): number {
  for (let i = trace.length - 1; i >= 0 && i >= trace.length - 5000; i--) {
    const e = trace[i];
    if (e.t > to) continue;
    if (e.t <= from) break;
    if ((e.type === 'truncated' || e.type === 'power-loss-dropped') && e.broker === broker && e.partition === partition) return e.t;
  }
  return to;
}
