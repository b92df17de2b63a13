/**
 * A lesson step's highlight: the step's panel, partition, count or broker,
 * looked up inside one root (the lab's document, or a widget's own shadow
 * root) and marked with data-lesson-hl, which the stylesheet draws (no
 * injected <style>, so a strict CSP holds). Marked again whenever the lab
 * re-renders them, and unmarked when the step changes.
 */
import { useEffect } from 'react';
import type { Highlight } from '../lessons/types.ts';
import type { LabStore } from '../state/labStore.ts';

function selectorOf(h: Highlight, panelScope: string): string {
  const sel: string[] = [];
  if (h.panel) sel.push(`${panelScope}.panel.${h.panel}`);
  if (h.partition) sel.push(`[data-testid="partition-${h.partition}"]`);
  if (h.count) sel.push(`[data-testid="count-${h.count}"]`);
  if (h.broker) sel.push(`[data-testid="broker-b${h.broker}"]`);
  return sel.join(', ');
}

/** `root` finds where to look once the step shows; `panelScope` prefixes a panel's selector (".lab " in the full lab). */
export function useLessonHighlight(lab: LabStore, h: Highlight | undefined, root: () => ParentNode | null | undefined, panelScope = ''): void {
  useEffect(() => {
    const where = root();
    const sel = h ? selectorOf(h, panelScope) : '';
    if (!where || !sel) return;
    let marked: Element[] = [];
    let raf = 0;
    const apply = () => {
      raf = 0;
      const now = [...where.querySelectorAll(sel)];
      for (const el of marked) if (!now.includes(el)) el.removeAttribute('data-lesson-hl');
      for (const el of now) if (!el.hasAttribute('data-lesson-hl')) el.setAttribute('data-lesson-hl', '');
      marked = now;
    };
    apply();
    const off = lab.subscribe(() => {
      if (!raf) raf = requestAnimationFrame(apply);
    });
    return () => {
      off();
      cancelAnimationFrame(raf);
      for (const el of marked) el.removeAttribute('data-lesson-hl');
    };
    // `root` is read once per step: the element it finds lives as long as the widget or the page.
  }, [lab, h, panelScope]);
}
