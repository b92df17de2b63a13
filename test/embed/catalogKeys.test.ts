/**
 * The widget's catalog pruning (vite.widget.catalog.ts): a catalog chunk keeps the messages the widget's
 * code reads, whole or by a written prefix, and nothing else changes in it; and the app never builds a key
 * from variables alone, which no prefix would find.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMap } from 'node:module';
import { parseAst } from 'vite';
import { keyReader, pruneCatalog } from '../../vite.widget.catalog.ts';

const prune = (code: string, reader: string) => pruneCatalog(code, parseAst(code) as never, keyReader(reader));

describe('widget catalog pruning', () => {
  it('keeps the keys the code says whole or builds from a prefix, and drops the rest', () => {
    const chunk = 'var e={"app.title":`Lab`,"logs.title":"Logs","step.crashed":"{b} crashed","fates.acked":{one:"# record",other:"# records"},"whatif.open":"What if…"};var t={...e,"cli.usage":"usage"};r("en",t);';
    const out = prune(chunk, 'h("section",null,t(`logs.title`));const s=x=>t(`step.${x.code}`);');
    expect(out).not.toBeNull();
    expect(out!.dropped).toBe(4);
    const kept = new Function('r', `${out!.code}; return t;`)(() => undefined) as Record<string, unknown>;
    expect(kept).toEqual({ 'logs.title': 'Logs', 'step.crashed': '{b} crashed' });
  });

  it('keeps plural forms and everything that is not a message under a dotted key', () => {
    const chunk = 'var e={"fates.acked":{one:"# record",other:"# records"},id:1,"a.b":f(),"c.d":`x${y}`};';
    const out = prune(chunk, 'fates.acked');
    expect(out).toBeNull();
  });

  it('its source map points each kept message at its own line in the catalog, though the dropped ones moved it up', () => {
    const chunk = ['var e={', '"app.title":`Lab`,', '"whatif.open":"What if…",', '"logs.title":"Logs",', '"cli.usage":"usage",', '"step.crashed":"{b} crashed"', '};', 'var f={"x.y":"gone"};'].join('\n');
    const out = prune(chunk, 't(`logs.title`);t(`step.crashed`)')!;
    expect(new Function(`${out.code}; return [e, f];`)()).toEqual([{ 'logs.title': 'Logs', 'step.crashed': '{b} crashed' }, {}]);
    const map = new SourceMap({ ...out.map, version: 3, sources: ['catalog.js'], file: 'catalog.js' } as never);
    const where = (code: string, text: string) => {
      const before = code.slice(0, code.indexOf(text)).split('\n');
      return { line: before.length - 1, column: before[before.length - 1].length };
    };
    for (const key of ['"logs.title"', '"step.crashed"', '"{b} crashed"']) {
      const at = where(out.code, key);
      const entry = map.findEntry(at.line, at.column) as { originalLine: number; originalColumn: number };
      expect({ key, line: entry.originalLine, column: entry.originalColumn }).toEqual({ key, ...where(chunk, key) });
    }
  });

  it('the app never builds a catalog key from variables alone (a template starting with ${…}): the pruning would miss it', () => {
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : /\.tsx?$/.test(f) && files.push(join(d, f))));
    walk(join(import.meta.dirname, '../../src'));
    const built = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\b(?:t|translate|translateCode|isKey)\((?:lang, )?`\$\{[^`]*`/g)].map((m) => `${f.replace(/^.*\/src\//, 'src/')}: ${m[0]}`));
    // The command line's statuses are read by the CLI alone, never by a widget.
    expect(built.filter((b) => !b.startsWith('src/cli/'))).toEqual([]);
  });
});
