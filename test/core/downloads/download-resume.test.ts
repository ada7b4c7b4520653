import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimJob } from '../../../main/core/simulator/sim-job.js';
import type { Simulator } from '../../../main/core/simulator/simulator.js';
import { jobsInOneStore } from '../../helpers/download-jobs.js';
import { sha256File } from '../../helpers/downloads.js';
import { useSimulator } from '../../helpers/sim.js';

const startSim = useSimulator();
const MiB = 1024 * 1024;

/** A job whose first `kept` bytes of version 1 sit in its .part, as an earlier run left them. */
async function interruptedEarlier(kept: number, etag: string | undefined) {
  const sim = await startSim();
  const s = await jobsInOneStore(sim, [{ filename: 'clip.mp4', videoSize: 2 * MiB }]);
  const job = s.jobs[0]!;
  const attachment = job.attachments[0]!;
  const file = path.join(s.folder, 'clip.mp4');
  fs.writeFileSync(`${file}.part`, Buffer.concat([...attachment.video.chunks(0, kept)]));
  s.store.update(job.jobid, {
    downloads: { [attachment.id]: { state: 'downloading', file, bytes: kept, etag } },
  });
  return { sim, s, job, attachment, file };
}

const requestsFor = (sim: Simulator, job: SimJob) =>
  sim.cdnRequests.filter((r) => r.path.includes(job.attachments[0]!.id));

describe('DownloadQueue resuming only bytes of the same file', () => {
  it('writes the validator to disk before the first byte of a fresh download is written', async () => {
    const sim = await startSim();
    const s = await jobsInOneStore(sim, [{ filename: 'clip.mp4', videoSize: 2 * MiB }]);
    const job = s.jobs[0]!;
    const { q, run } = s.queue({ progressEveryMs: 0 });
    let onDiskAtFirstBytes: string | undefined;
    let first = true;
    q.on('download-progress', () => {
      if (first) onDiskAtFirstBytes = s.recordOnDisk(job)?.etag;
      first = false;
    });
    await run(job.jobid);
    expect(onDiskAtFirstBytes).toBe(`"${job.attachments[0]!.id}-v1"`);
  });

  it('resumes with Range and If-Range carrying the stored validator', async () => {
    const { sim, s, job, attachment, file } = await interruptedEarlier(MiB, undefined);
    s.store.update(job.jobid, {
      downloads: { [attachment.id]: { ...s.record(job)!, etag: `"${attachment.id}-v1"` } },
    });
    const { run } = s.queue();
    await run(job.jobid);
    expect(requestsFor(sim, job)).toMatchObject([
      { range: `bytes=${MiB}-`, ifRange: `"${attachment.id}-v1"` },
    ]);
    expect(sha256File(file)).toBe(attachment.video.sha256());
  });

  it('does not resume bytes it has no validator for: it fetches the whole file', async () => {
    const { sim, s, job, attachment, file } = await interruptedEarlier(MiB, undefined);
    const changed = sim.replaceFile(attachment.id)!;
    const { run } = s.queue();
    await run(job.jobid);
    expect(requestsFor(sim, job).map((r) => r.range)).toEqual([undefined]);
    expect(sha256File(file)).toBe(changed.sha256());
  });

  it('starts again from zero when a 206 carries another ETag than the stored one', async () => {
    const { sim, s, job, attachment, file } = await interruptedEarlier(MiB, undefined);
    s.store.update(job.jobid, {
      downloads: { [attachment.id]: { ...s.record(job)!, etag: `"${attachment.id}-v1"` } },
    });
    const changed = sim.replaceFile(attachment.id)!;
    sim.cdnFaults.push({ kind: 'ignore-if-range' }); // a cache answering the Range of the new file
    const { run, saved } = s.queue();
    await run(job.jobid);
    expect(requestsFor(sim, job).map((r) => r.range)).toEqual([`bytes=${MiB}-`, undefined]);
    expect(saved.map((e) => e.file)).toEqual([file]);
    expect(sha256File(file)).toBe(changed.sha256());
  });
});
