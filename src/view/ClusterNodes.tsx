/**
 * The cluster diagram's nodes: a producer (with its acks), a broker card
 * (state, ★ when it leads partitions, and one badge: controller has not
 * noticed, slowed follower, or group coordinator) and a consumer card. Broker
 * and consumer cards are buttons that open their node's menu.
 */
import { memo } from 'react';
import { useStage } from './stage.ts';
import { useLab } from '../state/LabProvider.tsx';
import { StatePulse } from './StatePulse.tsx';
import type { BrokerSnap } from '../engine/checker/snapshot.ts';
import type { ConsumerMemberSnapshot } from '../engine/checker/consumerSnapshot.ts';
import { useT } from './hooks.ts';
import { BOX, type Pt } from './clusterLayout.ts';
import { useTid } from './scope.ts';

export const ProducerNode = memo(function ProducerNode({ name, p, onDown }: { name: string; p: Pt | undefined; onDown: (node: string, e: React.PointerEvent) => void }) {
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

/** Room for a badge inside the 110-unit card. */
const BADGE_W = 102;
let ruler: CanvasRenderingContext2D | null | undefined;
/**
 * A text's width in SVG units, measured on a canvas in its font (lab.css and
 * stage.css: 12 units, 13.4 in presenter mode): no layout read, so a
 * countdown badge changing every tick costs no forced reflow.
 */
function textWidth(text: string, presenter: boolean, weight = 600, px = 12): number {
  if (ruler === undefined) ruler = document.createElement('canvas').getContext('2d');
  if (!ruler) return text.length * 7;
  // Measuring shapes the text (a millisecond or more for a dozen badges): a card re-rendered with the same text asks again.
  const key = `${weight}|${presenter ? 1 : px}|${text}`;
  const hit = widths.get(key);
  if (hit !== undefined) return hit;
  ruler.font = `${weight} ${presenter ? 13.4 : px}px system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif`;
  const w = ruler.measureText(text).width;
  // Bounded: a countdown badge makes a new text every tenth of a second.
  if (widths.size >= 2000) widths.clear();
  widths.set(key, w);
  return w;
}
const widths = new Map<string, number>();

/** Small text squeezed to `max` units when it is longer (presenter mode's larger text, 中文, "+1500 ms", a long assignment). */
function Fit({ x, y, max, className, testid, weight, px, children }: { x: number; y: number; max: number; className: string; testid?: string; weight?: number; px?: number; children: string }) {
  const presenter = useStage((s) => s.presenter);
  const squeeze = textWidth(children, presenter, weight, px) > max;
  return (
    <text x={x} y={y} className={className} data-testid={testid} {...(squeeze ? { textLength: max, lengthAdjust: 'spacingAndGlyphs' } : {})}>
      {children}
    </text>
  );
}

/** A card's badge, along its bottom. */
function Badge({ className, testid, children }: { className: string; testid?: string; children: string }) {
  return (
    <Fit x={-BADGE_W / 2} y={25} max={BADGE_W} className={className} testid={testid}>
      {children}
    </Fit>
  );
}

export const BrokerCard = memo(function BrokerCard({ b, p, leads, slowMs, coordinatorOf, onDown, onKey }: { b: BrokerSnap; p: Pt; leads: number; slowMs: number; coordinatorOf: string; onDown: (node: string, e: React.PointerEvent) => void; onKey: (node: string) => void }) {
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
      <rect x={-55} y={-30} width={110} height={60} rx={8} />
      <text x={-46} y={-9} className="node-title">
        b{b.id}
        {leads > 0 ? ' ★' : ''}
      </text>
      {/* Squeezed when longer than the card (中文 "已隔离（fenced）" ran past its edge); 13 units, bold when crashed (lab.css). */}
      <Fit x={-46} y={10} max={96} px={13} weight={state === 'crashed' ? 700 : 400} className="node-sub">
        {t(`broker.${state}`)}
      </Fit>
      {b.unnoticed ? (
        <Badge className="node-badge unnoticed" testid={tid(`unnoticed-badge-b${b.id}`)}>
          {t('unnoticed.badge')}
        </Badge>
      ) : slowMs > 0 && state === 'running' ? (
        <Badge className="node-badge" testid={tid(`slow-b${b.id}`)}>
          {t('broker.slow', { ms: slowMs })}
        </Badge>
      ) : coordinatorOf ? (
        <Badge className="node-badge coord">{`◆ ${t('broker.coordShort')}`}</Badge>
      ) : null}
    </g>
  );
});

export const ConsumerNode = memo(function ConsumerNode({ m, group, p, onDown, onKey }: { m: ConsumerMemberSnapshot; group: string; p: Pt | undefined; onDown: (node: string, e: React.PointerEvent) => void; onKey: (node: string) => void }) {
  const tid = useTid();
  const t = useT();
  if (!p) return null;
  // At most about a dozen characters fit the card: a long assignment ends in "…" (and squeezes if still too long).
  const all = m.partitions.map((x) => x.index).join(',');
  const parts = all.length > 11 ? `${all.slice(0, all.lastIndexOf(',', 10))},…` : all;
  const { w, h } = BOX.consumer;
  const inner = w - 12;
  return (
    <g
      className={`node consumer s-${m.status}`}
      transform={`translate(${p.x},${p.y})`}
      tabIndex={0}
      role="button"
      aria-haspopup="menu"
      aria-label={`${t('consumer.node', { name: m.name, group })}: ${t(`consumer.s.${m.status}`)} · ${t('consumers.queue', { n: m.queueLength })}`}
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
      <title>{t('consumers.queue', { n: m.queueLength })}</title>
      <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={6} />
      <text x={-inner / 2} y={-10} className="node-title small">
        {m.name}
      </text>
      <text x={inner / 2} y={-10} textAnchor="end" className="node-sub tiny">
        {group.length > 8 ? `${group.slice(0, 7)}…` : group}
      </text>
      <text x={-inner / 2} y={6} className="node-sub">
        {t(`consumer.s.${m.status}`)}
      </text>
      {(m.status === 'alive' || m.status === 'stalled' || m.status === 'closing') && (
        <Fit x={-inner / 2} y={21} max={inner} weight={400} className="node-sub tiny">
          {`P[${parts || '–'}] ${t('consumers.queueShort', { n: m.queueLength })}`}
        </Fit>
      )}
    </g>
  );
});

