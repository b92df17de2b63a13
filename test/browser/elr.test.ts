/**
 * Eligible leader replicas (KIP-966) in the lab: the partition shows its ELR
 * while the last leader is down (elr-last-leader-power-loss.json), and no
 * longer once b2 has been elected from it. The event-log and story lines in
 * both languages are pinned in test/engine/eligibleLeaderReplicas.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from './labSession.ts';

const lab = labSession();

describe('eligible leader replicas in the lab', () => {
  it('shows ELR [1,2] when orders-0 goes offline, ELR [2] once b1 is back uncleanly, and none after b2 is elected from it', async () => {
    // A shared link opens the run at its moment (the timeline seeks only within what has been played).
    for (const [t, want] of [[13_500, 'ELR [1,2]'], [15_000, 'ELR [2]'], [23_000, null]] as const) {
      const page = await lab.open(`?scenario=elr-last-leader-power-loss&seed=1&t=${t}&lang=en`, { width: 1280, height: 800 });
      await expect.poll(() => page.getByTestId('clock').getAttribute('data-t'), { timeout: 60_000 }).toBe(String(t));
      const elr = page.getByTestId('elr-orders-0');
      if (want) await expect.poll(() => elr.textContent(), { timeout: 30_000 }).toBe(want);
      else await expect.poll(() => elr.count(), { timeout: 30_000 }).toBe(0);
    }
  }, 240_000);
});
