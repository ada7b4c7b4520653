import { v2Floor } from './v2-floor.js';
import { WORKLOADS } from './workloads.js';

/**
 * The least any policy could cost on each v2 workload, keeping naive polling's latency (see
 * v2Floor; not part of `npm run bench`, which prints it beside a v2 target it shows out of reach).
 * `node dist/bench/polling/bound.js [seed]`
 */
const seed = Number(process.argv[2] ?? 12);
for (const name of WORKLOADS.filter((w) => w !== '200 jobs')) {
  const floor = v2Floor(name, seed);
  console.log(
    `${name} (v2), seed ${seed}: at least ${floor.least.toFixed(2)}× naive ` +
      `(polled on their own ${floor.own.toFixed(2)}×, the list shared ${floor.shared.toFixed(2)}×)`,
  );
}
