/**
 * Vitest's global setup: one build of the app for every browser test file of
 * a run. Each browser file used to build the lab and the widget itself (about
 * twenty identical builds a run); now the first file to ask builds into a
 * folder made here, the others wait for it, and each serves that same folder
 * with its own `vite preview` (so one can still send its own headers).
 * Nothing is built when no browser test runs. See test/browser/serve.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHARED_BUILD_ENV = 'KAFKA_LAB_SHARED_BUILD';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-lab-shared-'));
  process.env[SHARED_BUILD_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
