/** Runs a parsed scenario headless to its `until` and returns the simulation. */
import type { Scenario } from './scenario.ts';
import { Simulation } from './simulation.ts';

export function runScenario(s: Scenario): Simulation {
  const sim = new Simulation(s);
  sim.runUntil(s.until);
  return sim;
}
