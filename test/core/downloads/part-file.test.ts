import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyPart, openPartFile } from '../../../main/core/downloads/part-file.js';
import { tempDir } from '../../helpers/temp.js';

/** A finished video and its `.part` as one file under two names: a run killed between link and unlink. */
function linkedPair() {
  const folder = tempDir('part-file');
  const file = path.join(folder, 'clip.mp4');
  fs.writeFileSync(file, Buffer.alloc(4096, 7));
  fs.linkSync(file, `${file}.part`);
  return { file, part: `${file}.part` };
}

describe('a .part that is also the finished video (hard-linked)', () => {
  it('opened to start again from zero: the video keeps its bytes, the .part starts empty', async () => {
    const { file, part } = linkedPair();
    const handle = await openPartFile(part, 0);
    await handle.append([Buffer.from('new bytes')]);
    await handle.close();
    expect(fs.readFileSync(file)).toEqual(Buffer.alloc(4096, 7));
    expect(fs.readFileSync(part, 'utf8')).toBe('new bytes');
  });

  it('emptied after a wrong size: the video keeps its bytes', async () => {
    const { file, part } = linkedPair();
    await emptyPart(part);
    expect(fs.statSync(file).size).toBe(4096);
    expect(fs.statSync(part).size).toBe(0);
  });

  it('resumed from its end: the bytes go to the .part alone, never into the finished video', async () => {
    const { file, part } = linkedPair();
    const handle = await openPartFile(part, 4096);
    await handle.append([Buffer.from('more')]);
    await handle.close();
    expect(fs.statSync(file).size).toBe(4096);
    expect(fs.statSync(part).size).toBe(4100);
  });
});
