/**
 * Node identity: nodes are dispatched by a typed id, so any valid name works
 * (a producer named "bob" is not taken for a broker); names are unique across
 * producers and consumers and never a broker's or the controller's; topics
 * follow Kafka's naming rule with Kafka's reasons.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario/scenario.ts';
import { errorOf, run, scenario } from './helpers.ts';

describe('node names', () => {
  it('a producer named bob produces and is acknowledged like p1 (nothing routes by the first letter)', () => {
    const r = run(scenario({ until: 5000 }, { name: 'bob', count: 50 }));
    expect(r.result.summary.produced).toBe(50);
    expect(r.result.summary.acked).toBe(50);
  });

  it('producers and consumers with names that start like other kinds (bob, controller2, b_reader) run normally', () => {
    const r = run({
      until: 8000,
      producers: [{ name: 'controller2', count: 40 }, { name: 'bob', count: 10 }],
      consumers: [{ name: 'b_reader', group: 'g', config: { 'auto.offset.reset': 'earliest' } }],
    });
    expect(r.result.summary.acked).toBe(50);
    expect(r.result.summary.processed).toBe(50);
  });

  it('a producer named b1 is refused: b1 is a broker', () => {
    expect(errorOf(scenario({}, { name: 'b1' }))).toMatch(/^producers\[0\]\.name: "b1" is a broker or controller name/);
  });

  it('a consumer named controller is refused', () => {
    expect(errorOf({ consumers: [{ name: 'controller' }] })).toMatch(/^consumers\[0\]\.name: "controller" is a broker or controller name/);
  });

  it('two producers named p1 are refused (before: one of them silently counted)', () => {
    expect(errorOf({ producers: [{ name: 'p1', count: 100 }, { name: 'p1', count: 10 }] })).toMatch(/^producers\[1\]\.name: duplicate producer "p1": producers\[0\] already has this name/);
  });

  it('a consumer with a producer\'s name is refused: faults and links name nodes', () => {
    expect(errorOf({ producers: [{ name: 'x1' }], consumers: [{ name: 'x1' }] })).toMatch(/^consumers\[0\]\.name: duplicate consumer "x1": producers\[0\]/);
  });
});

describe("topic names follow Kafka's rule (Topic.validate)", () => {
  it('"my orders" is refused with Kafka\'s reason', () => {
    expect(errorOf({ topics: [{ name: 'my orders' }] })).toBe(
      `topics[0].name: InvalidTopicException: Topic name "my orders" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    );
  });

  it('".", "..", an empty name and 250 characters are refused; 249 characters, dots, dashes and underscores are fine', () => {
    expect(errorOf({ topics: [{ name: '..' }] })).toMatch(/cannot be "\." or "\.\."/);
    expect(errorOf({ topics: [{ name: '' }] })).toMatch(/can't be empty/);
    expect(errorOf({ topics: [{ name: 'a'.repeat(250) }] })).toMatch(/can't be longer than 249 characters/);
    const s = parseScenario({ topics: [{ name: 'a'.repeat(249) }, { name: 'my.orders_v2-eu' }] });
    expect(s.topics.map((t) => t.name.length)).toEqual([249, 15]);
  });

  it('a topic with dashes is told apart from its partitions: leaderOf my-orders-1 names partition 1 of my-orders', () => {
    const s = parseScenario({ topics: [{ name: 'my-orders', partitions: 2 }], faults: [{ at: 10, type: 'crash', broker: { leaderOf: 'my-orders-1' } }] });
    expect(s.faults[0]).toMatchObject({ broker: { leaderOf: 'my-orders-1' } });
    expect(errorOf({ topics: [{ name: 'my-orders', partitions: 2 }], faults: [{ at: 10, type: 'crash', broker: { leaderOf: 'my-orders-2' } }] })).toMatch(/no partition named "my-orders-2"/);
  });
});
