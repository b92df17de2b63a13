/**
 * The ranges of a consumer's `polled` trace event (pollLoop.ts writes them as
 * `name[from..to]`, space-separated), read without a regular expression: the
 * consumer observer reads every poll of a run. A partition's name is its
 * topic's (Kafka's rule: no space, no '[') and its number. Only ranges
 * starting below `below` are visited, and only their names are cut out of
 * the text (nearly every poll reads on from where the last stopped: nothing
 * of it is kept).
 */
export function forEachPollRange(ranges: string, below: number, visit: (partition: string, from: number) => void): void {
  for (let at = 0; at < ranges.length; ) {
    let end = ranges.indexOf(' ', at);
    if (end < 0) end = ranges.length;
    const open = ranges.lastIndexOf('[', end);
    const dots = ranges.indexOf('..', open);
    if (open > at && dots > open && dots < end && ranges.charCodeAt(end - 1) === 93 /* ] */) {
      const from = digits(ranges, open + 1, dots);
      if (from < below) visit(ranges.slice(at, open), from);
    }
    at = end + 1;
  }
}

/** The number in s[from, to), as Number() of that text reads it (0 when empty), without cutting it out when it is plain digits. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number(s.slice(from, to));
    n = n * 10 + c;
  }
  return n;
}
