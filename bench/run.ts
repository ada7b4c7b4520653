import { pollingBenchmark } from './polling.js';

/** `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same run. */
const results = [await pollingBenchmark()];
console.log(`\n${results.every(Boolean) ? 'All targets met.' : 'Some targets were not met (see above).'}`);
