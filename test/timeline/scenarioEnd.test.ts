/**
 * Playing reaches the scenario's `until` and pauses exactly there, at every
 * speed: no update the host sends shows a time past it. Played again from
 * there, the run goes on (the lab's "play again to go on").
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LabHost } from '../../src/timeline/host.ts';
import { MAX_SPEED, type HostEvent, type Update } from '../../src/timeline/protocol.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../public/scenarios/${name}`, import.meta.url), 'utf8')) as RawScenario;

/** Plays `raw` at `speed` with a frame every 16 wall ms until the host pauses; returns every time an update showed and the last update. */
function playToEnd(raw: RawScenario, speed: number): { shown: number[]; last: Update } {
  let wall = 0;
  let last: Update | null = null;
  const shown: number[] = [];
  const host = new LabHost(
    (e: HostEvent) => {
      if (e.type !== 'update') return;
      last = e;
      shown.push(e.snapshot.t);
    },
    () => (wall += 1),
  );
  host.handle({ type: 'load', scenario: raw });
  host.handle({ type: 'speed', speed });
  host.handle({ type: 'play' });
  for (let f = 0; f < 50_000 && (f === 0 || last!.playing); f++) host.handle({ type: 'frame', wallMs: f * 16 });
  return { shown, last: last! };
}

describe("the scenario's end", () => {
  for (const speed of [10, 30, 100, MAX_SPEED]) {
    it(`at ${speed === MAX_SPEED ? 'maximum speed' : `${speed}×`} the run pauses exactly at until and never shows a time past it`, () => {
      const raw = example('acks0-loss.json');
      const { shown, last } = playToEnd(raw, speed);
      expect(last.playing).toBe(false);
      expect(last.snapshot.t).toBe(raw.until);
      expect(Math.max(...shown)).toBe(raw.until);
    });
  }

  it('played again from until, the run goes on past it', () => {
    const raw = example('acks0-loss.json');
    let wall = 0;
    let last: Update | null = null;
    const host = new LabHost((e: HostEvent) => e.type === 'update' && (last = e), () => (wall += 1));
    host.handle({ type: 'load', scenario: raw });
    host.handle({ type: 'goto', t: raw.until as number });
    host.handle({ type: 'speed', speed: 100 });
    host.handle({ type: 'play' });
    for (let f = 0; f < 10; f++) host.handle({ type: 'frame', wallMs: f * 16 });
    expect(last!.snapshot.t).toBeGreaterThan(raw.until as number);
  });
});
