/**
 * The engine's layout (src/engine/README.md): one subfolder per Kafka
 * component, no import cycle between subfolders (type imports included: the
 * state's types sit in core, under every rule that reads them), and no source
 * file over 300 lines anywhere in src.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '../..');
const engine = join(root, 'src/engine');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Every relative import and re-export, `import type` included. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/g)) out.push(resolve(dirname(file), m[1]));
  for (const m of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push(resolve(dirname(file), m[1]));
  return out;
}

const folderOf = (file: string) => relative(engine, file).split('/')[0];

describe('the engine layout', () => {
  it('every engine source file sits in a component subfolder', () => {
    const loose = readdirSync(engine).filter((f) => /\.tsx?$/.test(f));
    expect(loose).toEqual([]);
  });

  it('no import cycle between the subfolders of src/engine, type imports included', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of sources(engine)) {
      for (const target of relativeImports(f)) {
        if (!target.startsWith(engine + '/')) continue;
        const a = folderOf(f);
        const b = folderOf(target);
        if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      }
    }
    // Depth-first search for a back edge; report the cycle's folders.
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    let cycle: string[] | null = null;
    const visit = (a: string): void => {
      state.set(a, 'open');
      path.push(a);
      for (const b of edges.get(a) ?? []) {
        if (cycle) return;
        if (state.get(b) === 'open') cycle = [...path.slice(path.indexOf(b)), b];
        else if (!state.has(b)) visit(b);
      }
      path.pop();
      state.set(a, 'done');
    };
    for (const a of edges.keys()) if (!state.has(a)) visit(a);
    expect(cycle).toBeNull();
    // The simulation core (the kernel and the state's types) is at the bottom: it imports no other component.
    expect([...(edges.get('core') ?? [])]).toEqual([]);
  });

  it('no source file in src is over 300 lines', () => {
    const long = sources(join(root, 'src'))
      .map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([, n]) => n > 300);
    expect(long).toEqual([]);
  });

  it('no source file generates code (eval, new Function): a strict Content-Security-Policy refuses it, as the widget\'s page does', () => {
    const generating = sources(join(root, 'src'))
      .filter((f) => /\bnew Function\s*\(|(^|[^.\w])eval\s*\(/m.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((f) => relative(root, f));
    expect(generating).toEqual([]);
  });

  it('src/engine imports nothing lazily: it is built as one script (the worker, the bench, the determinism test)', () => {
    const lazy = sources(join(root, 'src/engine'))
      .filter((f) => /(^|[^.\w])import\s*\(/m.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((f) => relative(root, f));
    expect(lazy).toEqual([]);
  });
});
