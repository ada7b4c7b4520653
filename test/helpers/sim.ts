import { afterEach } from 'vitest';
import { Simulator, type SimulatorOptions } from '../../main/core/simulator/simulator.js';

/** A simulator per test, closed after it. */
export function useSimulator(): (options?: SimulatorOptions) => Promise<Simulator> {
  const open: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((sim) => sim.close()));
  });
  return async (options) => {
    const sim = await Simulator.start(options);
    open.push(sim);
    return sim;
  };
}
