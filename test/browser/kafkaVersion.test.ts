/**
 * The Kafka version switch in the lab: the config panel shows the scenario's
 * version, and picking another starts a new run on that release's defaults.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from './labSession.ts';

const lab = labSession();

describe('Kafka version in the config panel', () => {
  it('shows the scenario version (2.8: acks=1 by default) and picking 4.1 starts a new run with acks=all', async () => {
    const page = await lab.open('?scenario=two-version-crash', { width: 1280, height: 800 });
    const version = page.getByTestId('cluster-kafkaVersion');
    await expect.poll(() => version.inputValue()).toBe('2.8');
    expect(await page.getByTestId('p1-acks').inputValue()).toBe('1');
    await version.selectOption('4.1');
    await expect.poll(() => page.getByTestId('p1-acks').inputValue()).toBe('all');
    expect(Number(await page.getByTestId('clock').getAttribute('data-t'))).toBe(0);
  });
});
