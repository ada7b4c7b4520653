import { Database } from '../../main/core/store/sqlite-driver.js';
import type { Clock } from '../../main/core/clock.js';
import { databasePath } from '../../main/core/store/database.js';
import { JobRecords } from '../../main/core/store/job-records.js';
import type { TrackedJob } from '../../main/core/store/job-store-schema.js';
import { openStoreIn } from '../../main/core/store/open-store.js';
import { tempDir } from './temp.js';

/** A job store on a real database in a temp folder (`dir`), as a process opens it. */
export function testStore(
  clock: Clock,
  dir = tempDir('store'),
  onStoreError?: (error: Error) => void,
  busyTimeoutMs?: number,
) {
  const { store, recovered } = openStoreIn(dir, { clock, onStoreError, busyTimeoutMs });
  return { store, recovered, dir };
}

/** The jobs as the database holds them, read through a connection of their own (another process's view). */
export function jobsOnDisk(dir: string): Record<string, TrackedJob> {
  const db = new Database(databasePath(dir), { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(new JobRecords(db).allJobs().map((job) => [job.jobid, job]));
  } finally {
    db.close();
  }
}
