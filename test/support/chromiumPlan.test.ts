/**
 * Every branch of the Chromium lookup, on made-up machines: the order
 * (CHROMIUM, then PATH, then apt-get as root), and the one sentence a reader
 * gets everywhere else, naming the command to run.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { planChromium, type ChromiumProbe } from './chromiumPlan.ts';
import { isExecutable, which } from './chromium.ts';
import { testTempDir } from './tempDir.ts';

function machine(over: Partial<ChromiumProbe> & { onPath?: Record<string, string>; executables?: string[] } = {}): ChromiumProbe {
  const onPath = over.onPath ?? {};
  const executables = new Set([...(over.executables ?? []), ...Object.values(onPath)]);
  return {
    chromiumEnv: over.chromiumEnv,
    which: (name) => onPath[name],
    isExecutable: (p) => executables.has(p),
    isRoot: over.isRoot ?? false,
    hasAptGet: over.hasAptGet ?? false,
  };
}

function sentence(plan: ReturnType<typeof planChromium>): string {
  expect(plan.kind).toBe('stop');
  const message = plan.kind === 'stop' ? plan.message : '';
  // One sentence: no line break, one final full stop, no stack-trace shape.
  expect(message).not.toContain('\n');
  expect(message.trim().endsWith('.')).toBe(true);
  expect(message).not.toMatch(/\bat .*:\d+:\d+/);
  return message;
}

describe('which Chromium the browser tests use', () => {
  it('CHROMIUM wins over the PATH when it names an executable', () => {
    const plan = planChromium(machine({ chromiumEnv: '/opt/chrome/chrome', executables: ['/opt/chrome/chrome'], onPath: { chromium: '/usr/bin/chromium' } }), 'allowed');
    expect(plan).toEqual({ kind: 'use', path: '/opt/chrome/chrome', from: 'CHROMIUM' });
  });

  it('a CHROMIUM that is not an executable stops with its value, even when the PATH has one', () => {
    const message = sentence(planChromium(machine({ chromiumEnv: '/nope/chrome', onPath: { chromium: '/usr/bin/chromium' }, isRoot: true, hasAptGet: true }), 'allowed'));
    expect(message).toContain('CHROMIUM is set to "/nope/chrome"');
  });

  it('an empty CHROMIUM counts as unset', () => {
    expect(planChromium(machine({ chromiumEnv: '', onPath: { chromium: '/usr/bin/chromium' } }), 'allowed')).toEqual({ kind: 'use', path: '/usr/bin/chromium', from: 'PATH' });
  });

  it('chromium on the PATH comes before chromium-browser', () => {
    const both = machine({ onPath: { chromium: '/usr/bin/chromium', 'chromium-browser': '/usr/bin/chromium-browser' } });
    expect(planChromium(both, 'allowed')).toEqual({ kind: 'use', path: '/usr/bin/chromium', from: 'PATH' });
    const ubuntu = machine({ onPath: { 'chromium-browser': '/usr/bin/chromium-browser' } });
    expect(planChromium(ubuntu, 'allowed')).toEqual({ kind: 'use', path: '/usr/bin/chromium-browser', from: 'PATH' });
  });

  it('as root with apt-get, installs Debian chromium and the CJK fonts after refreshing the package lists', () => {
    expect(planChromium(machine({ isRoot: true, hasAptGet: true }), 'allowed')).toEqual({
      kind: 'install',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium', 'fonts-noto-cjk'],
      ],
    });
  });

  it('a user who is not root is told the sudo apt-get command', () => {
    const message = sentence(planChromium(machine({ hasAptGet: true }), 'allowed'));
    expect(message).toContain('`sudo apt-get install chromium fonts-noto-cjk`');
  });

  it('without apt-get (macOS, other Linux), the reader is told to point CHROMIUM at a browser', () => {
    const message = sentence(planChromium(machine({ isRoot: true }), 'allowed'));
    expect(message).toContain('`CHROMIUM=/path/to/chromium npm test`');
  });

  it('a failed install stops with the apt-get command to rerun, never a second install', () => {
    const message = sentence(planChromium(machine({ isRoot: true, hasAptGet: true }), 'failed'));
    expect(message).toContain('apt-get could not install it');
    expect(message).toContain('`apt-get update && apt-get install chromium fonts-noto-cjk`');
  });

  it('a browser test file never installs: as root it names npm test and the apt-get command', () => {
    const message = sentence(planChromium(machine({ isRoot: true, hasAptGet: true }), 'not-here'));
    expect(message).toContain('`npm test`');
    expect(message).toContain('apt-get install chromium fonts-noto-cjk');
  });
});

describe('the PATH search', () => {
  it('finds an executable file in the PATH and skips non-executable files and directories', () => {
    const a = testTempDir('chromium-path-a-');
    const b = testTempDir('chromium-path-b-');
    writeFileSync(join(a, 'chromium'), '#!/bin/sh\n', { mode: 0o644 });
    writeFileSync(join(b, 'chromium'), '#!/bin/sh\n', { mode: 0o755 });
    expect(isExecutable(join(a, 'chromium'))).toBe(false);
    expect(isExecutable(a)).toBe(false);
    expect(which('chromium', `${a}${delimiter}${b}`)).toBe(join(b, 'chromium'));
    expect(which('chromium', a)).toBeUndefined();
    expect(which('chromium', '')).toBeUndefined();
  });
});
