import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeFolderSync } from '../files/make-folder.js';
import { withDefaults } from '../with-defaults.js';
import {
  extensionOf,
  MAX_THUMBNAIL_BYTES,
  sniffThumbnail,
  type FrameGrabber,
  type Thumbnail,
} from './thumbnail.js';
import { evictOldest, readCached } from './thumbnail-files.js';

export interface ThumbnailCacheOptions {
  /** The cache folder (created when first needed); only the cache's own files in it are touched. */
  dir: string;
  grabber: FrameGrabber;
  maxFileBytes: number;
  /** Above this, the least recently used thumbnails are deleted. */
  maxTotalBytes: number;
  /** Videos that gave no frame are remembered (for this run) up to this many, not grabbed again. */
  maxFailures: number;
  log: (message: string) => void;
}

const DEFAULTS = {
  maxFileBytes: MAX_THUMBNAIL_BYTES,
  maxTotalBytes: 32 * 1024 * 1024,
  maxFailures: 2000,
  log: () => {},
};

/**
 * First frames of saved videos, kept as small image files named by a hash of the video's path,
 * size and modification time (a replaced video gets a new one). A missing thumbnail is asked of the
 * grabber, one video at a time, and only once however many ask for it meanwhile; a video that gives
 * none is not asked again while it is unchanged. Every failure ends as "no thumbnail", never a throw.
 */
export class ThumbnailCache {
  readonly #o: ThumbnailCacheOptions;
  readonly #pending = new Map<string, Promise<Thumbnail | undefined>>();
  readonly #failed = new Set<string>();
  /** Grabs run one after another: each may be a hidden window decoding a video. */
  #grabs: Promise<unknown> = Promise.resolve();

  constructor(options: Pick<ThumbnailCacheOptions, 'dir' | 'grabber'> & Partial<ThumbnailCacheOptions>) {
    this.#o = withDefaults(DEFAULTS, options);
  }

  /** The thumbnail of a saved video, or undefined when the file is gone or gives no frame. */
  async forVideo(videoFile: string): Promise<Thumbnail | undefined> {
    const key = keyOf(videoFile);
    if (!key || this.#failed.has(key)) return undefined;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.#load(videoFile, key).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  async #load(videoFile: string, key: string): Promise<Thumbnail | undefined> {
    const cached = readCached(this.#o.dir, key, this.#o.maxFileBytes);
    if (cached) return cached;
    const grabbed = this.#grabs.then(() => this.#o.grabber.grab(videoFile));
    this.#grabs = grabbed.catch(() => {});
    try {
      const thumbnail = checked(await grabbed, this.#o.maxFileBytes);
      this.#store(key, thumbnail);
      return thumbnail;
    } catch (error) {
      this.#remember(key);
      this.#o.log(`No thumbnail for ${videoFile}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Written whole (a temp file renamed), then the oldest go while the folder is over its budget. */
  #store(key: string, thumbnail: Thumbnail): void {
    try {
      makeFolderSync(this.#o.dir);
      const file = path.join(this.#o.dir, `${key}.${extensionOf(thumbnail.mime)}`);
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, thumbnail.bytes);
      fs.renameSync(temp, file);
      evictOldest(this.#o.dir, this.#o.maxTotalBytes, file);
    } catch (error) {
      // The window still gets the thumbnail; it is only not kept for next time.
      this.#o.log(`A thumbnail could not be kept in ${this.#o.dir}: ${(error as Error).message}`);
    }
  }

  #remember(key: string): void {
    if (this.#failed.size >= this.#o.maxFailures) this.#failed.delete(this.#failed.values().next().value!);
    this.#failed.add(key);
  }
}

/** Identifies one version of a video file; undefined when it cannot be read as a file. */
function keyOf(videoFile: string): string | undefined {
  try {
    const stat = fs.statSync(videoFile);
    if (!stat.isFile()) return undefined;
    const identity = `${path.resolve(videoFile)}\n${stat.size}\n${stat.mtimeMs}`;
    return createHash('sha256').update(identity).digest('hex').slice(0, 32);
  } catch {
    return undefined;
  }
}

/** What a grabber answered, as an image of the size and type it claims, else an error. */
function checked(thumbnail: Thumbnail, maxBytes: number): Thumbnail {
  const { bytes, mime } = thumbnail;
  if (bytes.byteLength === 0 || bytes.byteLength > maxBytes)
    throw new Error(`the frame is ${bytes.byteLength} bytes (at most ${maxBytes})`);
  if (sniffThumbnail(bytes) !== mime) throw new Error(`the frame is not the ${mime} it claims to be`);
  return { mime, bytes };
}
