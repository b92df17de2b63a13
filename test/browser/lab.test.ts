/**
 * The lab in real Chromium, doing what a user does. The built app is served
 * by `vite preview`; every test fails on any console error or page error.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { labSession } from './labSession.ts';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { Simulation } from '../../src/engine/sim/simulation.ts';
import { check } from '../../src/engine/checker/checker.ts';
import { withSpareMembers } from '../../src/engine/config/liveConfig.ts';
import { BUSY } from '../../src/state/defaultScenario.ts';

const lab = labSession();
let page: Page;

async function open(query = '', viewport = { width: 1280, height: 800 }): Promise<Page> {
  page = await lab.open(query, viewport);
  return page;
}

const num = async (testId: string, attr: string) => Number(await page.getByTestId(testId).first().getAttribute(attr));
const clock = () => num('clock', 'data-t');
const waitFor = (fn: string, arg?: unknown, timeout = 40_000) => page.waitForFunction(fn, arg, { timeout, polling: 50 });
const clockAbove = (t: number) => waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) > ${t}`);

describe('the lab in the browser', () => {
  it('acks=1 loses an acknowledged record when the leader crashes while a follower lags; scrubbing back shows the earlier state; a safe configuration loses nothing', async () => {
    await open();
    expect(await page.getByTestId('engine-mode').getAttribute('data-mode')).toBe('worker');
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await page.getByTestId('p1-acks').selectOption('1');
    await expect.poll(() => page.getByTestId('producer-p1').textContent()).toContain('acks=1');
    await clockAbove(5000);

    // Pause, then crash the leader at a known moment; broker 2, the slow follower, lags behind it.
    await page.getByTestId('play').click();
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);
    const leo = async (b: number) => Number(await page.locator(`[data-testid=partition-orders-0] [data-testid=replica-${b}]`).getAttribute('data-leo'));
    // Right after one of its (slow) fetches broker 2 can have caught up for a moment: step, as a
    // user would, until it is behind again.
    const lagging = () => waitFor(`(() => { const leo = (b) => Number(document.querySelector('[data-testid=partition-orders-0] [data-testid=replica-' + b + ']').dataset.leo); return leo(2) < leo(1); })()`, undefined, 250).then(() => true, () => false);
    for (let i = 0; i < 200 && !(await lagging()); i++) await page.getByTestId('step').click();
    const crashedAt = await clock();
    expect(await num('partition-orders-0', 'data-leader')).toBe(1);
    expect(await leo(2)).toBeLessThan(await leo(1));
    expect(await num('count-lostAcked', 'data-value')).toBe(0);

    await page.getByTestId('crash-leader-orders-0').click();
    await page.locator('[data-testid=broker-b1][data-status=crashed]').waitFor();
    await page.getByTestId('play').click();

    // The controller fences b1 and elects the lagging b2: acknowledged records are gone.
    await waitFor(`Number(document.querySelector('[data-testid=count-lostAcked]').dataset.value) > 0`);
    expect(await num('partition-orders-0', 'data-leader')).toBe(2);
    await page.getByTestId('play').click();
    await page.getByTestId('anomaly-lost-write').first().click();
    const story = page.getByTestId('story');
    await story.waitFor();
    await expect.poll(() => story.textContent()).toContain('broker 1 crashed');
    expect(await story.textContent()).toContain('acknowledged it to p1 (acks=1');
    expect(await story.textContent()).toContain('does not contain it');

    // Scrub back to before the crash: b1 runs and leads again, nothing is lost.
    const horizon = await clock();
    const bar = (await page.getByTestId('timeline').boundingBox())!;
    const frac = (crashedAt - 1000) / horizon;
    await page.mouse.click(bar.x + 8 + (bar.width - 16) * frac, bar.y + bar.height / 2);
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) < ${crashedAt}`);
    await page.locator('[data-testid=broker-b1][data-status=running]').waitFor();
    expect(await num('partition-orders-0', 'data-leader')).toBe(1);
    expect(await num('count-lostAcked', 'data-value')).toBe(0);

    // Flip to a safe configuration and start over on the same seed (without the earlier crash), then crash the leader again.
    await page.getByTestId('safe').click();
    // The topic's row shows the setting in force (the notices show the newest change only, the rest folded).
    await expect.poll(() => page.getByTestId('orders-min.insync.replicas').inputValue()).toBe('2');
    await page.getByTestId('more').click(); // Start over is under the top bar's More menu
    await page.getByTestId('start-over').click();
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) < 100`);
    expect(await page.getByTestId('p1-acks').inputValue()).toBe('all');
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await clockAbove(5000);
    await page.getByTestId('crash-leader-orders-0').click();
    const ackedAtCrash = await num('count-acked', 'data-value');
    // The controller fences b1 after broker.session.timeout.ms and elects b2; acknowledgements resume under it.
    await waitFor(`document.querySelector('[data-testid=partition-orders-0]').dataset.leader === '2'`);
    await waitFor(`Number(document.querySelector('[data-testid=count-acked]').dataset.value) > ${ackedAtCrash + 20}`);
    await page.getByTestId('play').click();
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);
    expect(await num('count-lostAcked', 'data-value')).toBe(0);
    expect(await num('count-lostUnacked', 'data-value')).toBe(0);
    expect(await num('count-acked', 'data-value')).toBeGreaterThan(40);
  });

  it('a broker is operated from the keyboard, the lab speaks Chinese, and a bad URL parameter is reported without losing the page', async () => {
    await open('?scenario=no-such-thing');
    await expect.poll(() => page.getByTestId('notice-error').textContent()).toContain('no scenario "no-such-thing"');
    await page.getByTestId('partition-orders-0').waitFor();

    // Space plays and pauses; the right arrow steps to the next event.
    await page.locator('body').press('Space');
    await clockAbove(300);
    await page.locator('body').press('Space');
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);
    const t0 = await clock();
    await page.locator('body').press('ArrowRight');
    await clockAbove(t0);

    // Tab to broker 3, open its menu with Enter, power it off.
    await page.getByTestId('broker-b3').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await page.getByTestId('menu-power').press('Enter');
    await page.locator('[data-testid=broker-b3][data-status=powered-off]').waitFor();

    // A change Kafka refuses is refused with Kafka's reason.
    await page.getByTestId('p1-enable.idempotence').selectOption('true');
    await page.getByTestId('p1-acks').selectOption('0');
    await expect.poll(() => page.getByTestId('notice-error').last().textContent()).toContain('ConfigException');

    await page.getByTestId('lang').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Kafka 可靠性实验室');
    expect(await page.getByTestId('broker-b3').getAttribute('aria-label')).toContain('已断电');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('consumers: a member killed with auto-commit on has its records processed twice, and the story names the kill', async () => {
    await open();
    await page.getByTestId('preset').selectOption('consumer-autocommit-crash');
    await page.getByTestId('consumer-c1').waitFor();
    expect(await page.getByTestId('group-billing').getAttribute('data-state')).not.toBeNull();
    await page.getByTestId('speed').selectOption('5');
    await page.getByTestId('play').click();
    // The group auto-commits every 5 s; its committed offset is drawn on the log.
    await waitFor(`[...document.querySelectorAll('[data-testid^=cgroup-orders-]')].some((e) => Number(e.dataset.committed) > 0)`);
    await page.getByTestId('play').click();
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);
    expect(await num('count-processedTwice', 'data-value')).toBe(0);
    expect(await page.getByTestId('consumer-c1').getAttribute('data-status')).toBe('alive');

    // Kill c1 from its node in the cluster diagram.
    await page.getByTestId('consumer-c1').click();
    await page.getByRole('menu').waitFor();
    await page.getByTestId('menu-c-crash').click();
    await page.locator('[data-testid=consumer-c1][data-status=crashed]').waitFor();
    await page.getByTestId('speed').selectOption('30');
    await page.getByTestId('play').click();

    // Only after session.timeout.ms does the coordinator rebalance; c2 re-reads from c1's last auto-commit.
    await waitFor(`Number(document.querySelector('[data-testid=count-processedTwice]').dataset.value) > 0`);
    expect(Number(await page.getByTestId('group-billing').getAttribute('data-generation'))).toBeGreaterThan(1);
    expect(await num('count-lostAfterBroker', 'data-value')).toBe(0);
    await page.getByTestId('play').click();
    await page.getByTestId('kind-processed-twice').click();
    await page.getByTestId('anomaly-processed-twice').first().click();
    const story = page.getByTestId('story');
    await expect.poll(() => story.textContent()).toContain('c1 was killed (kill -9)');
    expect(await story.textContent()).toContain('processed it again');
  });

  it('a log cell is reached from the keyboard and tells its story', async () => {
    await open();
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await clockAbove(3000);
    await page.getByTestId('play').click();
    const log = page.locator('[data-testid=partition-orders-0] [data-testid=replica-1] canvas');
    await log.focus();
    const last = Number(await log.getAttribute('data-focus'));
    await log.press('ArrowLeft');
    expect(Number(await log.getAttribute('data-focus'))).toBe(last - 1);
    expect(await log.getAttribute('aria-label')).toContain(`offset ${last - 1}`);
    await log.press('Enter');
    await expect.poll(() => page.getByTestId('story').textContent()).toContain(`offset ${last - 1}`);
  });

  it('after a long busy run, seeking back (a checkpoint and a short replay) shows the state playing to that moment reaches', async () => {
    await open('?scenario=busy');
    await page.getByTestId('speed').selectOption('-1');
    await page.getByTestId('play').click();
    await clockAbove(90_000);
    await page.getByTestId('play').click();
    await waitFor(`document.querySelector('[data-testid=play]').textContent.includes('Play')`);
    const target = 37_250;
    await page.getByTestId('timeline').fill(String(target));
    await waitFor(`Number(document.querySelector('[data-testid=clock]').dataset.t) === ${target}`);

    // The same moment played straight through in Node.
    const sim = new Simulation(parseScenario(withSpareMembers(BUSY)));
    sim.runUntil(target);
    const want = check(sim.ctx, { stories: false, maxAnomalies: 0 }).summary;
    const hw = sim.ctx.partitions.map((p) => {
      const s = sim.ctx.controller.partitions[p.id];
      const b = s.leader > 0 ? s.leader : s.isr[0];
      return b ? (sim.ctx.brokers[b - 1].replicas.get(p.id)?.hw ?? 0) : 0;
    });
    const leaders = sim.ctx.partitions.map((p) => sim.ctx.controller.partitions[p.id].leader);
    await expect.poll(() => num('count-produced', 'data-value')).toBe(want.produced);
    for (const k of ['acked', 'committed', 'lostAcked', 'lostUnacked', 'duplicated', 'processed', 'processedTwice'] as const) expect(await num(`count-${k}`, 'data-value'), k).toBe(want[k]);
    for (let i = 0; i < 6; i++) {
      expect(await num(`partition-orders-${i}`, 'data-hw'), `orders-${i} HW`).toBe(hw[i]);
      expect(await num(`partition-orders-${i}`, 'data-leader'), `orders-${i} leader`).toBe(leaders[i]);
    }
  });

  it('dragging from one broker to another cuts the link between them', async () => {
    await open();
    expect(await page.locator('line.link.cut').count()).toBe(0);
    const a = (await page.getByTestId('broker-b1').boundingBox())!;
    const b = (await page.getByTestId('broker-b2').boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => page.locator('line.link.cut').count(), { timeout: 5000 }).toBe(1);
  });

  it('runs the engine on the main thread where workers are not used', async () => {
    await open('?worker=0&scenario=acks1-failover');
    expect(await page.getByTestId('engine-mode').getAttribute('data-mode')).toBe('main-thread');
    await page.getByTestId('speed').selectOption('30');
    await page.getByTestId('play').click();
    await waitFor(`Number(document.querySelector('[data-testid=count-lostAcked]').dataset.value) > 0`);
  });
});
