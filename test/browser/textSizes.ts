/**
 * The smallest text on screen, in screen pixels, as a reader sees it: every
 * visible element with text of its own, HTML (its font size times the CSS
 * zoom it is under: presenter mode zooms the lab) and SVG (its font size in
 * units times the drawing's scale), and each log canvas's own smallest label
 * (data-min-font, in its CSS px, times its scale). Runs in the page.
 */
export interface SmallText {
  px: number;
  text: string;
  where: string;
}

export function smallTexts(limit: number, root = '.lab'): SmallText[] {
  const out: SmallText[] = [];
  const top = document.querySelector(root);
  if (!top) return out;
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${String(el.getAttribute('class') ?? '').split(' ')[0]} in ${el.parentElement?.closest('[class]')?.getAttribute('class')?.split(' ')[0] ?? ''}`;
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    // Read out only (a phone's compact bar): 1 px, clipped.
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.opacity === '0' || cs.clipPath === 'inset(50%)') return false;
    for (let a: Element | null = el; a; a = a.parentElement) if (getComputedStyle(a).clipPath === 'inset(50%)') return false;
    return true;
  };
  for (const el of top.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!own || !visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (!size) continue;
    let px: number;
    const svg = el instanceof SVGElement ? el.ownerSVGElement : null;
    if (svg) {
      const vb = svg.viewBox.baseVal;
      px = size * (vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1);
    } else px = size * ((el as HTMLElement).currentCSSZoom ?? 1);
    if (px < limit) out.push({ px: Math.round(px * 100) / 100, text: (el.textContent ?? '').trim().slice(0, 30), where: name(el) });
  }
  for (const c of top.querySelectorAll<HTMLCanvasElement>('canvas[data-min-font]')) {
    if (!visible(c)) continue;
    const px = Number(c.dataset.minFont) * (c.getBoundingClientRect().height / parseFloat(c.style.height || String(c.getBoundingClientRect().height)));
    if (px < limit) out.push({ px: Math.round(px * 100) / 100, text: '(canvas labels)', where: name(c) });
  }
  return out;
}
