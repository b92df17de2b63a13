/**
 * The example documentation page (embed/example.html): two <kafka-lab>
 * elements side by side, and an iframe widget driven through postMessage.
 * A page script like this one is all a host needs; there is no inline script
 * (the page runs under Content-Security-Policy: default-src 'self').
 */
import './element.ts';

const frame = document.getElementById('driven') as HTMLIFrameElement;
const answer = document.getElementById('answer')!;
let nextId = 1;
const pending = new Map<number, string>();

function ask(method: string, args?: unknown) {
  const id = nextId++;
  pending.set(id, method);
  frame.contentWindow?.postMessage({ kafkaLab: 1, id, method, ...(args === undefined ? {} : { args }) }, location.origin);
}

window.addEventListener('message', (e: MessageEvent) => {
  if (e.source !== frame.contentWindow || !e.data || e.data.kafkaLab !== 1) return;
  const m = e.data as { type: string; id?: number; ok?: boolean; result?: unknown; error?: string; event?: string; data?: unknown };
  if (m.type === 'reply' && typeof m.id === 'number' && pending.has(m.id)) {
    const method = pending.get(m.id);
    pending.delete(m.id);
    if (method === 'getFates' && m.ok) {
      const f = m.result as Record<string, number>;
      answer.textContent = `getFates → sent ${f.produced}, acknowledged ${f.acked}, lost though acknowledged ${f.lostAcked}, duplicated ${f.duplicated}`;
      answer.dataset.lostAcked = String(f.lostAcked);
      answer.dataset.acked = String(f.acked);
    } else if (!m.ok) answer.textContent = `${method} → error: ${m.error}`;
  } else if (m.type === 'event' && m.event === 'anomaly') {
    const d = m.data as { kind: string; count: number; t: number };
    frame.dataset.anomaly = `${d.kind}:${d.count}`;
  } else if (m.type === 'event' && m.event === 'ready') frame.dataset.ready = '1';
});

for (const b of document.querySelectorAll<HTMLButtonElement>('[data-method]')) {
  b.addEventListener('click', () => {
    const m = b.dataset.method!;
    if (m === 'crash') ask('fault', { type: 'crash', broker: { leaderOf: 'orders-0' } });
    else ask(m);
  });
}
