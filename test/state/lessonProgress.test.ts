/**
 * Lesson progress lives in localStorage and must never break the lab: a
 * missing store, a hand-edited or foreign value, or a full quota leave the
 * lessons working; the furthest step reached is kept.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isDone, readProgress, recordProgress } from '../../src/state/lessonProgress.ts';

function fakeStorage(opts: { failWrites?: boolean } = {}) {
  const m = new Map<string, string>();
  const s = {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (opts.failWrites) throw new DOMException('quota', 'QuotaExceededError');
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
    key: () => null,
    length: 0,
  };
  vi.stubGlobal('localStorage', s);
  return m;
}

afterEach(() => vi.unstubAllGlobals());

describe('lesson progress', () => {
  it('keeps the furthest step reached per lesson, and a lesson is finished at its last step', () => {
    fakeStorage();
    recordProgress('acks-failover', 3, 9);
    recordProgress('acks-failover', 2, 9);
    expect(readProgress()['acks-failover']).toEqual({ step: 3, steps: 9 });
    expect(isDone(readProgress()['acks-failover'])).toBe(false);
    recordProgress('acks-failover', 9, 9);
    expect(isDone(readProgress()['acks-failover'])).toBe(true);
  });

  it('a lesson whose number of steps changed starts its progress again', () => {
    fakeStorage();
    recordProgress('backlog-lag', 7, 7);
    recordProgress('backlog-lag', 2, 8);
    expect(readProgress()['backlog-lag']).toEqual({ step: 2, steps: 8 });
  });

  it('garbage in storage reads as no progress, entry by entry', () => {
    const m = fakeStorage();
    m.set('krl.lessonProgress.v1', '{not json');
    expect(readProgress()).toEqual({});
    m.set('krl.lessonProgress.v1', JSON.stringify({ a: { step: 2, steps: 4 }, b: { step: 9, steps: 4 }, c: 'x', d: { step: 1.5, steps: 3 } }));
    expect(readProgress()).toEqual({ a: { step: 2, steps: 4 } });
    m.set('krl.lessonProgress.v1', '[1,2]');
    expect(readProgress()).toEqual({});
  });

  it('a full quota or no localStorage at all changes nothing and throws nothing', () => {
    fakeStorage({ failWrites: true });
    expect(() => recordProgress('acks-failover', 1, 9)).not.toThrow();
    expect(readProgress()).toEqual({});
    vi.stubGlobal('localStorage', undefined);
    expect(() => recordProgress('acks-failover', 1, 9)).not.toThrow();
    expect(readProgress()).toEqual({});
  });
});
