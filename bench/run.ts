import { parseArgs } from 'node:util';
import { cliBenchmark } from './cli.js';
import { downloadBenchmark } from './download.js';
import { pollingBenchmark } from './polling.js';
import { rendererBenchmark } from './renderer.js';
import { storeBenchmark } from './store.js';

export interface BenchOptions {
  /** One JSON object per line instead of tables (the polling benchmark). */
  json: boolean;
  /** Seed of the polling benchmark's workloads. */
  seed: number;
}

/** `npm run bench [-- NAME] [--json] [--seed N]`: each benchmark prints its figures beside a baseline. */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false }, seed: { type: 'string', default: '12' } },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer, not "${values.seed}".`);
  process.exit(2);
}
const options: BenchOptions = { json: values.json, seed };
const only = positionals[0];
const benches: Record<string, (options: BenchOptions) => Promise<boolean>> = {
  polling: pollingBenchmark,
  download: downloadBenchmark,
  renderer: rendererBenchmark,
  store: storeBenchmark,
  cli: cliBenchmark,
};
if (only && !(only in benches)) {
  console.error(`Unknown benchmark "${only}": choose one of ${Object.keys(benches).join(', ')}.`);
  process.exit(2);
}
const results: boolean[] = [];
for (const [name, bench] of Object.entries(benches))
  if (!only || only === name) results.push(await bench(options));
if (!options.json)
  console.log(`\n${results.every(Boolean) ? 'All targets met.' : 'Some targets were not met (see above).'}`);
