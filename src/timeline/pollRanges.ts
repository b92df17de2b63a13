/**
 * The ranges of a consumer's `polled` trace event (pollLoop.ts writes them as
 * `name[from..to]`, space-separated), read without a regular expression: the
 * consumer observer reads every poll of a run. A partition's name is its
 * topic's (Kafka's rule: no space, no '[') and its number.
 */
export function forEachPollRange(ranges: string, visit: (partition: string, from: number) => void): void {
  for (let at = 0; at < ranges.length; ) {
    let end = ranges.indexOf(' ', at);
    if (end < 0) end = ranges.length;
    const open = ranges.lastIndexOf('[', end);
    const dots = ranges.indexOf('..', open);
    if (open > at && dots > open && dots < end && ranges[end - 1] === ']') visit(ranges.slice(at, open), Number(ranges.slice(open + 1, dots)));
    at = end + 1;
  }
}
