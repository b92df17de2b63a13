/**
 * The 95% Wilson score interval of a proportion: unlike the normal
 * approximation it stays inside [0, 1] and says something honest for 0 of N
 * (0 hits in 200 runs still allows a rate up to about 1.9%).
 */
const Z = 1.959963984540054;

export function wilson(hits: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = hits / n;
  const z2 = Z * Z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Rounded to 1e-9 so 0 of N reads as exactly 0, not a floating-point crumb above it.
  const r = (x: number) => Math.round(x * 1e9) / 1e9;
  return [Math.max(0, r(centre - half)), Math.min(1, r(centre + half))];
}

/**
 * The value a sort would put at index `k` of `xs[0..n)`, found by
 * quickselect (Hoare's FIND) in linear time on average; reorders `xs`. A
 * run's latency percentiles need two order statistics, not a sorted array.
 */
export function select(xs: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i++] = xs[j];
        xs[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k];
  }
  return xs[k];
}
