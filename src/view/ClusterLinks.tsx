/**
 * The cluster diagram's lines: controller to every broker, broker to broker,
 * producer to broker (a cut link dashed red with ✂), and each live consumer to
 * its group coordinator (dashed purple).
 */
import { memo } from 'react';
import type { LinkSnap } from '../engine/checker/snapshot.ts';
import type { ConsumerGroupSnapshot } from '../engine/checker/consumerSnapshot.ts';
import type { Pt } from './clusterLayout.ts';

export function ConsumerLinks({ groups, pos }: { groups: ConsumerGroupSnapshot[]; pos: Map<string, Pt> }) {
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

export const Links = memo(function Links({ brokers, links, pos, producers }: { brokers: number; links: LinkSnap[]; pos: Map<string, Pt>; producers: string[] }) {
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
