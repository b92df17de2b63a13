/**
 * A node's actions. A broker: crash, cut the power, clean shutdown, restart,
 * isolate, slow follower. A consumer: kill -9, clean close, restart, stall
 * (briefly, or past max.poll.interval.ms), and adding a member to its group.
 * Arrow keys move between items; Escape closes and gives focus back to the node.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import type { LiveFault } from '../timeline/protocol.ts';
import { useT, type T } from './hooks.ts';
import type { Pt } from './clusterLayout.ts';
import { brokerActions, consumerActions, slowFollowerMs } from '../engine/faults/nodeActions.ts';

interface Item {
  id: string;
  label: string;
  fault: LiveFault;
  enabled: boolean;
}

/** Consumer actions keep the test ids they always had. */
const CONSUMER_TEST_ID: Record<string, string> = { crash: 'c-crash', close: 'c-close', start: 'c-restart', restart: 'c-restart', stall: 'c-stall', stallLong: 'c-stall-long', add: 'c-add', addNone: 'c-add' };

function useBrokerItems(node: string): { title: string; items: Item[] } | null {
  const t = useT();
  // Which broker this is comes from the snapshot's broker list, not from the spelling of its name.
  const b = useLab((s) => s.snap?.brokers.find((x) => `b${x.id}` === node));
  const slowMs = useLab((s) => (b && s.snap ? slowFollowerMs(s.snap.partitions, b.id) : 0));
  if (!b) return null;
  return { title: t('menu.title', { id: b.id }), items: brokerActions(b, slowMs).map((a) => ({ id: a.id, label: t(`menu.${a.id}`, a.args), fault: a.fault, enabled: a.enabled })) };
}

/** A consumer's actions (the engine decides which apply); exported for the actions panel. */
export function consumerItems(t: T, name: string, status: string, maxPollMs: number, idleSibling: string | undefined): Item[] {
  return consumerActions(name, status, maxPollMs, idleSibling).map((a) => ({ id: CONSUMER_TEST_ID[a.id], label: t(`cmenu.${a.id}`, a.args), fault: a.fault, enabled: a.enabled }));
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
  const low = pos.y / h > 0.6;
  // A low node's menu opens upward, unless that would take it above the diagram's panel: in a
  // short, wide diagram it would end under the sticky bars, where no scroll can reach it.
  const [down, setDown] = useState(false);
  useLayoutEffect(() => {
    setDown(false);
    const el = ref.current;
    const panel = (el?.offsetParent as HTMLElement | null)?.getBoundingClientRect();
    if (el && low && panel && el.getBoundingClientRect().top < panel.top) setDown(true);
  }, [node, low]);
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
  const top = down ? (pos.y / h) * 100 + 8 : Math.min((pos.y / h) * 100 + 8, 62);
  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={menu.title}
      style={{ left: `${left}%`, ...(low && !down ? { bottom: `${100 - (pos.y / h) * 100 + 10}%` } : { top: `${top}%` }) }}
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
