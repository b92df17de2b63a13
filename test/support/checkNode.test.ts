/**
 * The Node.js version gate that runs before `npm install`, `npm run dev` and
 * `npm test`: Vite 8 needs ^20.19.0 || >=22.12.0, and an older Node gets one
 * sentence instead of a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const script = join(import.meta.dirname, '../../scripts/check-node.cjs');
const { nodeProblem } = require(script) as { nodeProblem(version: string): string | null };

describe('the Node.js version check', () => {
  it.each(['v20.19.0', 'v20.20.2', 'v22.12.0', 'v23.0.0', 'v24.3.1', 'v30.1.0'])('%s is supported', (v) => {
    expect(nodeProblem(v)).toBeNull();
  });

  it.each(['v20.18.3', 'v21.7.3', 'v22.11.0', 'v18.20.4', 'v16.20.2', 'v10.24.1', 'v0.12.18'])('%s gets one sentence naming itself and what to do', (v) => {
    const message = nodeProblem(v)!;
    expect(message).toContain(`this is Node.js ${v}`);
    expect(message).toContain('20.19+ or 22.12+');
    expect(message).toContain('nvm install --lts');
    expect(message).not.toContain('\n');
  });

  it('as a script, lets this (supported) Node through silently', () => {
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('agrees with the engines field of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(pkg.engines.node).toBe('^20.19.0 || >=22.12.0');
  });

  it('is written for old Node: no let/const, arrow functions, template strings or imports', () => {
    const code = readFileSync(script, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
    expect(code).not.toMatch(/\b(let|const|class|import|export)\b|=>|`/);
  });
});
