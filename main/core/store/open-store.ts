import { Database } from './sqlite-driver.js';
import type { Clock } from '../clock.js';
import { databasePath, openDatabase } from './database.js';
import { importJsonStore } from './import-json.js';
import { JobRecords } from './job-records.js';
import type { StoreRecovery } from './job-store-file.js';
import { JobStore } from './job-store.js';
import { migrate } from './migrations.js';

export interface StoreOptions {
  clock: Clock;
  onStoreError?: (error: Error) => void;
  getToken?: () => string | undefined;
  busyTimeoutMs?: number;
}

/**
 * Opens the jobs database in `dir` (the app's userData, the CLI's home), importing a former
 * `jobs.json` on first start. `recovered` says when a damaged file was moved aside.
 */
export function openStoreIn(
  dir: string,
  options: StoreOptions,
): { store: JobStore; recovered?: StoreRecovery } {
  const file = databasePath(dir);
  const opened = openDatabase(
    file,
    (db) => {
      const records = new JobRecords(db);
      const imported = importJsonStore(records, dir, options.clock.now);
      return {
        records,
        store: new JobStore(records, file, options.clock, options.onStoreError, options.getToken),
        imported,
      };
    },
    { now: options.clock.now, busyTimeoutMs: options.busyTimeoutMs },
  );
  const { store, imported } = opened.checked;
  const recovered = opened.movedAside ?? imported?.recovered;
  return { store, recovered };
}

/** A store in memory only: what unit tests of the scheduler and the downloads use. */
export function openMemoryStore(options: StoreOptions): JobStore {
  const db = new Database(':memory:');
  migrate(db);
  return new JobStore(new JobRecords(db), '(memory)', options.clock, options.onStoreError, options.getToken);
}
