import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { until } from '../../helpers/app-harness.js';
import { downloadSetup } from '../../helpers/downloads.js';
import { useSimulator } from '../../helpers/sim.js';

const startSim = useSimulator();
const MiB = 1024 * 1024;

describe('a job removed while its video downloads', () => {
  it('stops the download quietly, keeps the .part for Undo, and saves nothing', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: 4 * MiB }, { progressEveryMs: 0 });
    sim.cdnFaults.push({ kind: 'throttle', delayMs: 20 });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      d.queue.on('download-progress', () => {
        if (!d.store.get(d.simJob.jobid)) return;
        d.store.remove(d.simJob.jobid);
        d.queue.cancel(d.simJob.jobid);
      });
      expect(d.queue.enqueue(d.simJob.jobid)).toBe(1);
      await d.queue.idle();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(d.events.saved).toEqual([]);
    expect(d.events.failed).toEqual([]);
    const left = fs.readdirSync(d.folder);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/\.part$/);
  });

  it('drops a download removed before it started', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: MiB });
    expect(d.queue.enqueue(d.simJob.jobid)).toBe(1);
    d.store.remove(d.simJob.jobid);
    d.queue.cancel(d.simJob.jobid);
    await d.queue.idle();
    expect(d.events.saved).toEqual([]);
    expect(d.events.failed).toEqual([]);
    expect(fs.readdirSync(d.folder).filter((name) => !name.endsWith('.part'))).toEqual([]);
  });
});

describe('a retry asked for as a download fails', () => {
  it('is honoured once the failed run has finished, not dropped as already queued', async () => {
    const sim = await startSim();
    const d = await downloadSetup(sim, { videoSize: MiB }, { maxAttempts: 1 });
    sim.cdnFaults.push({ kind: 'status', status: 503 });
    let retried = -1;
    // The window's Retry button, pressed the moment the failure shows (the run is still closing).
    d.queue.on('download-failed', () => {
      if (retried === -1) retried = d.queue.enqueue(d.simJob.jobid);
    });
    d.queue.enqueue(d.simJob.jobid);
    await d.queue.idle();
    await until(() => d.events.saved.length === 1);
    expect(d.events.failed).toHaveLength(1);
    expect(d.record()).toMatchObject({ state: 'saved' });
  });
});
