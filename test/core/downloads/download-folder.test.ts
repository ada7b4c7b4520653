import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPartFile, type OpenPart } from '../../../main/core/downloads/part-file.js';
import { downloadSetup, sha256File, tempFolder } from '../../helpers/downloads.js';
import { useSimulator } from '../../helpers/sim.js';

const startSim = useSimulator();
const MiB = 1024 * 1024;

describe('DownloadQueue when the download folder changes', () => {
  it('finishes in the folder chosen since the download started, carrying its .part over', async () => {
    const sim = await startSim();
    const [first, second] = [tempFolder(), tempFolder()];
    let folder = first;
    const d = await downloadSetup(
      sim,
      { videoSize: 3 * MiB, filename: 'clip.mp4' },
      { folder: () => folder, maxAttempts: 1 },
    );
    sim.cdnFaults.push({ kind: 'truncate', afterBytes: 2 * MiB });
    await d.run();
    expect(d.record()).toMatchObject({ state: 'failed' });
    const kept = fs.statSync(path.join(first, 'clip.mp4.part')).size;
    expect(kept).toBeGreaterThan(0);

    folder = second;
    await d.run();
    expect(d.events.saved.map((e) => e.file)).toEqual([path.join(second, 'clip.mp4')]);
    expect(sim.cdnRequests.at(-1)!.range).toBe(`bytes=${kept}-`);
    expect(sha256File(path.join(second, 'clip.mp4'))).toBe(d.simJob.attachments[0]!.video.sha256());
    expect(fs.readdirSync(first)).toEqual([]);
  });

  it('saves into another folder picked after the first one refused writes', async () => {
    const sim = await startSim();
    const [readOnly, other] = [tempFolder(), tempFolder()];
    let folder = readOnly;
    const refusing: OpenPart = async (file, start) => {
      if (path.dirname(file) === readOnly) {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }
      return openPartFile(file, start);
    };
    const d = await downloadSetup(sim, { filename: 'v.mp4' }, { folder: () => folder, openPart: refusing });
    await d.run();
    expect(d.events.failed[0]).toMatch(/may not write to .* Choose another download folder/);

    folder = other;
    await d.run();
    expect(d.events.saved.map((e) => e.file)).toEqual([path.join(other, 'v.mp4')]);
  });

  it('says clearly when the folder cannot be created', async () => {
    const sim = await startSim();
    const blocker = path.join(tempFolder(), 'a-file');
    fs.writeFileSync(blocker, '');
    const d = await downloadSetup(sim, {}, { folder: () => path.join(blocker, 'videos') });
    await d.run();
    expect(d.events.failed).toEqual([
      expect.stringMatching(/^The download folder .* Create it or choose another one/),
    ]);
    expect(sim.cdnRequests).toEqual([]);
  });
});
