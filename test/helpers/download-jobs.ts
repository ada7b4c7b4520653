import { createApiClient } from '../../main/core/api/api-client.js';
import { systemClock } from '../../main/core/clock.js';
import { DownloadQueue, type DownloadQueueOptions } from '../../main/core/downloads/download-queue.js';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import type { SimJob, SimJobSpec } from '../../main/core/simulator/sim-job.js';
import { tempFolder } from './downloads.js';
import { jobsOnDisk, testStore } from './test-store.js';

/** Completed simulator jobs in one store, and queues (one per "run") saving them into one folder. */
export async function jobsInOneStore(
  sim: Simulator,
  specs: SimJobSpec[],
  storeOptions: { onStoreError?: (error: Error) => void; busyTimeoutMs?: number } = {},
) {
  const api = createApiClient({ baseUrl: sim.apiUrl, getToken: () => sim.token });
  const { store, dir } = testStore(
    systemClock,
    undefined,
    storeOptions.onStoreError,
    storeOptions.busyTimeoutMs,
  );
  const jobs: SimJob[] = [];
  for (const spec of specs) {
    const simJob = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], ...spec });
    const fetched = await api.getJob(simJob.jobid);
    if (fetched.kind !== 'ok') throw new Error('setup: job not fetched');
    store.add(simJob.jobid);
    store.update(simJob.jobid, { state: 'completed', job: fetched.value });
    jobs.push(simJob);
  }
  const folder = tempFolder();
  const queue = (options: Partial<DownloadQueueOptions> = {}) => {
    const q = new DownloadQueue({
      store,
      folder: () => folder,
      refresh: async () => undefined,
      clock: systemClock,
      retryBaseMs: 10,
      concurrency: 4,
      ...options,
    });
    const saved: { jobid: string; key: string; file: string }[] = [];
    const failed: string[] = [];
    q.on('download-saved', (e) => saved.push(e));
    q.on('download-failed', (e) => failed.push(e.message));
    const run = async (...jobids: string[]) => {
      for (const jobid of jobids) q.enqueue(jobid);
      await q.idle();
    };
    return { q, saved, failed, run };
  };
  /** The one download record of a job, as in memory and as last written to "disk". */
  const record = (job: SimJob) => Object.values(store.get(job.jobid)!.downloads ?? {})[0];
  const recordOnDisk = (job: SimJob) => Object.values(jobsOnDisk(dir)[job.jobid]?.downloads ?? {})[0];
  return { store, dir, jobs, folder, queue, record, recordOnDisk };
}
