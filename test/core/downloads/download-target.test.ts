import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadTarget } from '../../../main/core/downloads/download-target.js';
import { linkWithoutOverwrite } from '../../../main/core/downloads/finalize.js';
import { tempDir } from '../../helpers/temp.js';

describe('downloadTarget: the name a download records before it reserves it', () => {
  it("never records a name whose .part another download holds (a kill then would leave it that one's)", async () => {
    const folder = tempDir('target');
    fs.writeFileSync(path.join(folder, 'clip.mp4.part'), 'bytes of another job');
    const recorded: string[] = [];
    const target = await downloadTarget(folder, undefined, 'clip.mp4', new Set(), (file) =>
      recorded.push(file),
    );
    expect(target).toEqual({ file: path.join(folder, 'clip (2).mp4'), fresh: true });
    expect(recorded).toEqual([path.join(folder, 'clip (2).mp4')]);
  });

  it('passes over a name taken by a file, and by a dangling link, without recording either', async () => {
    const folder = tempDir('target');
    fs.writeFileSync(path.join(folder, 'clip.mp4'), 'the user’s own file');
    fs.symlinkSync(path.join(folder, 'gone.mp4'), path.join(folder, 'clip (2).mp4'));
    const recorded: string[] = [];
    const target = await downloadTarget(folder, undefined, 'clip.mp4', new Set(), (file) =>
      recorded.push(file),
    );
    expect(target.file).toBe(path.join(folder, 'clip (3).mp4'));
    expect(recorded).toEqual([path.join(folder, 'clip (3).mp4')]);
  });
});

describe('linkWithoutOverwrite: putting the finished .part in place', () => {
  it('passes over a dangling link with the name instead of failing on it', async () => {
    const folder = tempDir('finalize');
    const file = path.join(folder, 'clip.mp4');
    fs.writeFileSync(`${file}.part`, 'the video');
    fs.symlinkSync(path.join(folder, 'moved-away.mp4'), file);
    const placed = await linkWithoutOverwrite(`${file}.part`, file);
    expect(placed).toBe(path.join(folder, 'clip (2).mp4'));
    expect(fs.readFileSync(placed, 'utf8')).toBe('the video');
    expect(fs.readlinkSync(file)).toBe(path.join(folder, 'moved-away.mp4'));
  });
});
