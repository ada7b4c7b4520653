import { cliBenchmark } from './cli.js';
import { downloadBenchmark } from './download.js';
import { pollingBenchmark } from './polling.js';
import { rendererBenchmark } from './renderer.js';
import { storeBenchmark } from './store.js';

/** `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same run. */
const only = process.argv[2];
const benches: Record<string, () => Promise<boolean>> = {
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
for (const [name, bench] of Object.entries(benches)) if (!only || only === name) results.push(await bench());
console.log(`\n${results.every(Boolean) ? 'All targets met.' : 'Some targets were not met (see above).'}`);
