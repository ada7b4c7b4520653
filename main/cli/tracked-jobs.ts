import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../core/clock.js';
import { pruneRecycledJobs } from '../core/downloads/forgotten-parts.js';
import { databasePath } from '../core/store/database.js';
import { describeRecovery } from '../core/store/job-store-file.js';
import type { JobStore } from '../core/store/job-store.js';
import { openStoreIn } from '../core/store/open-store.js';
import type { CliEnvironment } from './environment.js';
import type { Output } from './output.js';

/**
 * The jobs database under the home, for the commands that read or edit it without polling (`list`,
 * `forget`, `retry`'s check). Undefined when the home has none: nothing is created to say "no jobs".
 */
export function openTrackedJobs(env: CliEnvironment, io: Output): JobStore | undefined {
  const exists = [databasePath(env.home), path.join(env.home, 'jobs.json')].some((file) =>
    fs.existsSync(file),
  );
  if (!exists) return undefined;
  let storeProblem = false;
  // The store alone, not the engine's openJobStore: listing jobs needs no API client.
  const { store, recovered } = openStoreIn(env.home, {
    clock: systemClock,
    getToken: () => env.token,
    onStoreError: (error) => {
      if (!storeProblem) io.err(`error: ${error.message}`);
      storeProblem = true;
    },
  });
  if (recovered) io.err(`warning: ${describeRecovery(recovered)}`);
  pruneRecycledJobs(store, Date.now()); // jobs the API has recycled, as every run that opens the store forgets them
  return store;
}

/** Runs `use` on the store (or on none) and closes it after, whatever happens. */
export function withTrackedJobs<T>(
  env: CliEnvironment,
  io: Output,
  use: (store: JobStore | undefined) => T,
): T {
  const store = openTrackedJobs(env, io);
  try {
    return use(store);
  } finally {
    store?.flush();
    store?.close();
  }
}
