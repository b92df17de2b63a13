/**
 * The trace as JSON lines for tools outside the lab (`npm run sim -- FILE
 * --trace out.jsonl`): one object per event, `{ t, type, node, fields }`,
 * in the order the engine recorded them. `node` is where it happened: a
 * broker (`b1`), the KRaft `controller`, a producer or consumer by name, or
 * null for what the lab itself did (a fault, a note).
 */
import type { TraceEvent } from '../core/trace.ts';

const CONTROLLER = new Set(['broker-fenced', 'broker-unfenced', 'leader-elected', 'partition-offline', 'isr-changed']);

export function nodeOf(ev: TraceEvent): string | null {
  if (CONTROLLER.has(ev.type)) return 'controller';
  if (ev.type === 'consumer') return ev.consumer;
  if ('producer' in ev && ev.type !== 'appended') return ev.producer;
  if ('broker' in ev && typeof ev.broker === 'number') return `b${ev.broker}`;
  if (ev.type === 'link') return ev.from;
  return null;
}

export function traceLine(ev: TraceEvent): string {
  const { t, type, ...fields } = ev;
  return JSON.stringify({ t, type, node: nodeOf(ev), fields });
}
