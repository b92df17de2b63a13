/**
 * Where the browser tests and `bench:ui` get their Chromium, decided from
 * plain facts about the machine so that every branch is testable in Node:
 * the CHROMIUM variable, then `chromium` or `chromium-browser` on the PATH,
 * then Debian's package when we may install it (root with apt-get), and
 * otherwise one sentence naming the command the reader should run.
 * The side effects (PATH search, apt-get) live in chromium.ts.
 */

/** What the lookup needs to know about the machine. */
export interface ChromiumProbe {
  /** The CHROMIUM environment variable, if set. */
  readonly chromiumEnv: string | undefined;
  /** The executable `name` found on the PATH, or undefined. */
  which(name: string): string | undefined;
  isExecutable(path: string): boolean;
  readonly isRoot: boolean;
  readonly hasAptGet: boolean;
}

/**
 * `allowed`: `npm test` and `bench:ui` may install Debian's package;
 * `not-here`: a helper inside a running test file only looks;
 * `failed`: the install was tried and Chromium is still missing.
 */
export type InstallStage = 'allowed' | 'not-here' | 'failed';

export type ChromiumPlan =
  | { kind: 'use'; path: string; from: 'CHROMIUM' | 'PATH' }
  | { kind: 'install'; commands: string[][] }
  | { kind: 'stop'; message: string };

/** Debian's Chromium, and CJK fonts so that Chinese screenshots show glyphs, not boxes. */
export const APT_PACKAGES = ['chromium', 'fonts-noto-cjk'];
export const NAMES_ON_PATH = ['chromium', 'chromium-browser'];

const APT_INSTALL = `apt-get install chromium fonts-noto-cjk`;
const OR_ENV = 'or set CHROMIUM to a Chromium or Chrome executable';

export function planChromium(probe: ChromiumProbe, install: InstallStage): ChromiumPlan {
  const env = probe.chromiumEnv?.trim();
  if (env) {
    if (probe.isExecutable(env)) return { kind: 'use', path: env, from: 'CHROMIUM' };
    return { kind: 'stop', message: `CHROMIUM is set to "${env}", which is not an executable file: point it at a Chromium or Chrome executable, or unset it, and try again.` };
  }
  for (const name of NAMES_ON_PATH) {
    const found = probe.which(name);
    if (found) return { kind: 'use', path: found, from: 'PATH' };
  }
  if (probe.hasAptGet && probe.isRoot && install === 'allowed') {
    return { kind: 'install', commands: [['apt-get', 'update'], ['apt-get', 'install', '-y', ...APT_PACKAGES]] };
  }
  return { kind: 'stop', message: missingSentence(probe, install) };
}

function missingSentence(probe: ChromiumProbe, install: InstallStage): string {
  if (install === 'failed') {
    return `No Chromium for the browser tests, and apt-get could not install it: run \`apt-get update && ${APT_INSTALL}\` to see why (${OR_ENV}) and try again.`;
  }
  if (probe.hasAptGet && probe.isRoot) {
    return `No Chromium for the browser tests: run \`npm test\`, which installs it as root, or \`apt-get update && ${APT_INSTALL}\` (${OR_ENV}).`;
  }
  if (probe.hasAptGet) {
    return `No Chromium for the browser tests: run \`sudo ${APT_INSTALL}\` (${OR_ENV}) and try again.`;
  }
  return `No Chromium for the browser tests (none on the PATH and CHROMIUM is unset): install Chromium or Chrome and run \`CHROMIUM=/path/to/chromium npm test\`.`;
}
