/**
 * The widget's catalogs hold only the messages the widget can say. The catalogs (src/i18n) carry every
 * sentence of the lab, the CLI and the what-if tool; a widget shows a few panels of the lab, so most of
 * them (the guide, the key list, the what-if and compare dialogs, the event list, the CLI's report) would
 * be downloaded for nothing: about 40% of each catalog, gzipped.
 *
 * Done as each catalog chunk is rendered (renderChunk, so its file name's hash is that of what it holds), against
 * the rendered code of every other module of the widget's build, as tree-shaking left it (the engine's included:
 * the main-thread fallback bundles what the worker does): a key is kept if that code mentions it whole, or a
 * prefix it is built from at run time (`step.${code}`, `problem.${code}`, `scenario.${id}.name`: any string
 * or template piece ending in a dot). So a key is always built from a written prefix, never from variables
 * alone (`${area}.${code}`): test/embed/catalogKeys.test.ts checks the app's code for that.
 *
 * Only chunks made of catalog modules alone are pruned, and in them only properties whose key contains a dot
 * and whose value is a string or a plural object: anything else is left as it is. The lab's own build
 * (vite.config.ts) keeps the whole catalogs.
 */
import MagicString, { type SourceMap } from 'magic-string';
import type { Plugin } from 'vite';

const CATALOG_MODULE = /[\\/]src[\\/]i18n[\\/](?:en|zh-CN)(?:\.ts$|[\\/][^\\/]+\.ts$)|[\\/]src[\\/]i18n[\\/](?:catalogEn|zhCatalog)\.ts$/;

/** Every key prefix the code builds keys from: string or template pieces that end in a dot (`problem.`, `step.net.`). */
export function keyPrefixes(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)(?=\$\{|["'`])/g)) out.add(m[1]);
  return out;
}

/** Whether the code can read `key`: it says it whole, or builds it from a prefix it says. */
export function keyReader(code: string): (key: string) => boolean {
  const prefixes = [...keyPrefixes(code)];
  // A key (letters, digits, _ - and dots) can only occur inside a run of those characters with a dot in it:
  // searching each such run once, not the whole code, makes a thousand keys quick to check.
  const runs = [...new Set(code.match(/[\w.-]*\.[\w.-]*/g))].join('\n');
  const seen = new Map<string, boolean>();
  return (key) => {
    let used = seen.get(key);
    if (used === undefined) seen.set(key, (used = prefixes.some((p) => key.startsWith(p)) || runs.includes(key)));
    return used;
  };
}

interface Node {
  type: string;
  start: number;
  end: number;
  [k: string]: unknown;
}

const isMessage = (v: Node): boolean =>
  (v.type === 'Literal' && typeof v.value === 'string') ||
  (v.type === 'TemplateLiteral' && (v.expressions as Node[]).length === 0) ||
  (v.type === 'ObjectExpression' && (v.properties as Node[]).every((p) => p.type === 'Property' && isMessage(p.value as Node)));

/** A catalog key: a string property name with a dot in it, holding a message. */
function catalogKey(p: Node): string | null {
  if (p.type !== 'Property' || p.computed || p.kind !== 'init') return null;
  const k = p.key as Node;
  const name = k.type === 'Literal' && typeof k.value === 'string' ? k.value : null;
  return name && name.includes('.') && isMessage(p.value as Node) ? name : null;
}

/**
 * `code` (a parsed catalog chunk) without the catalog properties `keep` refuses; null if nothing goes.
 * With its source map: the kept messages move up, and a map that assumed nothing moved would point the
 * browser's tools at the wrong lines.
 */
export function pruneCatalog(code: string, program: Node, keep: (key: string) => boolean): { code: string; map: SourceMap; dropped: number } | null {
  const out = new MagicString(code);
  let dropped = 0;
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object' || typeof (n as Node).type !== 'string') return;
    const node = n as Node;
    if (node.type === 'ObjectExpression') {
      const props = node.properties as Node[];
      const gone = props.map((p) => {
        const k = catalogKey(p);
        return k !== null && !keep(k);
      });
      if (gone.some(Boolean)) {
        // Dropped properties are cut out with the separator after them (the last ones with the separator before):
        // what is kept is not rewritten, so it keeps its place in the source map.
        let tail = props.length;
        while (tail > 0 && gone[tail - 1]) tail--;
        for (let i = 0; i < tail; i++) if (gone[i]) out.remove(props[i].start, props[i + 1].start);
        if (tail < props.length) out.remove(tail > 0 ? props[tail - 1].end : props[0].start, tail > 0 ? props[props.length - 1].end : node.end - 1);
        dropped += gone.filter(Boolean).length;
        return;
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'type' && k !== 'start' && k !== 'end') visit(v);
  };
  visit(program);
  if (!dropped) return null;
  return { code: out.toString(), map: out.generateMap({ hires: 'boundary', includeContent: false }), dropped };
}

export function widgetCatalogKeys(): Plugin {
  let keep: ((key: string) => boolean) | null = null;
  return {
    name: 'widget:catalog-keys',
    apply: 'build',
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.moduleIds.length || !chunk.moduleIds.every((id) => CATALOG_MODULE.test(id))) return null;
      // Every module's code as it is rendered (what tree-shaking left of it), in every chunk of the build.
      if (!keep) {
        const rendered = Object.values(meta.chunks)
          .flatMap((c) => Object.entries(c.modules))
          .filter(([id, m]) => !CATALOG_MODULE.test(id) && m.code);
        // No rendered code to read would mean an empty catalog: stop rather than ship one.
        if (!rendered.length) this.error('widget:catalog-keys: the bundler gave no rendered module code to read the keys from');
        keep = keyReader(rendered.map(([, m]) => m.code).join('\n'));
      }
      const pruned = pruneCatalog(code, this.parse(code) as unknown as Node, keep);
      return pruned && { code: pruned.code, map: pruned.map };
    },
  };
}
