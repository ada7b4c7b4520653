import type { Clock } from '../../main/core/clock.js';
import type { Job, JobSource } from '../../main/core/jobs/job.js';
import type { DownloadRecord, TrackedJob } from '../../main/core/store/job-store-schema.js';
import { testStore } from './test-store.js';

export const V2_ID = 'user:1234-pixverse:ann@example.com-video:998877';

export interface SeedJob {
  jobid: string;
  source?: JobSource;
  state?: TrackedJob['state'];
  prompt?: string;
  progress?: number;
  error?: string;
  /** When the API says the job was created (default: not said). */
  created?: number;
  /** When it was tracked (default: a minute after the job before it). */
  added?: number;
  downloads?: Record<string, DownloadRecord>;
}

/**
 * Jobs written into the jobs database under `home` as a run of the app or the CLI leaves them, each
 * added a minute after the one before (the last is the newest), then the store closed.
 */
export function seedHome(home: string, jobs: SeedJob[]): void {
  let now = Date.now() - 60 * 60_000;
  const clock: Clock = { now: () => now, setTimeout: () => ({}), clearTimeout: () => {} };
  const { store } = testStore(clock, home);
  for (const seed of jobs) {
    now = seed.added ?? now + 60_000;
    const source = seed.source ?? 'v1';
    const state = seed.state ?? 'active';
    store.add(seed.jobid, source);
    const job: Job = {
      source,
      id: seed.jobid,
      state: state === 'active' ? 'running' : state === 'completed' ? 'completed' : 'failed',
      progress: seed.progress,
      prompt: seed.prompt,
      results: [],
      error: seed.error ? { message: seed.error } : undefined,
      created: seed.created === undefined ? undefined : new Date(seed.created).toISOString(),
    };
    store.update(seed.jobid, { state, job, finishedAt: state === 'active' ? undefined : now });
    for (const [key, record] of Object.entries(seed.downloads ?? {}))
      store.update(seed.jobid, { downloads: { ...store.get(seed.jobid)!.downloads, [key]: record } });
  }
  store.close();
}
