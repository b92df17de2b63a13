/** A broker's actions: crash, cut the power, clean shutdown, restart, isolate, slow follower. */
import { useEffect, useRef } from 'react';
import { useLab } from '../state/LabProvider.tsx';
import type { LiveFault } from '../engine/protocol.ts';
import { useT } from './hooks.ts';
import type { Pt } from './ClusterView.tsx';

export function BrokerMenu({ node, pos, w, h }: { node: string; pos: Pt; w: number; h: number }) {
  const t = useT();
  const send = useLab((s) => s.send);
  const set = useLab((s) => s.set);
  const snap = useLab((s) => s.snap);
  const ref = useRef<HTMLDivElement>(null);
  const id = Number(node.slice(1));
  const b = snap?.brokers.find((x) => x.id === id);
  const slow = snap?.partitions.some((p) => p.replicas.some((r) => r.broker === id && r.slowMs > 0)) ?? false;
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
  }, [node]);
  if (!b) return null;
  const close = () => {
    set({ menu: null });
    document.querySelector<SVGGElement>(`[data-testid="broker-${node}"]`)?.focus();
  };
  const act = (f: LiveFault) => {
    send({ type: 'fault', fault: f });
    close();
  };
  const up = b.status === 'running';
  const items: { label: string; fault: LiveFault; enabled: boolean; id: string }[] = [
    { id: 'crash', label: t('menu.crash'), fault: { type: 'crash', broker: id }, enabled: up },
    { id: 'power', label: t('menu.power'), fault: { type: 'power-loss', brokers: [id] }, enabled: b.status !== 'powered-off' },
    { id: 'shutdown', label: t('menu.shutdown'), fault: { type: 'shutdown', broker: id }, enabled: up && !b.stopping },
    { id: 'restart', label: t('menu.restart'), fault: { type: 'restart', broker: id }, enabled: !up },
    { id: 'isolate', label: t('menu.isolate'), fault: { type: 'isolate', node }, enabled: !b.isolated },
    slow ? { id: 'unslow', label: t('menu.unslow'), fault: { type: 'slow-follower', broker: id, delayMs: 0 }, enabled: true } : { id: 'slow', label: t('menu.slow'), fault: { type: 'slow-follower', broker: id, delayMs: 1000 }, enabled: true },
  ];
  const left = Math.min(Math.max((pos.x / w) * 100, 18), 70);
  const top = Math.min((pos.y / h) * 100 + 8, 62);
  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={t('menu.title', { id })}
      style={{ left: `${left}%`, top: `${top}%` }}
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
      <div className="menu-title">{t('menu.title', { id })}</div>
      {items.map((it) => (
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
