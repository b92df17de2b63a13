/** Every example in public/scenarios is offered as a preset, under the scenario's own name. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/state/presets.ts';

const dir = new URL('../../public/scenarios/', import.meta.url);

describe('presets', () => {
  it('offer every example file, the first look and the busy cluster, each id once', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const p = PRESETS.find((x) => x.file === f);
      expect(p, f).toBeDefined();
      const name = (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { name: string }).name;
      expect(p!.label.toLowerCase()).toContain(name.toLowerCase());
    }
    expect(PRESETS[0].id).toBe('first-look');
    expect(PRESETS.some((p) => p.id === 'busy')).toBe(true);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });
});
