/**
 * Under a partition's replicas, each consumer group reading it: its committed
 * offset and its members' positions on the same offset axis as the logs, the
 * records read but not committed between them shaded.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { useLabData, useT } from './hooks.ts';

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

export const ConsumerStrip = memo(function ConsumerStrip({ partition, leader, start, room, cell }: { partition: string; leader: number; start: number; room: number; cell: number }) {
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

