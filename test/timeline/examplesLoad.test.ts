/**
 * Every bundled example opens in the lab: the lab's timeline adds a spare,
 * not-yet-started member to each consumer group (so "add a member" can start
 * one mid-run), and that must not make any example invalid. A static group's
 * spare gets a group.instance.id of its own, and added mid-run it joins as a
 * member of its own (KIP-345: a copied id would fence the member it copied).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Timeline } from '../../src/timeline/timeline.ts';
import type { RawScenario } from '../../src/engine/config/liveConfig.ts';
import { traceEvents } from '../../src/engine/core/traceLog.ts';

const dir = join(import.meta.dirname, '../../public/scenarios');
const examples = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const example = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RawScenario;

describe('the bundled examples in the lab', () => {
  for (const f of examples)
    it(`${f} loads in the lab's timeline, spare members included`, () => {
      expect(() => new Timeline(example(f))).not.toThrow();
    });

  it("static-membership: the spare member added mid-run joins the stable group with a group.instance.id of its own, and no member is fenced", () => {
    const tl = new Timeline(example('static-membership.json'));
    const spare = tl.scenario.consumers.find((c) => c.startAt === null)!;
    const ids = tl.scenario.consumers.map((c) => c.config['group.instance.id']);
    expect(spare.config['group.instance.id']).toBe(`billing-${spare.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    tl.advanceTo(10_000);
    tl.act({ fault: { type: 'consumer-add', consumer: spare.name } });
    tl.advanceTo(40_000);
    const fenced = traceEvents(tl.sim.ctx.trace).filter((e) => JSON.stringify(e).includes('FENCED_INSTANCE_ID'));
    expect(fenced).toEqual([]);
    // Two partitions, three members: the spare is in the stable group with none (an idle member), c1 and c2 keep one each.
    const w = tl.sim.ctx.consumers!;
    const member = w.members.find((m) => m.spec.name === spare.name)!;
    expect(member.status).toBe('running');
    expect(member.joinState).toBe('stable');
    expect(w.groups[member.group].members.size).toBe(3);
    expect(w.members.filter((m) => m.spec.name !== spare.name && m.status === 'running').map((m) => m.assignment.length)).toEqual([1, 1]);
  });
});
