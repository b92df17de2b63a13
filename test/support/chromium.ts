/**
 * The thin shell around chromiumPlan.ts: reads the machine (environment,
 * PATH, uid), runs apt-get when the plan says so, and hands the browser
 * tests and `bench:ui` one Chromium executable.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { APT_PACKAGES, planChromium, type ChromiumProbe, type InstallStage } from './chromiumPlan.ts';

export function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function which(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function probeMachine(): ChromiumProbe {
  return {
    chromiumEnv: process.env.CHROMIUM,
    which: (name) => which(name),
    isExecutable,
    isRoot: process.getuid?.() === 0,
    hasAptGet: which('apt-get') !== undefined,
  };
}

/** Chromium for a browser test that is already running: looks, never installs; throws the one sentence. */
export function findChromium(): string {
  const plan = planChromium(probeMachine(), 'not-here');
  if (plan.kind === 'use') return plan.path;
  throw new Error(plan.kind === 'stop' ? plan.message : 'No Chromium for the browser tests.');
}

/** Chromium, installing Debian's package first when the plan says so; else the sentence to print. */
export function ensureChromium(): { path: string } | { message: string } {
  let stage: InstallStage = 'allowed';
  for (;;) {
    const plan = planChromium(probeMachine(), stage);
    if (plan.kind === 'use') return { path: plan.path };
    if (plan.kind === 'stop') return { message: plan.message };
    console.log(`No Chromium found: installing Debian's ${APT_PACKAGES.join(' and ')} with apt-get (a minute or two, once)...`);
    for (const [cmd, ...args] of plan.commands) {
      // stdout is apt's progress chatter; its errors go to stderr and stay visible.
      const r = spawnSync(cmd, ['-qq', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (r.status !== 0) break;
    }
    stage = 'failed';
  }
}

/** For `npm test` and `bench:ui`: the Chromium path, or the one sentence on stderr and exit 1. */
export function chromiumOrExit(): string {
  const found = ensureChromium();
  if ('path' in found) return found.path;
  console.error(found.message);
  process.exit(1);
}
