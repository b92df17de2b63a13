/**
 * A fresh temporary folder for the test that asks, removed when that test
 * finishes (pass or fail): a test run leaves nothing behind in the system's
 * temporary folder. Call it inside a test (or a function a test calls).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export function testTempDir(prefix = 'krl-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
