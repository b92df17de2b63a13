/**
 * A node's actions. A broker: crash, cut the power, clean shutdown, restart,
 * isolate, slow follower. A consumer: kill -9, clean close, restart, stall
 * (briefly, or past max.poll.interval.ms), and adding a member to its group.
 * Arrow keys move between items; Escape closes and gives focus back to the node.
 */
import { useEffect, useRef } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import type { LiveFault } from '../timeline/protocol.ts';
import { useT } from './hooks.ts';
import type { Pt } from './ClusterView.tsx';

interface Item {
  id: string;
  label: string;
  fault: LiveFault;
  enabled: boolean;
}

function useBrokerItems(node: string): { title: string; items: Item[] } | null {
  const t = useT();
  const id = Number(node.slice(1));
  const b = useLab((s) => (node.startsWith('b') ? s.snap?.brokers.find((x) => x.id === id) : undefined));
  const slow = useLab((s) => s.snap?.partitions.some((p) => p.replicas.some((r) => r.broker === id && r.slowMs > 0)) ?? false);
  if (!b) return null;
  const up = b.status === 'running';
  return {
    title: t('menu.title', { id }),
    items: [
      { id: 'crash', label: t('menu.crash'), fault: { type: 'crash', broker: id }, enabled: up },
      { id: 'power', label: t('menu.power'), fault: { type: 'power-loss', brokers: [id] }, enabled: b.status !== 'powered-off' },
      { id: 'shutdown', label: t('menu.shutdown'), fault: { type: 'shutdown', broker: id }, enabled: up && !b.stopping },
      { id: 'restart', label: t('menu.restart'), fault: { type: 'restart', broker: id }, enabled: !up },
      { id: 'isolate', label: t('menu.isolate'), fault: { type: 'isolate', node }, enabled: !b.isolated },
      slow ? { id: 'unslow', label: t('menu.unslow'), fault: { type: 'slow-follower', broker: id, delayMs: 0 }, enabled: true } : { id: 'slow', label: t('menu.slow'), fault: { type: 'slow-follower', broker: id, delayMs: 1000 }, enabled: true },
    ],
  };
}

/** A consumer's actions; exported for the actions panel. */
export function consumerItems(t: (k: string, v?: Record<string, string | number>) => string, name: string, status: string, maxPollMs: number, idleSibling: string | undefined): Item[] {
  const running = status === 'alive' || status === 'stalled' || status === 'closing';
  return [
    { id: 'c-crash', label: t('cmenu.crash'), fault: { type: 'consumer-crash', consumer: name }, enabled: running },
    { id: 'c-close', label: t('cmenu.close'), fault: { type: 'consumer-close', consumer: name }, enabled: status === 'alive' || status === 'stalled' },
    { id: 'c-restart', label: status === 'idle' ? t('cmenu.start') : t('cmenu.restart'), fault: status === 'idle' ? { type: 'consumer-add', consumer: name } : { type: 'consumer-restart', consumer: name }, enabled: true },
    { id: 'c-stall', label: t('cmenu.stall', { s: 10 }), fault: { type: 'consumer-stall', consumer: name, ms: 10000 }, enabled: running },
    { id: 'c-stall-long', label: t('cmenu.stallLong', { s: Math.round((maxPollMs + 5000) / 1000) }), fault: { type: 'consumer-stall', consumer: name, ms: maxPollMs + 5000 }, enabled: running },
    { id: 'c-add', label: idleSibling ? t('cmenu.add', { name: idleSibling }) : t('cmenu.addNone'), fault: { type: 'consumer-add', consumer: idleSibling ?? name }, enabled: idleSibling !== undefined },
  ];
}

function useConsumerItems(node: string): { title: string; items: Item[] } | null {
  const t = useT();
  const group = useLab((s) => s.snap?.consumers.find((g) => g.members.some((m) => m.name === node)));
  const info = useLab((s) => s.info?.consumers.find((c) => c.name === node));
  const m = group?.members.find((x) => x.name === node);
  if (!group || !m) return null;
  const idle = group.members.find((x) => x.status === 'idle' && x.name !== node)?.name;
  const maxPoll = Number(info?.config['max.poll.interval.ms'] ?? 300000);
  return { title: t('cmenu.title', { name: node, group: group.group }), items: consumerItems(t, node, m.status, maxPoll, idle) };
}

export function NodeMenu({ node, pos, w, h }: { node: string; pos: Pt; w: number; h: number }) {
  const t = useT();
  const send = useLab((s) => s.send);
  const set = useLab((s) => s.set);
  const ref = useRef<HTMLDivElement>(null);
  const broker = useBrokerItems(node);
  const consumer = useConsumerItems(node);
  const menu = broker ?? consumer;
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
  }, [node]);
  if (!menu) return null;
  const testId = broker ? `broker-${node}` : `consumer-${node}`;
  const close = () => {
    set({ menu: null });
    document.querySelector<SVGGElement>(`[data-testid="${testId}"]`)?.focus();
  };
  const act = (f: LiveFault) => {
    send({ type: 'fault', fault: f });
    close();
  };
  // Centred across the diagram (it is about as wide as the menu); below the node, or above it near the bottom.
  const left = 50;
  const top = Math.min((pos.y / h) * 100 + 8, 62);
  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={menu.title}
      style={{ left: `${left}%`, ...(pos.y / h > 0.6 ? { bottom: `${100 - (pos.y / h) * 100 + 10}%` } : { top: `${top}%` }) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const list = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
          const i = list.indexOf(document.activeElement as HTMLButtonElement);
          list[(i + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length]?.focus();
        }
      }}
    >
      <div className="menu-title">{menu.title}</div>
      {menu.items.map((it) => (
        <button key={it.id} type="button" role="menuitem" disabled={!it.enabled} onClick={() => act(it.fault)} data-testid={`menu-${it.id}`}>
          {it.label}
        </button>
      ))}
      <button type="button" role="menuitem" className="menu-close" onClick={close}>
        {t('menu.close')}
      </button>
    </div>
  );
}
