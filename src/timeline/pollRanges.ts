import type { SimContext } from '../engine/core/context.ts';
import type { ConsumerWorld } from '../engine/core/consumerModel.ts';
import type { ConsumerState } from './consumerObserverState.ts';
import { keptFrom } from '../engine/core/traceLog.ts';

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

/**
 * A poll that returned records below where a partition stopped being watched
 * (a member reset to the earliest offset, a zombie's old position): those
 * records may be processed again, so that partition is marked to be read
 * again from its start (consumerObserver.ts). Reads the trace events not read yet.
 */
export function markRewinds(ctx: SimContext, st: ConsumerState, partitionNamed: (name: string) => number): void {
  const trace = ctx.trace;
  if (st.traceSeen >= trace.length) return;
  const groups = (ctx.consumers as ConsumerWorld).groups;
  // A range at or above every partition's bound moves nothing (bounds move only after this, in the look).
  const below = st.gs.map((s) => {
    let b = -Infinity;
    for (const ps of s.parts.values()) b = Math.max(b, ps.dropBound);
    return b;
  });
  // The kept events only: the host omits a poll once this has read it (core/traceLog.ts).
  const from = keptFrom(trace, st.traceSeen);
  st.traceSeen = trace.length;
  for (let j = from; j < trace.kept.length; j++) {
    const e = trace.kept[j];
    if (e.type !== 'consumer' || e.what !== 'polled') continue;
    const gi = st.gs.findIndex((x) => groups[x.gi].id === e.group);
    if (gi < 0) continue;
    const s = st.gs[gi];
    forEachPollRange(String((e.args as Record<string, unknown>).ranges ?? ''), below[gi], (name, from) => {
      const ps = s.parts.get(partitionNamed(name));
      if (ps && from < ps.dropBound) ps.rewound = true;
    });
  }
}
