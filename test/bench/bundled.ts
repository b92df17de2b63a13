/**
 * A module of the bench, bundled the way the browser gets the engine (one
 * plain ES module, no loader in between) and imported fresh, so its first run
 * is as cold as the lab's. Through tsx's loader every module is wrapped for
 * CommonJS (each call across modules reads a getter) and every function
 * created at run time gets a keep-names wrapper: a fifth to a third of the
 * engine's time on these workloads, none of which the lab pays. The what-if
 * pool bundles its workers the same way (src/cli/whatifPool.ts). Built with
 * the esbuild that tsx brings; null when it is not at hand.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface EsbuildLike {
  buildSync(o: Record<string, unknown>): { outputFiles: { text: string }[] };
}

export async function importBundled<T>(entry: URL): Promise<T | null> {
  const file = bundleFile(entry);
  return file ? ((await import(pathToFileURL(file).href)) as T) : null;
}

/** The bundle of `entry` written to a fresh temporary file (for a child process to run without tsx), or null. */
export function bundleFile(entry: URL): string | null {
  let esbuild: EsbuildLike;
  try {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    esbuild = fromTsx('esbuild') as EsbuildLike;
  } catch {
    return null;
  }
  const out = esbuild.buildSync({ entryPoints: [fileURLToPath(entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  const dir = mkdtempSync(join(tmpdir(), 'kafka-lab-bench-'));
  // Gone when this process ends (its children, which run the file, end before it): a bench run leaves nothing behind.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'bundle.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  return file;
}
