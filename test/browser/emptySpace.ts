/**
 * Where the first screen is left empty: the tallest stretch of page with no
 * panel, guide, banner, producer line or diagram hint under it, over 16 px wide, in an
 * area (by default the middle column, the stage; `main.grid` for every
 * column) from its top to the bottom of the window, sampled every 4 px down
 * columns 8 px apart. The gaps between panels (10 px, 15 under presenter
 * mode's zoom) do not count. Runs in the page (page.evaluate(tallestEmpty, area)).
 */
export interface EmptyStretch {
  /** Its height in screen px (0: nothing empty). */
  px: number;
  /** Where it ends: a point at its bottom. */
  x: number;
  y: number;
}

export function tallestEmpty(area = '.col.mid'): EmptyStretch {
  const mid = document.querySelector(area)!.getBoundingClientRect();
  const bottom = Math.min(innerHeight, mid.bottom);
  const empty = (x: number, y: number) => {
    const hit = document.elementFromPoint(x, y);
    return !!hit && !hit.closest('section, .panel, .guide, .unnoticed, .producers, .cluster-hint');
  };
  let tallest = { px: 0, x: 0, y: 0 };
  for (let x = mid.left + 10; x < mid.right - 10; x += 8) {
    let run = 0;
    for (let y = mid.top; y < bottom; y += 4) {
      run = empty(x - 8, y) && empty(x, y) && empty(x + 8, y) ? run + 4 : 0;
      if (run > tallest.px) tallest = { px: run, x: Math.round(x), y: Math.round(y) };
    }
  }
  return tallest;
}
