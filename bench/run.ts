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

const benches: Record<string, (options: BenchOptions) => Promise<boolean>> = {
  polling: pollingBenchmark,
  download: downloadBenchmark,
  renderer: rendererBenchmark,
  store: storeBenchmark,
  cli: cliBenchmark,
};
const USAGE = `Usage: npm run bench -- [NAME] [--json] [--seed N]
  NAME       one of ${Object.keys(benches).join(', ')} (all when left out)
  --json     the polling benchmark's figures as one JSON object per line
  --seed N   seed of the polling benchmark's workloads (12 when left out)`;

/** Refuses the command line in one line and the usage, as the CLI does, instead of a stack trace. */
function refuse(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** `npm run bench [-- NAME] [--json] [--seed N]`: each benchmark prints its figures beside a baseline. */
function readArgs(): { only: string | undefined; options: BenchOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        seed: { type: 'string', default: '12' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    const option = /option '([^']+)'/i.exec((error as Error).message)?.[1];
    refuse(option ? `Unknown option ${option}.` : (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const seed = Number(values.seed);
  if (values.seed.trim() === '' || !Number.isInteger(seed))
    refuse(`--seed must be an integer, not "${values.seed}".`);
  if (positionals.length > 1) refuse(`Choose one benchmark, not "${positionals.join(' ')}".`);
  const only = positionals[0];
  if (only !== undefined && !(only in benches))
    refuse(`Unknown benchmark "${only}": choose one of ${Object.keys(benches).join(', ')}.`);
  return { only, options: { json: values.json, seed } };
}

const { only, options } = readArgs();
const results: boolean[] = [];
for (const [name, bench] of Object.entries(benches))
  if (!only || only === name) results.push(await bench(options));
if (!options.json)
  console.log(`\n${results.every(Boolean) ? 'All targets met.' : 'Some targets were not met (see above).'}`);
