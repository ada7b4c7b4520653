// The download queue and the disk: full, not writable, the folder deleted mid-download (split from
// downloads.test.ts). Each case through both transports.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadQueue } from '../../../main/core/downloads/download-queue.js';
import { openPartFile, type OpenPart } from '../../../main/core/downloads/part-file.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { TRANSPORTS, downloadSetup as setupWith, sha256File } from '../../helpers/downloads.js';
import { useSimulator } from '../../helpers/sim.js';

const startSim = useSimulator();
const MiB = 1024 * 1024;

describe.each(TRANSPORTS)('DownloadQueue and disk problems (%s transport)', (_name, transport) => {
  const downloadSetup: typeof setupWith = (sim, spec, options) =>
    setupWith(sim, spec, { transport, ...options });
  const failingAfter =
    (bytes: number, code: string): OpenPart =>
    async (file, start) => {
      const part = await openPartFile(file, start);
      let written = 0;
      return {
        ...part,
        append: async (buffers) => {
          written += buffers.reduce((n, b) => n + b.length, 0);
          if (written > bytes) throw Object.assign(new Error(`${code}: simulated`), { code });
          await part.append(buffers);
        },
      };
    };

  it('says the disk is full, keeps the .part, and resumes on retry', async () => {
    const sim = await startSim();
    const d = await downloadSetup(
      sim,
      { videoSize: 4 * MiB, filename: 'v.mp4' },
      { openPart: failingAfter(2 * MiB, 'ENOSPC') },
    );
    await d.run();
    expect(d.events.failed[0]).toMatch(/is full\. Free some space, then retry/);
    expect(d.record()).toMatchObject({ state: 'failed' });
    const partBytes = fs.statSync(path.join(d.folder, 'v.mp4.part')).size;
    expect(partBytes).toBeGreaterThan(0);

    // A second queue on the same store: what the app's "Retry download" and a restart do.
    const again = new DownloadQueue({
      store: d.store,
      folder: () => d.folder,
      refresh: async () => undefined,
      clock: new FakeClock(),
      transport,
    });
    const saved: string[] = [];
    again.on('download-saved', (e) => saved.push(e.file));
    again.enqueue(d.simJob.jobid);
    await again.idle();
    expect(saved).toEqual([path.join(d.folder, 'v.mp4')]);
    expect(sim.cdnRequests.at(-1)!.range).toBe(`bytes=${partBytes}-`);
    expect(sha256File(saved[0]!)).toBe(d.simJob.attachments[0]!.video.sha256());
  });

  it('says when it may not write to the folder', async () => {
    const sim = await startSim();
    const denied: OpenPart = async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    const d = await downloadSetup(sim, {}, { openPart: denied });
    await d.run();
    expect(d.events.failed[0]).toMatch(/may not write to .* Choose another download folder/);
  });

  it('says when the folder was deleted during the download', async () => {
    const sim = await startSim();
    let folder = '';
    const deleting: OpenPart = async (file, start) => {
      const part = await openPartFile(file, start);
      folder = path.dirname(file);
      fs.rmSync(folder, { recursive: true });
      return part;
    };
    const d = await downloadSetup(sim, {}, { openPart: deleting });
    await d.run();
    expect(d.events.failed[0]).toMatch(/no longer exists\. Create it or choose another one/);
    expect(folder).toBe(d.folder);
  });
});
