/**
 * The cluster as a network: the KRaft controller in the middle, brokers as
 * cards around it, producers on the left, consumers along the bottom (with a
 * dashed line to their group coordinator). Messages in flight are dots on a
 * canvas overlay, placed by simulated time at (now - sent) / (arrive - sent)
 * along their link, so pause and seek are exact; they are drawn outside
 * React renders (see FlightCanvas). Click a node for its actions; drag from
 * one node to another to cut the link between them.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { StatePulse } from './StatePulse.tsx';
import type { BrokerSnap, LinkSnap } from '../engine/snapshot.ts';
import type { ConsumerGroupSnapshot, ConsumerMemberSnapshot } from '../engine/consumerSnapshot.ts';
import { useLabData, useT } from './hooks.ts';
import { slowFollowerMs } from '../engine/nodeActions.ts';
import { NodeMenu } from './NodeMenu.tsx';
import { FlightCanvas } from './FlightCanvas.tsx';
import { useTid } from './scope.ts';

export const W = 340;
const H0 = 272;
const CX = 190;
const CY = 138;
const R = 100;
const CONSUMER_ROW = 64;

export interface Pt {
  x: number;
  y: number;
}

export function layout(brokers: number, producers: string[], consumers: string[] = []): Map<string, Pt> {
  const pos = new Map<string, Pt>();
  pos.set('controller', { x: CX, y: CY });
  for (let i = 0; i < brokers; i++) {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / brokers;
    const sx = Math.min(1.2, (W - 54 - CX) / R);
    pos.set(`b${i + 1}`, { x: CX + R * Math.cos(a) * sx, y: CY + R * Math.sin(a) * (brokers === 3 ? 1.05 : 1) + (brokers === 3 ? 4 : 0) });
  }
  producers.forEach((p, i) => pos.set(p, { x: 40, y: 30 + i * 62 }));
  // Consumers in rows of four under the brokers.
  consumers.forEach((c, i) => pos.set(c, { x: 46 + (i % 4) * 82, y: H0 + 30 + Math.floor(i / 4) * CONSUMER_ROW }));
  return pos;
}

export const heightFor = (consumers: number) => (consumers ? H0 + Math.ceil(consumers / 4) * CONSUMER_ROW : H0);


export function ClusterView() {
  const t = useT();
  const brokers = useLab((s) => s.snap?.brokers);
  const links = useLab((s) => s.snap?.links);
  // Structured selections kept while equal in content (no names packed into strings).
  const leaders = useLabData((s) => s.snap?.partitions.map((p) => p.leader) ?? []);
  /** Each broker's follower-fetch delay (0: not slowed), as the engine reports it. */
  const slowMs = useLabData((s) => s.snap?.brokers.map((b) => slowFollowerMs(s.snap!.partitions, b.id)) ?? []);
  const groups = useLab((s) => s.snap?.consumers);
  const consumers = useLabData((s) => s.snap?.consumers.flatMap((g) => g.members.map((m) => m.name)) ?? []);
  const info = useLab((s) => s.info);
  const send = useLab((s) => s.send);
  const menu = useLab((s) => s.menu);
  const setState = useLab((s) => s.set);
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ from: string; at: Pt; moved: boolean } | null>(null);
  // Stable handlers for the memoised nodes (a new closure per render would re-render every card).
  const latest = useRef<{ onDown: (node: string) => (e: React.PointerEvent) => void; menu: (node: string) => void } | null>(null);
  const down = useMemo(() => (node: string, e: React.PointerEvent) => latest.current?.onDown(node)(e), []);
  const openMenu = useMemo(() => (node: string) => latest.current?.menu(node), []);
  const producers = useMemo(() => info?.producers.map((p) => p.name) ?? [], [info]);
  const nBrokers = brokers?.length ?? 0;
  const pos = useMemo(() => layout(nBrokers, producers, consumers), [nBrokers, producers, consumers]);
  const H = heightFor(consumers.length);
  const leads = useMemo(() => {
    const m = new Map<number, number>();
    for (const l of leaders) if (l > 0) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  }, [leaders]);
  const coordinators = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const g of groups ?? []) if (g.coordinator > 0) m.set(g.coordinator, [...(m.get(g.coordinator) ?? []), g.group]);
    return m;
  }, [groups]);
  if (!brokers || !links) return <section className="panel cluster" aria-label={t('cluster.title')} />;

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
    } else if (!drag.moved && (brokers.some((b) => `b${b.id}` === drag.from) || consumers.includes(drag.from))) {
      setState({ menu: drag.from });
    }
    setDrag(null);
  };
  latest.current = { onDown, menu: (node: string) => setState({ menu: node }) };

  return (
    <section className="panel cluster" aria-label={t('cluster.title')}>
      <h2>{t('cluster.title')}</h2>
      <div className="cluster-stage">
        <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} className="cluster-svg" onPointerMove={onMove} onPointerUp={onUp} onPointerLeave={() => setDrag(null)} role="group" aria-label={t('cluster.dragHint')}>
          <Links brokers={nBrokers} links={links} pos={pos} producers={producers} />
          {groups && groups.length > 0 && <ConsumerLinks groups={groups} pos={pos} />}
          {drag?.moved && <line x1={pos.get(drag.from)!.x} y1={pos.get(drag.from)!.y} x2={drag.at.x} y2={drag.at.y} className="drag-line" />}
          <g className="node controller" transform={`translate(${CX},${CY})`}>
            <rect x={-46} y={-22} width={92} height={44} rx={10} />
            <text y={-3} textAnchor="middle" className="node-title">
              {t('cluster.controllerName')}
            </text>
            <text y={14} textAnchor="middle" className="node-sub">
              KRaft
            </text>
          </g>
          {brokers.map((b) => (
            <BrokerCard key={b.id} b={b} p={pos.get(`b${b.id}`)!} leads={leads.get(b.id) ?? 0} slowMs={slowMs[b.id - 1] ?? 0} coordinatorOf={coordinators.get(b.id)?.join(',') ?? ''} onDown={down} onKey={openMenu} />
          ))}
          {producers.map((name) => (
            <ProducerNode key={name} name={name} p={pos.get(name)} onDown={down} />
          ))}
          {groups?.map((g) =>
            g.members.map((m) => <ConsumerNode key={m.name} m={m} group={g.group} p={pos.get(m.name)} onDown={down} onKey={openMenu} />),
          )}
        </svg>
        <FlightCanvas pos={pos} w={W} h={H} />
        {menu && pos.has(menu) && menu !== 'controller' && !producers.includes(menu) && <NodeMenu node={menu} pos={pos.get(menu)!} w={W} h={H} />}
      </div>
      <p className="hint">{t('cluster.dragHint')}</p>
    </section>
  );
}

const ProducerNode = memo(function ProducerNode({ name, p, onDown }: { name: string; p: Pt | undefined; onDown: (node: string, e: React.PointerEvent) => void }) {
  const acks = useLab((s) => s.snap?.producers.find((x) => x.name === name)?.acks ?? '');
  if (!p) return null;
  return (
    <g className="node producer" transform={`translate(${p.x},${p.y})`} onPointerDown={(e) => onDown(name, e)}>
      <rect x={-38} y={-26} width={76} height={52} rx={26} />
      <text y={-5} textAnchor="middle" className="node-title">
        {name}
      </text>
      <text y={13} textAnchor="middle" className="node-sub">
        acks={acks}
      </text>
    </g>
  );
});

const BrokerCard = memo(function BrokerCard({ b, p, leads, slowMs, coordinatorOf, onDown, onKey }: { b: BrokerSnap; p: Pt; leads: number; slowMs: number; coordinatorOf: string; onDown: (node: string, e: React.PointerEvent) => void; onKey: (node: string) => void }) {
  const tid = useTid();
  const t = useT();
  const state = b.status !== 'running' ? b.status : b.isolated ? 'isolated' : b.stopping ? 'stopping' : b.fenced ? 'fenced' : 'running';
  return (
    <g
      className={`node broker s-${state}`}
      transform={`translate(${p.x},${p.y})`}
      tabIndex={0}
      role="button"
      aria-haspopup="menu"
      aria-label={`broker ${b.id}: ${t(`broker.${state}`)}${leads ? `, ${t('broker.leaderOf', { n: leads })}` : ''}${coordinatorOf ? `, ${t('broker.coordinator', { groups: coordinatorOf })}` : ''}`}
      data-testid={tid(`broker-b${b.id}`)}
      data-status={state}
      onPointerDown={(e) => onDown(`b${b.id}`, e)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          onKey(`b${b.id}`);
        }
      }}
    >
      <StatePulse state={state} broker={b.id} />
      <rect x={-50} y={-30} width={100} height={60} rx={8} />
      <text x={-40} y={-9} className="node-title">
        b{b.id}
        {leads > 0 ? ' ★' : ''}
      </text>
      <text x={-40} y={10} className="node-sub">
        {t(`broker.${state}`)}
      </text>
      {b.unnoticed ? (
        <text x={-40} y={25} className="node-badge unnoticed" data-testid={tid(`unnoticed-badge-b${b.id}`)}>
          {t('unnoticed.badge')}
        </text>
      ) : slowMs > 0 && state === 'running' ? (
        <text x={-40} y={25} className="node-badge" data-testid={tid(`slow-b${b.id}`)}>
          {t('broker.slow', { ms: slowMs })}
        </text>
      ) : coordinatorOf ? (
        <text x={-40} y={25} className="node-badge coord">
          ◆ {t('broker.coordShort')}
        </text>
      ) : null}
    </g>
  );
});

const ConsumerNode = memo(function ConsumerNode({ m, group, p, onDown, onKey }: { m: ConsumerMemberSnapshot; group: string; p: Pt | undefined; onDown: (node: string, e: React.PointerEvent) => void; onKey: (node: string) => void }) {
  const tid = useTid();
  const t = useT();
  if (!p) return null;
  const parts = m.partitions.map((x) => x.index).join(',');
  return (
    <g
      className={`node consumer s-${m.status}`}
      transform={`translate(${p.x},${p.y})`}
      tabIndex={0}
      role="button"
      aria-haspopup="menu"
      aria-label={`${t('consumer.node', { name: m.name, group })}: ${t(`consumer.s.${m.status}`)}`}
      data-testid={tid(`consumer-${m.name}`)}
      data-status={m.status}
      onPointerDown={(e) => onDown(m.name, e)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          onKey(m.name);
        }
      }}
    >
      <rect x={-39} y={-27} width={78} height={54} rx={6} />
      <text x={-32} y={-10} className="node-title small">
        {m.name}
      </text>
      <text x={34} y={-10} textAnchor="end" className="node-sub tiny">
        {group.length > 8 ? `${group.slice(0, 7)}…` : group}
      </text>
      <text x={-32} y={6} className="node-sub">
        {t(`consumer.s.${m.status}`)}
      </text>
      <text x={-32} y={21} className="node-sub tiny">
        {m.status === 'alive' || m.status === 'stalled' || m.status === 'closing' ? `P[${parts || '–'}] q${m.queueLength}` : ''}
      </text>
    </g>
  );
});

function ConsumerLinks({ groups, pos }: { groups: ConsumerGroupSnapshot[]; pos: Map<string, Pt> }) {
  return (
    <g className="links consumer-links">
      {groups.flatMap((g) =>
        g.members
          .filter((m) => m.status !== 'idle' && m.status !== 'crashed' && m.status !== 'left' && g.coordinator > 0)
          .map((m) => {
            const a = pos.get(m.name);
            const b = pos.get(`b${g.coordinator}`);
            if (!a || !b) return null;
            return <line key={`${m.name}-coord`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="link coord" />;
          }),
      )}
    </g>
  );
}

const Links = memo(function Links({ brokers, links, pos, producers }: { brokers: number; links: LinkSnap[]; pos: Map<string, Pt>; producers: string[] }) {
  const cut = (a: string, b: string) => links.some((l) => l.cut && ((l.from === a && l.to === b) || (l.from === b && l.to === a)));
  const pairs: [string, string][] = [];
  const names = Array.from({ length: brokers }, (_, i) => `b${i + 1}`);
  for (let i = 0; i < names.length; i++) {
    pairs.push(['controller', names[i]]);
    for (let j = i + 1; j < names.length; j++) pairs.push([names[i], names[j]]);
    for (const p of producers) pairs.push([p, names[i]]);
  }
  return (
    <g className="links">
      {pairs.map(([a, b]) => {
        const p = pos.get(a);
        const q = pos.get(b);
        if (!p || !q) return null;
        const isCut = cut(a, b);
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
});
