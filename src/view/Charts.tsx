/**
 * Charts over simulated time, drawn as SVG paths computed by d3-scale and
 * d3-shape: each replica's LEO and the partition's HW; anomaly counts; each
 * consumer group's lag. Samples come from the engine host at fixed simulated
 * intervals; samples after the current moment (a scrubbed-back timeline) are
 * drawn faintly. The "now" line is a motion value that follows the simulated
 * clock, so the paths are recomputed only when samples arrive (at
 * most twice a wall second while playing) or the moment crosses one, and
 * then in a deferred render of their own: new samples are drawn in the frame
 * after the one that shows the snapshot they came with (a fault moment
 * re-renders much of the lab at once). Not on a canvas: measured, a canvas
 * per chart cost more in Chromium's commit and layerize (its bitmap handed
 * over after each redraw) than the paths' layout and paint it saved.
 */
import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useLab } from '../state/LabProvider.tsx';
import { useSimClock } from './simClock.ts';
import { LazyMotion, domMin, useMotionValue } from 'motion/react';
import * as m from 'motion/react-m';
import type { ChartSample } from '../timeline/protocol.ts';
import { formatMs } from '../i18n/index.ts';
import { useLabData, useOnScreen, useT } from './hooks.ts';

const W = 300;
const H = 150;
const M = { l: 34, r: 8, t: 8, b: 20 };
const REPLICA_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00'];

interface Series {
  name: string;
  color: string;
  get: (s: ChartSample) => number;
  dash?: string;
  width?: number;
}

/**
 * How many samples are past: all of them while the run is at or after the newest, else those at or
 * before the moment (a scrubbed-back timeline). A count, not the moment: it changes only when the moment
 * crosses a sample, so a paused or replaying chart is not redrawn every frame.
 */
function pastCount(samples: ChartSample[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const Chart = memo(function Chart({ samples, series, title, testId }: { samples: ChartSample[]; series: Series[]; title: string; testId: string }) {
  const clock = useSimClock();
  const [past, setPast] = useState(() => pastCount(samples, clock.get()));
  const paths = useMemo(() => {
    const tMax = Math.max(1000, samples.length ? samples[samples.length - 1].t : 0);
    let yMax = 1;
    for (const s of samples) for (const f of series) yMax = Math.max(yMax, f.get(s));
    const x = scaleLinear().domain([0, tMax]).range([M.l, W - M.r]).clamp(true);
    const y = scaleLinear().domain([0, yMax]).nice().range([H - M.b, M.t]);
    const n = Math.min(past, samples.length);
    const solid = n === samples.length ? samples : samples.slice(0, n);
    const faint = n === samples.length ? [] : samples.slice(Math.max(0, n - 1));
    const gen = (f: Series) => line<ChartSample>().x((s) => x(s.t)).y((s) => y(f.get(s)));
    return {
      x,
      y,
      lines: series.map((f) => ({ f, d: gen(f)(solid) ?? '', fd: faint.length ? (gen(f)(faint) ?? '') : '' })),
      xt: x.ticks(4),
      yt: y.ticks(3),
    };
  }, [samples, series, past]);
  // The "now" line follows simulated time on its own small compositor layer, as a motion value (written
  // outside React renders): the chart is not re-rendered or repainted every frame.
  const plot = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = plot.current;
    if (!el) return;
    // The box's own width, fractional: the tick labels' scale (--k below) divides by it.
    const ro = new ResizeObserver(([e]) => setWidth(e.contentRect.width));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  const nowX = useMotionValue(0);
  useLayoutEffect(() => {
    const place = (t: number) => {
      nowX.set(Math.round((paths.x(t) / W) * width));
      setPast(pastCount(samples, t));
    };
    place(clock.get());
    return clock.on(place);
  }, [clock, nowX, paths, width, samples]);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="chart-plot" ref={plot}>
        {/* --k: viewBox units per CSS px, so tick labels keep their CSS size however wide the chart is drawn (lab.css .tick). */}
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} style={{ '--k': width > 0 ? W / width : 1 } as CSSProperties}>
          {paths.yt.map((v) => (
            <g key={`y${v}`}>
              <line x1={M.l} x2={W - M.r} y1={paths.y(v)} y2={paths.y(v)} className="grid" />
              <text x={M.l - 6} y={paths.y(v) + 4} textAnchor="end" className="tick">
                {v}
              </text>
            </g>
          ))}
          {paths.xt.map((v) => (
            <text key={`x${v}`} x={paths.x(v)} y={H - 5} textAnchor="middle" className="tick">
              {formatMs(v)}
            </text>
          ))}
          {paths.lines.map(({ f, d, fd }) => (
            <g key={f.name}>
              {fd && <path d={fd} stroke={f.color} strokeWidth={f.width ?? 2} strokeDasharray={f.dash} fill="none" opacity={0.25} />}
              <path d={d} stroke={f.color} strokeWidth={f.width ?? 2} strokeDasharray={f.dash} fill="none" />
            </g>
          ))}
        </svg>
        <div className="now-track" style={{ top: `${(M.t / H) * 100}%`, bottom: `${(M.b / H) * 100}%` }} aria-hidden="true">
          {/* domMin: motion's renderer, without which an m element never writes a changed value. */}
          <LazyMotion features={domMin} strict>
            <m.div className="now" style={{ x: nowX }} />
          </LazyMotion>
        </div>
      </div>
      <div className="chart-legend">
        {series.map((f) => (
          <span key={f.name}>
            <i style={{ background: f.color }} /> {f.name}
          </span>
        ))}
      </div>
    </figure>
  );
});

const GROUP_COLORS = ['#7B3294', '#0072B2', '#D55E00', '#009E73'];
/** While playing, the charts catch up with the samples at most this often (wall ms). */
const REDRAW_MS = 500;

export function Charts() {
  const t = useT();
  // Below the fold while playing, the charts keep the samples they last drew (redrawn per sample, for
  // nobody); on screen while playing, they catch up at most every REDRAW_MS of wall time (a sample comes
  // every 250 simulated ms: four redraws a second at 1x, forty at 10x); paused or seeking, they follow the store.
  const [box, setBox] = useState<HTMLElement | null>(null);
  const onScreen = useOnScreen(box);
  const held = useRef<{ samples: ChartSample[]; at: number } | null>(null);
  const shown = useLab((s) => {
    const h = held.current;
    if (h === null || !s.playing) held.current = { samples: s.samples, at: 0 };
    else if (onScreen && h.samples !== s.samples) {
      const now = performance.now();
      if (now - h.at >= REDRAW_MS) held.current = { samples: s.samples, at: now };
    }
    return held.current!.samples;
  });
  // Drawn in a render of their own, after the one that shows the snapshot the samples came with.
  const samples = useDeferredValue(shown);
  // Kept while equal in content: the charts re-render when the partitions or groups change, not on every snapshot.
  const parts = useLabData((s) => s.snap?.partitions.map((p) => ({ id: p.id, name: p.name, assignment: p.assignment })) ?? []);
  const groups = useLabData((s) => s.snap?.consumers.map((g) => g.group) ?? []);
  const [pi, setPi] = useState(0);
  const part = parts[Math.min(pi, parts.length - 1)];
  const leoSeries = useMemo<Series[]>(() => {
    if (!part) return [];
    const id = part.id;
    return [
      ...part.assignment.map((b, i) => ({ name: `b${b} LEO`, color: REPLICA_COLORS[i % REPLICA_COLORS.length], get: (s: ChartSample) => s.leo[id]?.[i] ?? 0 })),
      { name: 'HW', color: '#000', get: (s: ChartSample) => s.hw[id] ?? 0, dash: '5 3', width: 2.5 },
    ];
  }, [part]);
  const anomalySeries = useMemo<Series[]>(
    () => [
      { name: t('fates.lostAcked'), color: '#C00000', get: (s) => s.lostAcked, width: 3 },
      { name: t('fates.lostUnacked'), color: '#E69F00', get: (s) => s.lostUnacked },
      { name: t('fates.duplicated'), color: '#7B3294', get: (s) => s.duplicated },
      { name: t('fates.reordered'), color: '#0072B2', get: (s) => s.reordered, dash: '4 3' },
      ...(groups.length
        ? [
            { name: t('fates.processedTwice'), color: '#CC79A7', get: (s: ChartSample) => s.processedTwice ?? 0, width: 3, dash: '6 2' },
            { name: t('fates.lostAfterBroker'), color: '#000000', get: (s: ChartSample) => s.lostAfterBroker ?? 0, dash: '2 2' },
          ]
        : []),
    ],
    [t, groups.length],
  );
  const lagSeries = useMemo<Series[]>(() => groups.map((g, i) => ({ name: g, color: GROUP_COLORS[i % GROUP_COLORS.length], get: (s: ChartSample) => s.lag?.[i] ?? 0, width: 2.5 })), [groups]);
  if (!part) return null;
  return (
    <section className="panel charts" aria-label={t('charts.title')} ref={setBox}>
      <div className="charts-head">
        <h2>{t('charts.title')}</h2>
        {parts.length > 1 && (
          <select value={pi} onChange={(e) => setPi(Number(e.target.value))} aria-label={t('charts.partition')}>
            {parts.map((p, i) => (
              <option key={p.id} value={i}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="chart-row">
        <Chart samples={samples} series={leoSeries} title={t('charts.leo', { partition: part.name })} testId="chart-leo" />
        <Chart samples={samples} series={anomalySeries} title={t('charts.anomalies')} testId="chart-anomalies" />
        {groups.length > 0 && <Chart samples={samples} series={lagSeries} title={t('charts.lag')} testId="chart-lag" />}
      </div>
    </section>
  );
}
