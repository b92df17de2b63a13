/**
 * Each partition's replicas as logs of offset cells, aligned by offset so a
 * follower's lag reads at a glance: the leader marked, ISR membership, the
 * leader epoch, markers for the high watermark (HW) and log end (LEO), cells
 * still only in the page cache shaded apart from flushed ones, truncated
 * cells flashing red as they are removed, records coloured by key.
 * Clicking a cell tells the story of its message.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import type { CellSnap, PartitionSnap, ReplicaSnap } from '../engine/snapshot.ts';
import { useT } from './hooks.ts';
import { cellAt, createLogPainter } from './logCanvas.ts';

const MAX_CELL = 28;
const MIN_CELL = 15;
const GHOST_MS = 1600;

export function PartitionLogs() {
  const t = useT();
  const parts = useLab((s) => s.snap?.partitions);
  const brokers = useLab((s) => s.snap?.brokers);
  const time = useLab((s) => s.snap?.t ?? 0);
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
        <PartitionBlock key={p.id} p={p} room={room} down={brokers?.filter((b) => b.status !== 'running').map((b) => b.id) ?? []} time={time} />
      ))}
    </section>
  );
}

function Legend() {
  const t = useT();
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
    </div>
  );
}

function PartitionBlock({ p, room, down, time }: { p: PartitionSnap; room: number; down: number[]; time: number }) {
  const t = useT();
  const top = Math.max(0, ...p.replicas.map((r) => r.leo));
  // Narrower cells when the running replicas' logs or the HW lag far behind the newest record, so the lag stays in view.
  const lowest = Math.min(p.hw, ...p.replicas.filter((r) => !down.includes(r.broker)).map((r) => r.leo));
  const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor(room / Math.max(1, top - lowest + 2))));
  const cells = Math.floor(room / cell);
  const start = Math.max(0, top - cells);
  return (
    <div className="partition" data-testid={`partition-${p.name}`} data-leader={p.leader} data-hw={p.hw}>
      <div className="partition-head">
        <strong>{p.name}</strong>
        <span className={p.leader < 0 ? 'pill bad' : 'pill'}>{p.leader < 0 ? t('logs.offline') : `${t('logs.leader')} b${p.leader}`}</span>
        <span className="pill">{t('logs.epoch', { e: p.leaderEpoch })}</span>
        <span className="pill">{t('logs.isr', { isr: p.isr.join(',') })}</span>
        <span className="pill">{t('logs.hw', { hw: p.hw })}</span>
        <span className="pill muted">{t('logs.minIsr', { n: p.minIsr })}</span>
      </div>
      {p.replicas.map((r) => (
        <ReplicaRow key={r.broker} r={r} leader={p.leader === r.broker} inIsr={p.isr.includes(r.broker)} down={down.includes(r.broker)} start={start} cells={cells} cell={cell} time={time} />
      ))}
    </div>
  );
}

interface Ghost {
  c: CellSnap;
  until: number;
}

const NO_GHOSTS: CellSnap[] = [];

const ReplicaRow = memo(
  function ReplicaRow({ r, leader, inIsr, down, start, cells, cell, time }: { r: ReplicaSnap; leader: boolean; inIsr: boolean; down: boolean; start: number; cells: number; cell: number; time: number }) {
    const t = useT();
    const story = useLab((s) => s.send);
    const ghosts = useGhosts(r, time);
    const x = (o: number) => (o - start) * cell;
    const width = cells * cell;
    const canvas = useRef<HTMLCanvasElement>(null);
    const painter = useRef<ReturnType<typeof createLogPainter> | null>(null);
    useLayoutEffect(() => {
      if (!canvas.current) return;
      painter.current ??= createLogPainter(canvas.current);
      painter.current({ cells: r.cells, ghosts, start, cell, width, height: 40 });
    }, [r, ghosts, start, cell, width]);
    const first = r.cells.find((c) => c.o >= start);
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
            aria-label={`b${r.broker}: ${first ? `${first.o}–${r.leo - 1}, ` : ''}${t('logs.leo', { leo: r.leo })}, ${t('logs.hw', { hw: r.hw })}`}
            onClick={(e) => {
              const c = cellAt(r.cells, start, cell, e.clientX - e.currentTarget.getBoundingClientRect().left);
              if (c) story({ type: 'story', message: c.m });
            }}
          />
          {r.leo < start && <span className="behind">{t('logs.behind', { leo: r.leo })}</span>}
          {r.hw < start && r.leo >= start && <span className="hw-off">◂ HW {r.hw}</span>}
          {r.hw >= start && <span className="hw-mark" style={{ transform: `translateX(${x(r.hw) - 2}px)` }} title={`HW ${r.hw}`}><b>HW {r.hw}</b></span>}
          {r.leo >= start && <span className="leo-mark" style={{ transform: `translateX(${x(r.leo)}px)` }} title={`LEO ${r.leo}`}>LEO {r.leo}</span>}
        </div>
      </div>
    );
  },
  (a, b) => sig(a.r) === sig(b.r) && a.leader === b.leader && a.inIsr === b.inIsr && a.down === b.down && a.start === b.start && a.cells === b.cells && a.cell === b.cell,
);

const sig = (r: ReplicaSnap) => `${r.leo}|${r.hw}|${r.flushed}|${r.slowMs}|${r.cells.length}|${r.cells[0]?.m}|${r.cells[r.cells.length - 1]?.m}`;

/**
 * Cells that vanished from a replica's log (truncation, power loss) or were
 * replaced at the same offset, kept briefly to show their removal. Moving
 * the timeline back is not a removal.
 */
function useGhosts(r: ReplicaSnap, time: number): CellSnap[] {
  const prev = useRef<{ r: ReplicaSnap; time: number } | null>(null);
  const [ghosts, setGhosts] = useState<Ghost[]>([]);
  useEffect(() => {
    const p = prev.current;
    prev.current = { r, time };
    if (!p || time < p.time) return;
    const first = r.cells.length ? r.cells[0].o : r.leo;
    const now = new Map(r.cells.map((c) => [c.o, c.m]));
    const gone = p.r.cells.filter((c) => c.o >= first && now.get(c.o) !== c.m);
    if (gone.length === 0) return;
    const wall = performance.now();
    setGhosts((g) => [...g.filter((x) => x.until > wall), ...gone.map((c) => ({ c, until: wall + GHOST_MS }))]);
    const id = setTimeout(() => setGhosts((g) => g.filter((x) => x.until > performance.now())), GHOST_MS + 50);
    return () => clearTimeout(id);
  }, [r, time]);
  return useMemo(() => (ghosts.length ? ghosts.map((g) => g.c) : NO_GHOSTS), [ghosts]);
}
