import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../main/core/api/api-client.js';
import { DownloadQueue } from '../../../main/core/downloads/download-queue.js';
import type { DownloadRecord } from '../../../main/core/store/job-store-schema.js';
import { tempFolder } from '../../helpers/downloads.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useSimulator } from '../../helpers/sim.js';
import { tempDir } from '../../helpers/temp.js';
import { testStore } from '../../helpers/test-store.js';

const startSim = useSimulator();
const LEASE_MS = 30_000;
const RENEW_MS = 10_000;
const POLL_MS = 1000;

/**
 * A completed job in one jobs database opened twice (this process's queue, and `other`, which
 * writes as another process would), on fake time.
 */
async function setup(refresh: () => Promise<undefined> = async () => undefined) {
  const sim = await startSim({ timeScale: 100 });
  const clock = new FakeClock();
  const dir = tempDir('lease-queue');
  const { store } = testStore(clock, dir);
  const other = testStore(clock, dir).store;
  const api = createApiClient({ baseUrl: sim.apiUrl, getToken: () => sim.token });
  /** A completed job with one video, tracked in the store: its jobid and the video's key. */
  const addCompleted = async () => {
    const simJob = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: 64 * 1024 });
    const fetched = await api.getJob(simJob.jobid);
    if (fetched.kind !== 'ok') throw new Error('setup: job not fetched');
    store.add(simJob.jobid);
    store.update(simJob.jobid, { state: 'completed', job: fetched.value });
    return { jobid: simJob.jobid, key: fetched.value.results![0]!.key };
  };
  const { jobid, key } = await addCompleted();
  const queue = new DownloadQueue({
    store,
    folder: tempFolder,
    refresh,
    clock,
    leaseMs: LEASE_MS,
    renewEveryMs: RENEW_MS,
    awaitOthers: true,
    othersPollMs: POLL_MS,
    concurrency: 1,
  });
  const events: string[] = [];
  queue.on('download-elsewhere', () => events.push('elsewhere'));
  queue.on('download-saved-elsewhere', (e) => events.push(`saved-elsewhere ${e.file}`));
  queue.on('download-saved', () => events.push('saved'));
  queue.on('download-failed', (e) => events.push(`failed ${e.message}`));
  let idle = false;
  const whenIdle = () => void queue.idle().then(() => (idle = true));
  /** Writes the download record as another live process (the test runner's parent) holding it. */
  const holdElsewhere = (patch: Partial<DownloadRecord> = {}) =>
    other.update(jobid, {
      downloads: {
        [key]: {
          state: 'downloading',
          bytes: 0,
          owner: process.ppid,
          leaseUntil: clock.now() + LEASE_MS,
          ...patch,
        },
      },
    });
  return {
    ...{ sim, clock, store, other, queue, jobid, key, events, whenIdle, addCompleted, holdElsewhere },
    isIdle: () => idle,
  };
}

describe('a download queue and the leases of other processes (fake time, real database)', () => {
  it('waits for a download another process holds, and reports it saved there', async () => {
    const { clock, other, queue, jobid, key, events, whenIdle, isIdle, holdElsewhere } = await setup();
    holdElsewhere();
    expect(queue.enqueue(jobid)).toBe(0);
    whenIdle();
    await clock.advance(5 * POLL_MS);
    expect([events, isIdle()]).toEqual([['elsewhere'], false]);
    other.update(jobid, {
      downloads: { [key]: { state: 'saved', bytes: 9, file: '/v/clip.mp4', owner: process.ppid } },
    });
    await clock.advance(POLL_MS);
    expect([events, isIdle()]).toEqual([['elsewhere', 'saved-elsewhere /v/clip.mp4'], true]);
  });

  it('reports a failure there as a failed download', async () => {
    const { clock, other, queue, jobid, key, events, whenIdle, isIdle, holdElsewhere } = await setup();
    holdElsewhere();
    queue.enqueue(jobid);
    whenIdle();
    other.update(jobid, {
      downloads: { [key]: { state: 'failed', bytes: 0, error: 'The disk is full.', owner: process.ppid } },
    });
    await clock.advance(POLL_MS);
    expect([events, isIdle()]).toEqual([['elsewhere', 'failed The disk is full.'], true]);
  });

  it('takes a download over once the other lease lapsed (its pid still alive), and saves it', async () => {
    const { clock, store, queue, jobid, key, events, holdElsewhere } = await setup();
    holdElsewhere();
    queue.enqueue(jobid);
    await clock.advance(LEASE_MS - POLL_MS);
    expect(store.get(jobid)!.downloads![key]!.owner).toBe(process.ppid);
    await clock.advance(POLL_MS);
    await queue.idle();
    expect(events).toEqual(['elsewhere', 'saved']);
    expect(store.get(jobid)!.downloads![key]).toMatchObject({ state: 'saved', owner: process.pid });
  });

  it('renews its own lease while a download runs, so another process keeps out', async () => {
    const { sim, clock, other, queue, jobid, key } = await setup();
    sim.cdnFaults.push({ kind: 'stall', afterBytes: 1024 });
    expect(queue.enqueue(jobid)).toBe(1);
    const claimedUntil = other.get(jobid)!.downloads![key]!.leaseUntil!;
    for (let renewal = 1; renewal <= 4; renewal++) {
      await clock.advance(RENEW_MS);
      expect(other.get(jobid)!.downloads![key]!.leaseUntil).toBe(clock.now() + LEASE_MS);
    }
    // Well past the lease it began with (same pid here: the rule is proven in download-lease.test.ts).
    expect(other.get(jobid)!.downloads![key]!.leaseUntil).toBeGreaterThan(claimedUntil + RENEW_MS);
    queue.stop();
  });

  it('leaves a queued download another process took over before its turn came', async () => {
    const { sim, clock, other, queue, jobid, events, addCompleted } = await setup();
    const second = await addCompleted();
    sim.cdnFaults.push({ kind: 'stall', afterBytes: 1024 });
    expect(queue.enqueue(jobid) + queue.enqueue(second.jobid)).toBe(2); // one runs (stalled), one waits
    // This process stalled past its lease: another one claimed the waiting download meanwhile.
    other.update(second.jobid, {
      downloads: {
        [second.key]: {
          state: 'downloading',
          bytes: 0,
          owner: process.ppid,
          leaseUntil: clock.now() + LEASE_MS,
        },
      },
    });
    const cdnBefore = sim.counts.cdn;
    queue.cancel(jobid); // its turn comes
    await expect.poll(() => events, { timeout: 10_000 }).toEqual(['elsewhere']);
    expect(sim.counts.cdn).toBe(cdnBefore);
    expect(other.get(second.jobid)!.downloads![second.key]!.owner).toBe(process.ppid);
    queue.stop();
  });

  /** Another process's record of the video, saved there after it took the download over. */
  const savedThere = { state: 'saved' as const, bytes: 64 * 1024, file: '/v/clip.mp4', owner: process.ppid };

  it('a download taken over while it ran (this process stalled) and saved there: its end here writes nothing', async () => {
    const { sim, clock, store, other, queue, jobid, key, events } = await setup();
    sim.cdnFaults.push({ kind: 'slow', bytesPerSecond: 128 * 1024 });
    expect(queue.enqueue(jobid)).toBe(1);
    await expect.poll(() => store.get(jobid)!.downloads![key]!.state).toBe('downloading');
    const file = store.get(jobid)!.downloads![key]!.file!;
    other.update(jobid, { downloads: { [key]: savedThere } });
    // The body ends here (about half a second): the video is not put in place a second time.
    await expect.poll(() => events.length > 0 || sim.counts.cdn > 1, { timeout: 5000 }).toBe(true);
    await clock.advance(POLL_MS);
    await expect.poll(() => events).toEqual(['elsewhere', 'saved-elsewhere /v/clip.mp4']);
    expect(other.get(jobid)!.downloads![key]).toEqual(savedThere);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a download taken over and saved elsewhere while this one failed: the failure is not written over it', async () => {
    let takeOver = () => {};
    const { sim, clock, other, queue, jobid, key, events } = await setup(async () => (takeOver(), undefined));
    takeOver = () => other.update(jobid, { downloads: { [key]: savedThere } });
    sim.cdnFaults.push({ kind: 'status', status: 410 }); // dead link; the fresh-link ask meets the takeover
    queue.enqueue(jobid);
    await expect.poll(() => other.get(jobid)!.downloads![key]!.state, { timeout: 5000 }).toBe('saved');
    await clock.advance(POLL_MS);
    await expect.poll(() => events).toEqual(['elsewhere', 'saved-elsewhere /v/clip.mp4']);
    expect(other.get(jobid)!.downloads![key]).toEqual(savedThere);
  });

  it('its lease renewal notices a download saved by the process that took it over, and stops this one', async () => {
    const { sim, clock, other, queue, jobid, key, events } = await setup();
    sim.cdnFaults.push({ kind: 'stall', afterBytes: 1024 });
    queue.enqueue(jobid);
    await expect.poll(() => other.get(jobid)!.downloads![key]!.state).toBe('downloading');
    other.update(jobid, { downloads: { [key]: savedThere } });
    await clock.advance(RENEW_MS);
    await clock.advance(POLL_MS);
    await expect.poll(() => events).toEqual(['elsewhere', 'saved-elsewhere /v/clip.mp4']);
    expect(other.get(jobid)!.downloads![key]).toEqual(savedThere);
  });
});
