import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameGrabber, Thumbnail } from '../../../main/core/thumbnails/thumbnail.js';
import { ThumbnailCache } from '../../../main/core/thumbnails/thumbnail-cache.js';
import { tempDir } from '../../helpers/temp.js';

/** A JPEG's signature then `size` bytes of `fill`: what the cache checks of an image. */
const jpeg = (fill: number, size = 1000): Uint8Array =>
  Uint8Array.from([0xff, 0xd8, 0xff, ...new Array<number>(size).fill(fill)]);

/** A grabber that answers a JPEG filled with the video's first byte, counting its grabs. */
function countingGrabber(answer?: (file: string) => Promise<Thumbnail>) {
  const grabbed: string[] = [];
  const grabber: FrameGrabber = {
    grab: (file) => {
      grabbed.push(file);
      return (
        answer?.(file) ?? Promise.resolve({ mime: 'image/jpeg', bytes: jpeg(fs.readFileSync(file)[0]!) })
      );
    },
  };
  return { grabber, grabbed };
}

function videos(count: number) {
  const dir = tempDir('thumb-videos');
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `video-${i}.mp4`);
    fs.writeFileSync(file, Buffer.from([i + 1, 0, 0, 0]));
    return file;
  });
}

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('thumbnail cache', () => {
  it('grabs a video once, then answers from its folder, in this run and the next', async () => {
    const dir = path.join(tempDir('thumbs'), 'thumbnails');
    const [video] = videos(1);
    const { grabber, grabbed } = countingGrabber();
    const first = await new ThumbnailCache({ dir, grabber }).forVideo(video!);
    expect(first).toEqual({ mime: 'image/jpeg', bytes: jpeg(1) });
    expect(cacheFiles(dir)).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.jpg$/)]);
    expect(await new ThumbnailCache({ dir, grabber }).forVideo(video!)).toEqual(first);
    expect(grabbed).toEqual([video]);
  });

  it('grabs again when the video file changed (its size or time)', async () => {
    const dir = tempDir('thumbs');
    const [video] = videos(1);
    const { grabber, grabbed } = countingGrabber();
    const cache = new ThumbnailCache({ dir, grabber });
    await cache.forVideo(video!);
    fs.writeFileSync(video!, Buffer.from([9, 9, 9, 9, 9]));
    expect(await cache.forVideo(video!)).toEqual({ mime: 'image/jpeg', bytes: jpeg(9) });
    expect(grabbed).toHaveLength(2);
  });

  it('stays under its total size: the least recently used thumbnail goes first, other files stay', async () => {
    const dir = tempDir('thumbs');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    const [a, b, c] = videos(3);
    const { grabber } = countingGrabber();
    // Room for two thumbnails of 1003 bytes.
    const cache = new ThumbnailCache({ dir, grabber, maxTotalBytes: 2500 });
    await cache.forVideo(a!);
    const [aFile] = cacheFiles(dir).filter((n) => n.endsWith('.jpg'));
    fs.utimesSync(path.join(dir, aFile!), new Date(1000), new Date(1000));
    await cache.forVideo(b!);
    const bFile = cacheFiles(dir).find((n) => n.endsWith('.jpg') && n !== aFile)!;
    fs.utimesSync(path.join(dir, bFile), new Date(2000), new Date(2000));
    await cache.forVideo(a!); // a hit: a is now the most recently used
    await cache.forVideo(c!);
    const left = cacheFiles(dir);
    expect(left).toContain(aFile);
    expect(left).not.toContain(bFile);
    expect(left).toContain('notes.txt');
    expect(left.filter((n) => n.endsWith('.jpg'))).toHaveLength(2);
  });

  it('throws away a damaged cache file and grabs the frame again', async () => {
    const dir = tempDir('thumbs');
    const [video] = videos(1);
    const { grabber, grabbed } = countingGrabber();
    await new ThumbnailCache({ dir, grabber }).forVideo(video!);
    const [name] = cacheFiles(dir);
    fs.writeFileSync(path.join(dir, name!), 'garbage, not a JPEG');
    expect(await new ThumbnailCache({ dir, grabber }).forVideo(video!)).toEqual({
      mime: 'image/jpeg',
      bytes: jpeg(1),
    });
    expect(grabbed).toHaveLength(2);
    expect(fs.readFileSync(path.join(dir, name!))[0]).toBe(0xff);
  });

  it('has no thumbnail for a missing file or one that gives no frame, and does not grab it again', async () => {
    const dir = tempDir('thumbs');
    const [video] = videos(1);
    const logs: string[] = [];
    const { grabber, grabbed } = countingGrabber(() => Promise.reject(new Error('cannot decode')));
    const cache = new ThumbnailCache({ dir, grabber, log: (line) => logs.push(line) });
    expect(await cache.forVideo(path.join(dir, 'gone.mp4'))).toBeUndefined();
    expect(grabbed).toEqual([]);
    expect(await cache.forVideo(video!)).toBeUndefined();
    expect(await cache.forVideo(video!)).toBeUndefined();
    expect(grabbed).toEqual([video]);
    expect(logs).toEqual([`No thumbnail for ${video}: cannot decode`]);
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('refuses what is not the image it claims to be, or is too large', async () => {
    const [small, large] = videos(2);
    const answers: Record<string, Thumbnail> = {
      [small!]: { mime: 'image/png', bytes: jpeg(1) },
      [large!]: { mime: 'image/jpeg', bytes: jpeg(2, 5000) },
    };
    const { grabber } = countingGrabber((file) => Promise.resolve(answers[file]!));
    const cache = new ThumbnailCache({ dir: tempDir('thumbs'), grabber, maxFileBytes: 4000 });
    expect(await cache.forVideo(small!)).toBeUndefined();
    expect(await cache.forVideo(large!)).toBeUndefined();
  });

  it('grabs once for many requests of one video at the same time, and one video at a time', async () => {
    const [a, b] = videos(2);
    const release: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const { grabber, grabbed } = countingGrabber(async (file) => {
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return { mime: 'image/jpeg', bytes: jpeg(fs.readFileSync(file)[0]!) };
    });
    const cache = new ThumbnailCache({ dir: tempDir('thumbs'), grabber });
    const asked = [...Array.from({ length: 5 }, () => cache.forVideo(a!)), cache.forVideo(b!)];
    while (grabbed.length < 2 || release.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    const answers = await Promise.all(asked);
    expect(grabbed).toEqual([a, b]);
    expect(most).toBe(1);
    expect(answers.slice(0, 5).every((t) => t?.bytes[3] === 1)).toBe(true);
    expect(answers[5]?.bytes[3]).toBe(2);
  });
});
