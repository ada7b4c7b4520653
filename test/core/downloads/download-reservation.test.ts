import fs from 'node:fs';
import path from 'node:path';
import { Database } from '../../../main/core/store/sqlite-driver.js';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../../main/core/store/database.js';
import { openPartFile, type OpenPart } from '../../../main/core/downloads/part-file.js';
import { leanTransport, type DownloadTransport } from '../../../main/core/downloads/transport.js';
import type { SimJob } from '../../../main/core/simulator/sim-job.js';
import { jobsInOneStore } from '../../helpers/download-jobs.js';
import { sha256File } from '../../helpers/downloads.js';
import { useSimulator } from '../../helpers/sim.js';

const startSim = useSimulator();
const MiB = 1024 * 1024;

const expectedFiles = (jobs: SimJob[]) =>
  jobs.flatMap((job) => job.attachments.map((a) => ({ jobid: job.jobid, key: a.id, sha: a.video.sha256() })));

describe('DownloadQueue and downloads with the same server file name', () => {
  it('gives two jobs whose videos are both output.mp4 a file each, both whole', async () => {
    const sim = await startSim();
    const s = await jobsInOneStore(sim, [
      { filename: 'output.mp4', videoSize: 3 * MiB },
      { filename: 'output.mp4', videoSize: 3 * MiB },
    ]);
    const { q, saved } = s.queue();
    for (const job of s.jobs) q.enqueue(job.jobid);
    await q.idle();
    expect(saved).toHaveLength(2);
    expect(new Set(saved.map((e) => e.file)).size).toBe(2);
    expect(fs.readdirSync(s.folder).sort()).toEqual(['output (2).mp4', 'output.mp4']);
    for (const want of expectedFiles(s.jobs)) {
      const file = saved.find((e) => e.jobid === want.jobid && e.key === want.key)!.file;
      expect(sha256File(file)).toBe(want.sha);
    }
  });

  it('gives one job with two clip.mp4 a file each, both whole', async () => {
    const sim = await startSim();
    const s = await jobsInOneStore(sim, [{ filename: 'clip.mp4', videoSize: 2 * MiB, attachmentCount: 2 }]);
    const { q, saved } = s.queue();
    q.enqueue(s.jobs[0]!.jobid);
    await q.idle();
    expect(fs.readdirSync(s.folder).sort()).toEqual(['clip (2).mp4', 'clip.mp4']);
    for (const want of expectedFiles(s.jobs)) {
      const file = saved.find((e) => e.key === want.key)!.file;
      expect(sha256File(file)).toBe(want.sha);
    }
  });

  it('reserves the name before asking for a byte, and gives it up when the download fails with none', async () => {
    const sim = await startSim();
    const s = await jobsInOneStore(sim, [{ filename: 'clip.mp4', videoSize: MiB }]);
    sim.cdnFaults.push({ kind: 'status', status: 503 });
    const part = path.join(s.folder, 'clip.mp4.part');
    const reservedAtRequest: boolean[] = [];
    const lean = leanTransport();
    const checking: DownloadTransport = (url, headers, signal) => {
      reservedAtRequest.push(fs.existsSync(part));
      return lean(url, headers, signal);
    };
    const { run, failed } = s.queue({ maxAttempts: 1, transport: checking });
    await run(s.jobs[0]!.jobid);
    expect(reservedAtRequest).toEqual([true]);
    expect(failed).toEqual([expect.stringMatching(/503/)]);
    expect(fs.readdirSync(s.folder)).toEqual([]);
    expect(s.record(s.jobs[0]!)).toMatchObject({ state: 'failed', file: undefined });
  });

  it('finds its own .part again on the next run; a newcomer with the same name gets another one', async () => {
    const sim = await startSim();
    const s = await jobsInOneStore(sim, [
      { filename: 'clip.mp4', videoSize: 3 * MiB },
      { filename: 'clip.mp4', videoSize: 3 * MiB },
    ]);
    const [first, second] = s.jobs as [SimJob, SimJob];
    sim.cdnFaults.push({ kind: 'truncate', afterBytes: MiB });
    const run1 = s.queue({ maxAttempts: 1 });
    run1.q.enqueue(first.jobid);
    await run1.q.idle();
    const kept = fs.statSync(path.join(s.folder, 'clip.mp4.part')).size;
    expect(kept).toBeGreaterThan(0);

    // The next run: the newcomer is queued first, the interrupted download second.
    const run2 = s.queue();
    run2.q.enqueue(second.jobid);
    run2.q.enqueue(first.jobid);
    await run2.q.idle();
    const fileOf = (job: SimJob) => run2.saved.find((e) => e.jobid === job.jobid)!.file;
    expect(fileOf(first)).toBe(path.join(s.folder, 'clip.mp4'));
    expect(fileOf(second)).toBe(path.join(s.folder, 'clip (2).mp4'));
    expect(sha256File(fileOf(first))).toBe(first.attachments[0]!.video.sha256());
    expect(sha256File(fileOf(second))).toBe(second.attachments[0]!.video.sha256());
    const resumed = sim.cdnRequests.find((r) => r.path.includes(first.attachments[0]!.id) && r.range);
    expect(resumed?.range).toBe(`bytes=${kept}-`);
  });

  it('opens only a .part it reserved, also when the download starts again from zero', async () => {
    const sim = await startSim();
    const s = await jobsInOneStore(sim, [{ filename: 'clip.mp4', videoSize: 2 * MiB }]);
    // Cut short, then a resume the server answers whole: the .part is emptied, never given up.
    sim.cdnFaults.push({ kind: 'truncate', afterBytes: MiB / 2 }, { kind: 'ignore-range' });
    const reservedBeforeOpen: boolean[] = [];
    const checking: OpenPart = async (file, start) => {
      reservedBeforeOpen.push(fs.existsSync(file));
      return openPartFile(file, start);
    };
    const { q, saved } = s.queue({ openPart: checking });
    q.enqueue(s.jobs[0]!.jobid);
    await q.idle();
    expect(reservedBeforeOpen).toEqual([true, true]);
    expect(saved.map((e) => path.basename(e.file))).toEqual(['clip.mp4']);
    expect(sha256File(saved[0]!.file)).toBe(s.jobs[0]!.attachments[0]!.video.sha256());
  });

  it('starts no .part whose name the jobs database could not record, and saves it once it can', async () => {
    const sim = await startSim();
    const errors: string[] = [];
    const s = await jobsInOneStore(sim, [{ filename: 'clip.mp4', videoSize: MiB }], {
      onStoreError: (error) => errors.push(error.message),
      busyTimeoutMs: 50,
    });
    // Another connection holds the database: every write fails (busy), as on a full disk.
    const other = new Database(databasePath(s.dir));
    other.exec('BEGIN IMMEDIATE');
    const first = s.queue();
    await first.run(s.jobs[0]!.jobid);
    expect(first.saved).toEqual([]);
    expect(first.failed).toEqual([
      expect.stringMatching(/jobs database .* could not be saved, so the download did not start/),
    ]);
    expect(errors.length).toBeGreaterThan(0);
    expect(fs.readdirSync(s.folder)).toEqual([]); // no .part a next run would not know
    other.exec('ROLLBACK');
    other.close();
    const second = s.queue();
    await second.run(s.jobs[0]!.jobid);
    expect(second.saved.map((e) => path.basename(e.file))).toEqual(['clip.mp4']);
    expect(fs.readdirSync(s.folder)).toEqual(['clip.mp4']);
  });

  it('never records as saved a .part that is no longer the file it wrote (the folder replaced meanwhile)', async () => {
    const sim = await startSim();
    const s = await jobsInOneStore(sim, [{ filename: 'clip.mp4', videoSize: MiB }]);
    const part = path.join(s.folder, 'clip.mp4.part');
    // As the download ends, the folder is moved away and another one takes its name, holding another
    // download's empty clip.mp4.part.
    const swapping: OpenPart = async (file, start) => {
      const opened = await openPartFile(file, start);
      return {
        ...opened,
        sync: async () => {
          await opened.sync();
          fs.renameSync(s.folder, `${s.folder}.old`);
          fs.mkdirSync(s.folder);
          fs.writeFileSync(part, '');
        },
      };
    };
    const { q, saved, failed } = s.queue({ openPart: swapping, maxAttempts: 1 });
    q.enqueue(s.jobs[0]!.jobid);
    await q.idle();
    expect(saved).toEqual([]);
    expect(failed).toEqual([expect.stringMatching(/folder .*changed/)]);
    expect(fs.readdirSync(s.folder)).toEqual(['clip.mp4.part']); // the other download's, untouched
    expect(fs.statSync(part).size).toBe(0);
    expect(Object.values(s.store.get(s.jobs[0]!.jobid)!.downloads!)[0]).toMatchObject({ state: 'failed' });
  });

  // A kill between linking the finished .part into place and removing it: one file under both names.
  // With no validator kept (a weak or missing ETag) a resume would start the .part from zero.
  it.each([
    ['its validator kept', true],
    ['no validator and no total kept', false],
  ])(
    'after a crash between the link and the removal of the .part (%s), keeps the one file whole',
    async (_what, kept) => {
      const sim = await startSim();
      const s = await jobsInOneStore(sim, [{ filename: 'clip.mp4', videoSize: MiB }]);
      const job = s.jobs[0]!;
      const attachment = job.attachments[0]!;
      const file = path.join(s.folder, 'clip.mp4');
      fs.writeFileSync(`${file}.part`, Buffer.concat([...attachment.video.chunks(0, MiB)]));
      fs.linkSync(`${file}.part`, file);
      const validator = kept ? { total: MiB, etag: `"${attachment.id}-v1"` } : {};
      s.store.update(job.jobid, {
        downloads: { [attachment.id]: { state: 'downloading', file, bytes: MiB, ...validator } },
      });
      const fetched = sim.counts.cdn;
      const { run, saved } = s.queue();
      await run(job.jobid);
      expect(saved.map((e) => e.file)).toEqual([file]);
      expect(fs.readdirSync(s.folder)).toEqual(['clip.mp4']);
      expect(sha256File(file)).toBe(attachment.video.sha256());
      expect(sim.counts.cdn).toBe(fetched);
    },
  );
});
