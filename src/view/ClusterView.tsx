/**
 * The cluster as a network: the KRaft controller in the middle, brokers as
 * cards around it, producers on the left. Messages in flight are dots placed
 * by simulated time at (now - sent) / (arrive - sent) along their link, so
 * pause and seek are exact. Click a node for its actions; drag from one node
 * to another to cut the link between them.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import type { BrokerSnap, FlightSnap, LabSnapshot, LinkSnap } from '../engine/snapshot.ts';
import { useReducedMotionPref, useT } from './hooks.ts';
import { BrokerMenu } from './BrokerMenu.tsx';

const W = 340;
const H = 272;
const CX = 190;
const CY = 138;
const R = 100;

export interface Pt {
  x: number;
  y: number;
}

export function layout(brokers: number, producers: string[]): Map<string, Pt> {
  const pos = new Map<string, Pt>();
  pos.set('controller', { x: CX, y: CY });
  for (let i = 0; i < brokers; i++) {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / brokers;
    const sx = Math.min(1.2, (W - 54 - CX) / R);
    pos.set(`b${i + 1}`, { x: CX + R * Math.cos(a) * sx, y: CY + R * Math.sin(a) * (brokers === 3 ? 1.05 : 1) + (brokers === 3 ? 4 : 0) });
  }
  producers.forEach((p, i) => pos.set(p, { x: 40, y: 30 + i * 62 }));
  return pos;
}

const FLIGHT_COLOR: Record<FlightSnap['kind'], string> = {
  produce: '#D55E00',
  'produce-resp': '#009E73',
  fetch: '#6b6b6b',
  'fetch-resp': '#0072B2',
  heartbeat: '#9a9a9a',
  metadata: '#CC79A7',
  consumer: '#E69F00',
  other: '#999',
};

export function ClusterView() {
  const t = useT();
  const snap = useLab((s) => s.snap);
  const info = useLab((s) => s.info);
  const send = useLab((s) => s.send);
  const menu = useLab((s) => s.menu);
  const setState = useLab((s) => s.set);
  const reduced = useReducedMotionPref();
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ from: string; at: Pt; moved: boolean } | null>(null);
  const producers = useMemo(() => info?.producers.map((p) => p.name) ?? [], [info]);
  const pos = useMemo(() => layout(snap?.brokers.length ?? 0, producers), [snap?.brokers.length, producers]);
  if (!snap) return <section className="panel cluster" aria-label={t('cluster.title')} />;

  const toSvg = (e: React.PointerEvent): Pt => {
    const r = svgRef.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * W, y: ((e.clientY - r.top) / r.height) * H };
  };
  const nodeAt = (p: Pt): string | undefined => {
    for (const [n, q] of pos) if (Math.abs(q.x - p.x) < 44 && Math.abs(q.y - p.y) < 30) return n;
    return undefined;
  };
  const onDown = (node: string) => (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    setDrag({ from: node, at: toSvg(e), moved: false });
  };
  const onMove = (e: React.PointerEvent) => {
    if (!drag) return;
    const at = toSvg(e);
    const p0 = pos.get(drag.from)!;
    setDrag({ ...drag, at, moved: drag.moved || Math.hypot(at.x - p0.x, at.y - p0.y) > 30 });
  };
  const onUp = (e: React.PointerEvent) => {
    if (!drag) return;
    const target = nodeAt(toSvg(e));
    if (drag.moved && target && target !== drag.from) {
      send({ type: 'fault', fault: { type: 'link', from: drag.from, to: target, drop: 1 } });
    } else if (!drag.moved && drag.from.startsWith('b')) {
      setState({ menu: drag.from });
    }
    setDrag(null);
  };
  const leads = (b: number) => snap.partitions.filter((p) => p.leader === b).length;

  return (
    <section className="panel cluster" aria-label={t('cluster.title')}>
      <h2>{t('cluster.title')}</h2>
      <div className="cluster-stage">
        <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} className="cluster-svg" onPointerMove={onMove} onPointerUp={onUp} onPointerLeave={() => setDrag(null)} role="img" aria-label={t('cluster.dragHint')}>
          <Links snap={snap} pos={pos} producers={producers} />
          <Flights flights={snap.flights} t={snap.t} pos={pos} reduced={reduced} />
          {drag?.moved && <line x1={pos.get(drag.from)!.x} y1={pos.get(drag.from)!.y} x2={drag.at.x} y2={drag.at.y} className="drag-line" />}
          <g className="node controller" transform={`translate(${CX},${CY})`}>
            <rect x={-46} y={-22} width={92} height={44} rx={10} />
            <text y={-3} textAnchor="middle" className="node-title">
              ⚙ controller
            </text>
            <text y={14} textAnchor="middle" className="node-sub">
              KRaft
            </text>
          </g>
          {snap.brokers.map((b) => (
            <BrokerCard key={b.id} b={b} p={pos.get(`b${b.id}`)!} leads={leads(b.id)} slow={snap.partitions.some((p) => p.replicas.some((r) => r.broker === b.id && r.slowMs > 0))} onDown={onDown(`b${b.id}`)} onKey={() => setState({ menu: `b${b.id}` })} />
          ))}
          {snap.producers.map((p) => {
            const q = pos.get(p.name);
            if (!q) return null;
            return (
              <g key={p.name} className="node producer" transform={`translate(${q.x},${q.y})`} onPointerDown={onDown(p.name)}>
                <rect x={-38} y={-26} width={76} height={52} rx={26} />
                <text y={-5} textAnchor="middle" className="node-title">
                  {p.name}
                </text>
                <text y={13} textAnchor="middle" className="node-sub">
                  acks={p.acks}
                </text>
              </g>
            );
          })}
        </svg>
        {menu && snap.brokers.some((b) => `b${b.id}` === menu) && <BrokerMenu node={menu} pos={pos.get(menu)!} w={W} h={H} />}
      </div>
      <p className="hint">{t('cluster.dragHint')}</p>
    </section>
  );
}

const BrokerCard = memo(function BrokerCard({ b, p, leads, slow, onDown, onKey }: { b: BrokerSnap; p: Pt; leads: number; slow: boolean; onDown: (e: React.PointerEvent) => void; onKey: () => void }) {
  const t = useT();
  const state = b.status !== 'running' ? b.status : b.isolated ? 'isolated' : b.stopping ? 'stopping' : b.fenced ? 'fenced' : 'running';
  return (
    <g
      className={`node broker s-${state}`}
      transform={`translate(${p.x},${p.y})`}
      tabIndex={0}
      role="button"
      aria-haspopup="menu"
      aria-label={`broker ${b.id}: ${t(`broker.${state}`)}${leads ? `, ${t('broker.leaderOf', { n: leads })}` : ''}`}
      data-testid={`broker-b${b.id}`}
      data-status={state}
      onPointerDown={onDown}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          onKey();
        }
      }}
    >
      <rect x={-50} y={-30} width={100} height={60} rx={8} />
      <text x={-40} y={-9} className="node-title">
        b{b.id}
        {leads > 0 ? ' ★' : ''}
      </text>
      <text x={-40} y={10} className="node-sub">
        {t(`broker.${state}`)}
      </text>
      {slow && state === 'running' && (
        <text x={-40} y={25} className="node-badge">
          slow +1 s
        </text>
      )}
    </g>
  );
});

function Links({ snap, pos, producers }: { snap: LabSnapshot; pos: Map<string, Pt>; producers: string[] }) {
  const cut = (a: string, b: string, links: LinkSnap[]) => links.some((l) => l.cut && ((l.from === a && l.to === b) || (l.from === b && l.to === a)));
  const pairs: [string, string][] = [];
  const brokers = snap.brokers.map((b) => `b${b.id}`);
  for (let i = 0; i < brokers.length; i++) {
    pairs.push(['controller', brokers[i]]);
    for (let j = i + 1; j < brokers.length; j++) pairs.push([brokers[i], brokers[j]]);
    for (const p of producers) pairs.push([p, brokers[i]]);
  }
  return (
    <g className="links">
      {pairs.map(([a, b]) => {
        const p = pos.get(a);
        const q = pos.get(b);
        if (!p || !q) return null;
        const isCut = cut(a, b, snap.links);
        return (
          <g key={`${a}-${b}`}>
            <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} className={isCut ? 'link cut' : 'link'} />
            {isCut && (
              <text x={(p.x + q.x) / 2} y={(p.y + q.y) / 2 + 5} textAnchor="middle" className="cut-mark">
                ✂
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

function Flights({ flights, t, pos, reduced }: { flights: FlightSnap[]; t: number; pos: Map<string, Pt>; reduced: boolean }) {
  return (
    <g className="flights" aria-hidden="true">
      {flights.map((f) => {
        const a = pos.get(f.from);
        const b = pos.get(f.to);
        if (!a || !b || f.kind === 'heartbeat') return null;
        // Reduced motion: a dot waits at the middle of its link instead of travelling.
        const k = reduced ? 0.5 : Math.max(0, Math.min(1, f.arriveAt > f.sentAt ? (t - f.sentAt) / (f.arriveAt - f.sentAt) : 1));
        // Requests and answers travel a little apart so both directions stay visible.
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = Math.hypot(dx, dy) || 1;
        const off = 5;
        const x = a.x + dx * k + (-dy / len) * off;
        const y = a.y + dy * k + (dx / len) * off;
        const r = f.records > 0 ? Math.min(9, 4 + Math.sqrt(f.records)) : 3.5;
        return <circle key={f.id} cx={x} cy={y} r={r} fill={f.error ? '#c00' : FLIGHT_COLOR[f.kind]} className={`flight k-${f.kind}`} />;
      })}
    </g>
  );
}
