/**
 * The cluster as a network: the KRaft controller in the middle, brokers as
 * cards around it, producers on the left, consumers along the bottom (with a
 * dashed line to their group coordinator). Messages in flight are dots on a
 * canvas overlay, placed by simulated time at (now - sent) / (arrive - sent)
 * along their link, so pause and seek are exact; they are drawn outside
 * React renders (see FlightCanvas). Click a node for its actions; drag from
 * one node to another to cut the link between them.
 */
import { useMemo, useRef, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import { useLabData, useT } from './hooks.ts';
import { slowFollowerMs } from '../engine/faults/nodeActions.ts';
import { NodeMenu } from './NodeMenu.tsx';
import { FlightCanvas } from './FlightCanvas.tsx';
import { clusterLayout, diagramWidth, type Pt } from './clusterLayout.ts';
import { BrokerCard, ConsumerNode, ProducerNode } from './ClusterNodes.tsx';
import { ConsumerLinks, Links } from './ClusterLinks.tsx';
import { UNDER_1280, useMedia } from './media.ts';

export type { Pt };

/** From this many brokers on, the diagram takes the wide stage (the middle column) instead of the side column. */
export const WIDE_FROM = 4;


/**
 * `flat`: the guide stands beside a small cluster on a wide screen; `charts`: the charts stand beside a big one
 * (clusterLayout.ts); `hint: false`: the page shows the hint elsewhere (Lab.tsx: under the guide beside the diagram).
 */
export function ClusterView({ flat = false, charts = false, hint = true }: { flat?: boolean; charts?: boolean; hint?: boolean }) {
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
  // Under 1280 px (a phone, 1024×768) a big cluster is laid out three brokers to a row, narrow enough to draw at a pixel per unit.
  const narrow = useMedia(UNDER_1280);
  const { pos, w: W, h: H } = useMemo(() => clusterLayout(nBrokers, producers, consumers, diagramWidth(nBrokers, { narrow, flat, charts })), [nBrokers, producers, consumers, narrow, flat, charts]);
  const ctl = pos.get('controller') ?? { x: W / 2, y: H / 2 };
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
  const cls = `panel cluster${nBrokers >= WIDE_FROM ? ' wide' : ''}${flat ? ' flat' : ''}`;
  if (!brokers || !links) return <section className={cls} aria-label={t('cluster.title')} />;

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
    // Its aspect ratio and width, so CSS can cap the diagram's height and keep it at one pixel per unit or more
    // where there is room (custom properties set through the CSSOM: CSP-clean).
    <section className={cls} aria-label={t('cluster.title')} data-brokers={nBrokers} style={{ '--ar': (W / H).toFixed(3), '--w': `${W}px` } as React.CSSProperties}>
      <h2>{t('cluster.title')}</h2>
      <div className="cluster-stage">
        <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} className="cluster-svg" onPointerMove={onMove} onPointerUp={onUp} onPointerLeave={() => setDrag(null)} role="group" aria-label={t('cluster.dragHint')}>
          <Links brokers={nBrokers} links={links} pos={pos} producers={producers} />
          {groups && groups.length > 0 && <ConsumerLinks groups={groups} pos={pos} />}
          {drag?.moved && <line x1={pos.get(drag.from)!.x} y1={pos.get(drag.from)!.y} x2={drag.at.x} y2={drag.at.y} className="drag-line" />}
          {brokers.map((b) => (
            <BrokerCard key={b.id} b={b} p={pos.get(`b${b.id}`)!} leads={leads.get(b.id) ?? 0} slowMs={slowMs[b.id - 1] ?? 0} coordinatorOf={coordinators.get(b.id)?.join(',') ?? ''} onDown={down} onKey={openMenu} />
          ))}
          {/* After the brokers: a crashed broker's spreading state ring passes under the controller's card, never over its title. */}
          <g className="node controller" transform={`translate(${ctl.x},${ctl.y})`}>
            <rect x={-54} y={-22} width={108} height={44} rx={10} />
            <text y={-3} textAnchor="middle" className="node-title">
              {t('cluster.controllerName')}
            </text>
            <text y={14} textAnchor="middle" className="node-sub">
              KRaft
            </text>
          </g>
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
      {hint && <ClusterHint />}
    </section>
  );
}

/** How to act on the diagram: click a node, drag between two nodes. */
export function ClusterHint() {
  const t = useT();
  return <p className="hint cluster-hint">{t('cluster.dragHint')}</p>;
}
