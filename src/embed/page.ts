/**
 * The iframe page (embed/index.html): the same widget as <kafka-lab>, its
 * options from the URL (?scenario=…&controls=play,fates…), filling the frame.
 * A share link's run parameters (?scenario=…&seed=…&t=…&log=…, or ?run=…)
 * open that whole run: the Embed button's iframe snippet uses them.
 * The page that frames it drives it with postMessage (messages.ts): each
 * request is checked, answered to the window that sent it, and events go to
 * the parent. Anything else is ignored with a console warning naming it.
 */
import { OPTION_NAMES, readOptions, type OptionName } from './options.ts';
import { loadCatalog, translate } from '../i18n/index.ts';
import { mountWidget, problemVars } from './mount.tsx';
import { PROTOCOL, describe, readRequest } from './messages.ts';
import { chooseLang, pageStorage } from '../i18n/lang.ts';

const q = new URLSearchParams(location.search);
// The share link's parameters too (src/share/link.ts): an iframe can open a whole run, faults and moment included.
const known = new Set<string>([...OPTION_NAMES, 'worker', 'run', 't', 'log', 'step', 'presenter']);
const linkRun = q.has('run') || q.has('log') || q.has('t');
for (const k of q.keys()) if (!known.has(k)) console.warn(`Kafka Lab widget: ignored the unknown URL parameter "${k.slice(0, 60)}" (options: ${OPTION_NAMES.join(', ')})`);
const { lang } = chooseLang(null, pageStorage(), navigator.languages);
const { options, problems } = readOptions((n: OptionName) => q.get(n), lang);
// Warnings are in English (the widget itself says them in its language): English is loaded for them only when there are any.
if (problems.length) void loadCatalog('en').then(() => { for (const p of problems) console.warn(`Kafka Lab widget: ${translate('en', 'embed.badOption', problemVars('en', p))}`); });
document.documentElement.lang = options.lang;

const sheet = new CSSStyleSheet();
// The frame is the widget's box: no page margin, no border of its own.
sheet.replaceSync('html, body { margin: 0; height: 100%; overflow: hidden; } #root { --kl-height: 100vh; border: 0; border-radius: 0; }');
document.adoptedStyleSheets = [sheet];

const el = document.getElementById('root')!;
if (options.height) el.style.setProperty('--kl-height', /^\d+$/.test(options.height) ? `${options.height}px` : options.height);
const parentWindow = window.parent !== window ? window.parent : null;
const widget = mountWidget(el.attachShadow({ mode: 'open' }), options, problems, {
  base: document.baseURI,
  preferWorker: q.get('worker') !== '0',
  resolve: linkRun ? () => import('./runSource.ts').then((m) => m.openLink(q)) : undefined,
  emit: (event, data) => parentWindow?.postMessage({ kafkaLab: PROTOCOL, type: 'event', event, data }, '*'),
});

window.addEventListener('message', (e: MessageEvent) => {
  // Our own events echo back only if a page frames itself; never treat them as requests.
  if (e.data && typeof e.data === 'object' && e.data.kafkaLab === PROTOCOL && (e.data.type === 'event' || e.data.type === 'reply')) return;
  const r = readRequest(e.data);
  if (!r.ok) {
    console.warn(`Kafka Lab widget: ignored a message from ${e.origin || 'this page'}: ${r.reason} (${describe(e.data)})`);
    return;
  }
  const { id, method } = r.request;
  const reply = (body: Record<string, unknown>) => (e.source as Window | null)?.postMessage({ kafkaLab: PROTOCOL, type: 'reply', id, method, ...body }, { targetOrigin: e.origin && e.origin !== 'null' ? e.origin : '*' });
  widget.api.call(r.request).then(
    (result) => reply({ ok: true, result: result ?? null }),
    (err: unknown) => reply({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
