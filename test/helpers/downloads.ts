import { createHash } from 'node:crypto';
import { tempDir } from './temp.js';
import fs from 'node:fs';
import { createApiClient } from '../../main/core/api/api-client.js';
import { systemClock } from '../../main/core/clock.js';
import { DownloadQueue, type DownloadQueueOptions } from '../../main/core/downloads/download-queue.js';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import type { SimJobSpec } from '../../main/core/simulator/sim-job.js';
import { testStore } from './test-store.js';
import {
  axiosTransport,
  leanTransport,
  type DownloadTransport,
} from '../../main/core/downloads/transport.js';

export const tempFolder = (): string => tempDir('dl');

export const sha256File = (file: string): string =>
  createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A completed simulator job tracked in a store, and a download queue saving into a temp folder. */
export async function downloadSetup(
  sim: Simulator,
  spec: SimJobSpec = {},
  options: Partial<DownloadQueueOptions> = {},
) {
  const simJob = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], ...spec });
  const api = createApiClient({ baseUrl: sim.apiUrl, getToken: () => sim.token });
  const { store } = testStore(systemClock);
  const fetched = await api.getJob(simJob.jobid);
  if (fetched.kind !== 'ok') throw new Error('setup: job not fetched');
  store.add(simJob.jobid);
  store.update(simJob.jobid, { state: 'completed', job: fetched.value });
  const folder = options.folder ? options.folder() : tempFolder();
  let refreshes = 0;
  const queue = new DownloadQueue({
    store,
    folder: () => folder,
    refresh: async (jobid) => {
      refreshes++;
      const outcome = await api.getJob(jobid);
      if (outcome.kind !== 'ok') return undefined;
      store.update(jobid, { job: outcome.value });
      return outcome.value;
    },
    clock: systemClock,
    retryBaseMs: 10,
    idleTimeoutMs: 2000,
    ...options,
  });
  const events = {
    saved: [] as { file: string; bytes: number }[],
    failed: [] as string[],
    progress: [] as number[],
  };
  queue.on('download-saved', (e) => events.saved.push(e));
  queue.on('download-failed', (e) => events.failed.push(e.message));
  queue.on('download-progress', (e) => events.progress.push(e.bytes));
  const run = async () => {
    const queued = queue.enqueue(simJob.jobid);
    await queue.idle();
    return queued;
  };
  return {
    simJob,
    store,
    folder,
    queue,
    events,
    run,
    refreshes: () => refreshes,
    record: () => Object.values(store.get(simJob.jobid)!.downloads ?? {})[0],
  };
}

// Every download case runs through both ways of fetching: the lean transport, and axios (behind a proxy).
export const TRANSPORTS: [string, DownloadTransport][] = [
  ['lean', leanTransport()],
  ['axios', axiosTransport()],
];
