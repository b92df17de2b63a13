/**
 * Lessons in real Chromium, as a teacher presents them: open a lesson, move
 * through every step with the keys a presentation clicker sends, read the
 * narration, and check what the lab shows at a step. No console errors.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { labSession } from './labSession.ts';
import { LESSONS, lessonById } from '../../src/lessons/index.ts';
import { evaluate, parseExpectations } from '../../src/engine/checker/expectations.ts';

const lab = labSession();
let page: Page;

async function open(query: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  page = await lab.open(query, viewport);
  return page;
}

const lesson = { acks: lessonById('acks-failover')!, replication: lessonById('replication-basics')!, acks0: lessonById('acks-0-1-all')!, backlog: lessonById('backlog-lag')! };

const settled = (n: number) => page.waitForFunction((k) => { const el = document.querySelector('[data-testid=lesson]') as HTMLElement | null; return !!el && el.dataset.step === String(k) && el.dataset.pending === ''; }, n, { timeout: 60_000, polling: 50 });
const narration = () => page.getByTestId('lesson-text').textContent();
const count = async (k: string) => Number(await page.getByTestId(`count-${k}`).getAttribute('data-value'));
const clock = async () => Number(await page.getByTestId('clock').getAttribute('data-t'));
/** axe-core's serious or critical findings inside the lesson band. */
async function seriousViolations(): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include('[data-testid=lesson]').analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Screenshots for a reviewer, only when LESSON_SHOTS names a directory. */
const shot = (name: string) => (process.env.LESSON_SHOTS ? page.screenshot({ path: `${process.env.LESSON_SHOTS}/${name}.png` }) : Promise.resolve());
const revealed = () => page.locator('[data-testid=prediction][data-revealed=true]').waitFor();
/** At a step that asks for a prediction, the first Next only reveals the answer. */
async function revealIfAsked(steps: { predict?: unknown }[], at: number, key: string) {
  if (!steps[at - 1].predict) return;
  expect(await page.getByTestId('prediction').getAttribute('data-revealed')).toBe('false');
  await page.keyboard.press(key);
  await revealed();
  expect(await page.getByTestId('lesson').getAttribute('data-step')).toBe(String(at));
}

describe('lessons in the browser', () => {
  it('the acks lesson, step by step with PageDown: nothing lost before the election, acknowledged records lost after it; PageUp goes back', async () => {
    await open('?lesson=acks-failover');
    await settled(1);
    await page.getByTestId('speed').selectOption('30');
    const steps = lesson.acks.steps;
    expect(await page.getByTestId('lesson-count').textContent()).toBe(`Step 1 / ${steps.length}`);
    expect(await narration()).toBe(steps[0].text.en);
    for (let i = 2; i <= steps.length; i++) {
      await revealIfAsked(steps, i - 1, 'PageDown');
      await page.keyboard.press('PageDown');
      await settled(i);
      expect(await narration()).toBe(steps[i - 1].text.en);
      if (i === 3) {
        // Paused at the crash, at its time, with the leader down and nothing lost yet.
        expect(await clock()).toBe(6000);
        await page.locator('[data-testid=broker-b1][data-status=crashed]').waitFor();
        expect(await count('lostAcked')).toBe(0);
      }
      if (i === 4) {
        // Paused right at the election: b2 leads, acknowledged records are gone.
        expect(await page.getByTestId('partition-orders-0').getAttribute('data-leader')).toBe('2');
        expect(await count('lostAcked')).toBeGreaterThan(0);
      }
    }
    const lost = await count('lostAcked');
    expect(await page.getByTestId('lesson-next').isDisabled()).toBe(true);
    // The safe configuration's crash added no loss.
    expect(await page.getByTestId('producer-p1').textContent()).toContain('acks=all');

    await page.keyboard.press('PageUp');
    await settled(steps.length - 1);
    expect(await narration()).toBe(steps[steps.length - 2].text.en);
    await page.keyboard.press('PageDown');
    await settled(steps.length);
    expect(await count('lostAcked')).toBe(lost);
  });

  it('from the Lessons menu, in Chinese, in presenter mode: → and ← move through the lesson, as a clicker sends them', async () => {
    await open('?lang=zh-CN', { width: 1920, height: 1080 });
    await page.getByTestId('lessons').click();
    await page.getByTestId('lesson-replication-basics').click();
    await settled(1);
    const steps = lesson.replication.steps;
    expect(await page.getByTestId('lesson-count').textContent()).toBe(`第 1 / ${steps.length} 步`);
    expect(await narration()).toBe(steps[0].text.zh);

    await page.keyboard.press('p');
    expect(await page.evaluate(() => document.documentElement.classList.contains('lesson-presenter'))).toBe(true);
    expect(await page.locator('.panel.actions').isVisible()).toBe(false);
    await page.getByTestId('speed').selectOption('30');
    for (let i = 2; i <= steps.length; i++) {
      await revealIfAsked(steps, i - 1, 'ArrowRight');
      await page.keyboard.press('ArrowRight');
      await settled(i);
      expect(await narration()).toBe(steps[i - 1].text.zh);
    }
    expect(await page.getByTestId('lesson-count').textContent()).toBe(`第 ${steps.length} / ${steps.length} 步`);
    expect(await count('lostAcked')).toBe(0);
    await page.keyboard.press('ArrowLeft');
    await settled(steps.length - 1);

    // The language switch (L) changes the narration too.
    await page.keyboard.press('l');
    await expect.poll(narration).toBe(steps[steps.length - 2].text.en);
    await page.getByTestId('lesson-close').click();
    expect(await page.getByTestId('lesson').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.classList.contains('lesson-presenter'))).toBe(false);
  });
  it('predict, then reveal (acks=0), in English: the run waits at the question; choosing the right answer reveals why, PageDown shows it on the run; the index marks the lesson finished', async () => {
    await open('?lesson=acks-0-1-all');
    await page.evaluate(() => localStorage.clear());
    await settled(1);
    await page.getByTestId('speed').selectOption('30');
    const steps = lesson.acks0.steps;
    const k = steps.findIndex((s) => s.predict) + 1;
    const p = steps[k - 1].predict!;
    for (let i = 2; i <= k; i++) {
      await page.keyboard.press('PageDown');
      await settled(i);
    }
    expect(await page.getByTestId('prediction-question').textContent()).toBe(p.question.en);
    expect(await page.getByTestId('prediction').getAttribute('data-revealed')).toBe('false');
    expect(await page.locator('[data-testid=prediction-why]').count()).toBe(0);
    expect(await seriousViolations()).toEqual([]);
    expect(await page.getByTestId('lesson-next').textContent()).toBe('Reveal the answer →');
    const t = await clock();
    await shot('predict-before');
    const right = p.answers.findIndex((a) => a.correct) + 1;
    await page.getByTestId(`prediction-answer-${right}`).click();
    await revealed();
    expect(await page.getByTestId(`prediction-answer-${right}`).getAttribute('data-correct')).toBe('true');
    expect(await page.getByTestId('prediction-why').textContent()).toContain(p.why.en);
    expect(await page.getByTestId('prediction-why').textContent()).toContain('Right.');
    expect(await seriousViolations()).toEqual([]);
    expect(await page.getByTestId('lesson-next').textContent()).toBe('Next →');
    await shot('predict-after');
    // The run waited for the answer.
    expect(await clock()).toBe(t);
    await page.keyboard.press('PageDown');
    await settled(k + 1);
    expect(await count('lostAcked')).toBeGreaterThan(0);
    expect(await count('lostUnacked')).toBe(0);
    for (let i = k + 2; i <= steps.length; i++) {
      await page.keyboard.press('PageDown');
      await settled(i);
    }
    await page.getByTestId('lessons').click();
    await shot('index');
    const item = page.getByTestId('lesson-group-producer').getByTestId('lesson-acks-0-1-all');
    expect(await item.getAttribute('data-progress')).toBe('done');
    expect(await page.getByTestId('lesson-progress-summary').getAttribute('data-done')).toBe('1');
    for (const g of ['producer', 'broker', 'consumer', 'end-to-end']) expect(await page.getByTestId(`lesson-group-${g}`).locator('[role=menuitem]').count()).toBeGreaterThan(0);
  });

  it('predict, then reveal (acks=0), in Chinese and presenter mode: PageDown reveals the answer for the room, the next PageDown moves on', async () => {
    await open('?lang=zh-CN&lesson=acks-0-1-all', { width: 1920, height: 1080 });
    await settled(1);
    await page.keyboard.press('p');
    await page.getByTestId('speed').selectOption('30');
    const steps = lesson.acks0.steps;
    const k = steps.findIndex((s) => s.predict) + 1;
    const p = steps[k - 1].predict!;
    for (let i = 2; i <= k; i++) {
      await page.keyboard.press('PageDown');
      await settled(i);
    }
    expect(await page.getByTestId('prediction-question').textContent()).toBe(p.question.zh);
    expect(await page.getByTestId('prediction-answer-1').textContent()).toContain(p.answers[0].text.zh);
    await shot('predict-presenter-before');
    await page.keyboard.press('PageDown');
    await revealed();
    expect(await page.getByTestId('lesson').getAttribute('data-step')).toBe(String(k));
    expect(await page.getByTestId('prediction-why').textContent()).toContain(p.why.zh);
    const right = p.answers.findIndex((a) => a.correct) + 1;
    expect(await page.getByTestId(`prediction-answer-${right}`).getAttribute('data-correct')).toBe('true');
    await shot('predict-presenter-after');
    expect(await seriousViolations()).toEqual([]);
    await page.keyboard.press('PageDown');
    await settled(k + 1);
    expect(await narration()).toBe(steps[k].text.zh);
    expect(await count('lostAcked')).toBeGreaterThan(0);
  });

  it('the backlog lesson reaches every stop in the browser, including those triggered by an event argument (the group stable with c4 idle)', async () => {
    await open('?lesson=backlog-lag');
    await settled(1);
    await page.getByTestId('speed').selectOption('30');
    const steps = lesson.backlog.steps;
    for (let i = 2; i <= steps.length; i++) {
      await revealIfAsked(steps, i - 1, 'PageDown');
      await page.keyboard.press('PageDown');
      await settled(i);
      expect(await narration()).toBe(steps[i - 1].text.en);
    }
    expect(await page.getByTestId('lesson-count').textContent()).toBe(`Step ${steps.length} / ${steps.length}`);
  });

  // Every lesson, stepped with PageDown as a clicker sends it, alternately in English and Chinese (English with the
  // right answer clicked, Chinese in presenter mode with the answer revealed by Next), each stop also read in the
  // other language; claims on counts the fates panel shows are checked on screen at their step.
  it.each(LESSONS.map((l, i) => [l.id, i % 2 === 0 ? 'en' : 'zh', l] as const))('%s runs to its end in the browser, every stop and prediction included (%s)', async (id, lang, l) => {
    await open(`?lesson=${id}${lang === 'zh' ? '&lang=zh-CN' : ''}`, lang === 'zh' ? { width: 1920, height: 1080 } : undefined);
    await settled(1);
    if (lang === 'zh') await page.keyboard.press('p');
    await page.getByTestId('speed').selectOption('100');
    const text = (t: { en: string; zh: string }) => (lang === 'zh' ? t.zh : t.en);
    for (let i = 1; i <= l.steps.length; i++) {
      const s = l.steps[i - 1];
      if (i > 1) {
        await page.keyboard.press('PageDown');
        await settled(i);
      }
      expect(await narration()).toBe(text(s.text));
      // The same stop in the other language (L switches it live), then back.
      await page.keyboard.press('l');
      await expect.poll(narration).toBe(lang === 'zh' ? s.text.en : s.text.zh);
      if (s.predict) expect(await page.getByTestId('prediction-question').textContent()).toBe(lang === 'zh' ? s.predict.question.en : s.predict.question.zh);
      await page.keyboard.press('l');
      await expect.poll(narration).toBe(text(s.text));
      const keys = Object.keys(s.expect ?? {});
      if (s.expect && s.since === undefined && (await Promise.all(keys.map((k) => page.getByTestId(`count-${k}`).count()))).every((n) => n === 1)) {
        const shown = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await count(k)] as const)));
        expect({ step: i, failed: evaluate(parseExpectations(s.expect), shown).filter((e) => !e.ok) }).toEqual({ step: i, failed: [] });
      }
      if (s.predict) {
        expect(await page.getByTestId('prediction-question').textContent()).toBe(text(s.predict.question));
        if (lang === 'en') await page.getByTestId(`prediction-answer-${s.predict.answers.findIndex((a) => a.correct) + 1}`).click();
        else await page.keyboard.press('PageDown');
        await revealed();
        expect(await page.getByTestId('prediction-why').textContent()).toContain(text(s.predict.why));
      }
    }
    expect(await page.getByTestId('lesson-next').isDisabled()).toBe(true);
  });
});
