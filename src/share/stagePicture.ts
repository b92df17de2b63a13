/**
 * The stage as a picture for slides. The stage is HTML, SVG and canvas, so
 * the picture is composed from what is drawn, each piece at its place on
 * screen: the SVG drawings (cluster, charts) as nested SVG with their
 * computed colours and fonts inlined, each canvas (log rows, flights,
 * consumer strips) as an embedded PNG image, and the visible text of the
 * panels as SVG text. The PNG is that SVG drawn onto a canvas at 2× (no
 * foreignObject, so the canvas stays readable).
 */
import { flightPictures } from '../view/FlightCanvas.tsx';
const NS = 'http://www.w3.org/2000/svg';
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'fill-opacity', 'stroke-opacity'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function visible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  const cs = getComputedStyle(el);
  return cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0;
}

/** An inline SVG with each element's computed paint written on it (the page's CSS does not travel). */
function inlineSvg(svg: SVGSVGElement, x: number, y: number): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [copy, ...copy.querySelectorAll('*')];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    dst[i].setAttribute('style', style);
  });
  const r = svg.getBoundingClientRect();
  copy.setAttribute('x', String(x));
  copy.setAttribute('y', String(y));
  copy.setAttribute('width', String(r.width));
  copy.setAttribute('height', String(r.height));
  return new XMLSerializer().serializeToString(copy);
}

/** The box text is cut to: the nearest ancestor that clips (a scrolling panel, a list), else the page. */
function clipOf(el: HTMLElement): DOMRect {
  for (let a: HTMLElement | null = el; a; a = a.parentElement) {
    const o = getComputedStyle(a);
    if (o.overflowY !== 'visible' || o.overflowX !== 'visible') return a.getBoundingClientRect();
  }
  return document.documentElement.getBoundingClientRect();
}

/** A text node's lines as laid out: each word measured, words on the same line box joined. */
function lines(n: Text): { text: string; rect: DOMRect }[] {
  const out: { text: string; rect: DOMRect }[] = [];
  const s = n.textContent ?? '';
  const range = document.createRange();
  // Words, or single characters for text without spaces (Chinese wraps anywhere).
  const re = /\s/.test(s.trim()) ? /\S+/g : /\S/g;
  let cur: { text: string; top: number; left: number; right: number; bottom: number } | null = null;
  const flush = () => cur && out.push({ text: cur.text, rect: new DOMRect(cur.left, cur.top, cur.right - cur.left, cur.bottom - cur.top) });
  for (let m = re.exec(s); m; m = re.exec(s)) {
    range.setStart(n, m.index);
    range.setEnd(n, m.index + m[0].length);
    const r = range.getBoundingClientRect();
    if (r.width === 0) continue;
    if (cur && Math.abs(r.top - cur.top) < r.height / 2) {
      cur.text += (re.source === '\\S+' ? ' ' : '') + m[0];
      cur.right = Math.max(cur.right, r.right);
      cur.bottom = Math.max(cur.bottom, r.bottom);
    } else {
      flush();
      cur = { text: m[0], top: r.top, left: r.left, right: r.right, bottom: r.bottom };
    }
  }
  flush();
  return out;
}

export function stageSvg(stage: HTMLElement): string {
  const box = stage.getBoundingClientRect();
  const bg = getComputedStyle(document.body).backgroundColor || '#fff';
  const parts: string[] = [`<rect width="100%" height="100%" fill="${esc(bg)}"/>`];
  const at = (r: DOMRect) => ({ x: Math.round(r.left - box.left), y: Math.round(r.top - box.top) });
  // Panels' boxes, so the picture keeps the layout.
  for (const panel of stage.querySelectorAll<HTMLElement>('.panel')) {
    if (!visible(panel)) continue;
    const r = panel.getBoundingClientRect();
    const cs = getComputedStyle(panel);
    const p = at(r);
    parts.push(`<rect x="${p.x}" y="${p.y}" width="${Math.round(r.width)}" height="${Math.round(r.height)}" rx="6" fill="${esc(cs.backgroundColor)}" stroke="${esc(cs.borderTopColor)}"/>`);
  }
  for (const svg of stage.querySelectorAll<SVGSVGElement>('svg')) {
    if (!visible(svg) || svg.parentElement?.closest('svg')) continue;
    const p = at(svg.getBoundingClientRect());
    parts.push(inlineSvg(svg, p.x, p.y));
  }
  for (const c of stage.querySelectorAll<HTMLCanvasElement>('canvas')) {
    if (!visible(c)) continue;
    const r = c.getBoundingClientRect();
    const p = at(r);
    let data = '';
    try {
      data = flightPictures.get(c)?.() ?? c.toDataURL('image/png');
    } catch {
      continue;
    }
    parts.push(`<image x="${p.x}" y="${p.y}" width="${Math.round(r.width)}" height="${Math.round(r.height)}" href="${data}"/>`);
  }
  // Text of the HTML (not inside an SVG), line by line: words grouped by the line box they sit on;
  // text scrolled out of its panel (or clipped by it) is left out, as on screen.
  const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent?.trim() || !el || el.closest('svg, select, option') || !visible(el)) continue;
    const clip = clipOf(el);
    const cs = getComputedStyle(el);
    const style = `font:${esc(cs.fontWeight)} ${esc(cs.fontSize)} ${esc(cs.fontFamily)};fill:${esc(cs.color)}`;
    for (const line of lines(n as Text)) {
      const r = line.rect;
      if (r.top < clip.top - 1 || r.bottom > clip.bottom + 1 || r.left > clip.right || r.right < clip.left) continue;
      const p = at(r);
      parts.push(`<text x="${p.x}" y="${p.y + Math.round(r.height * 0.78)}" style="${style}">${esc(line.text)}</text>`);
    }
  }
  const w = Math.round(box.width);
  const h = Math.round(box.height);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="${NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${parts.join('')}</svg>\n`;
}

export async function stagePng(stage: HTMLElement, scale = 2): Promise<Blob> {
  const svg = stageSvg(stage);
  const box = stage.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(box.width * scale);
    canvas.height = Math.round(box.height * scale);
    const g = canvas.getContext('2d')!;
    g.scale(scale, scale);
    g.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
