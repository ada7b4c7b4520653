import type { Job } from '../../main/core/jobs/job.js';
import type { TrackedJob } from '../../main/core/store/job-store-schema.js';
import type { useWindow } from './window-harness.js';

export type SeededWindow = Awaited<ReturnType<ReturnType<typeof useWindow>>>;

/** A job in the app's model, as an adapter hands it over. */
export const modelJob = (source: Job['source'], id: string, fields: Partial<Job>): Job => ({
  source,
  id,
  state: 'running',
  results: [],
  ...fields,
});

/**
 * Seeds jobs straight into the window's database, polling paused so they stay as written, and
 * reloads the page: the rows come through the real queryJobs handler and contract.
 */
export async function seedJobs(
  w: SeededWindow,
  jobs: { job: Job; record?: Partial<TrackedJob> }[],
): Promise<void> {
  const session = w.controller.session!;
  session.scheduler.pause();
  for (const { job, record } of jobs) {
    session.store.add(job.id, job.source);
    session.store.update(job.id, { state: 'active', job, ...record });
  }
  await w.page.reload();
  await w.page.locator('job-row').first().waitFor();
}
