import fs from 'node:fs';
import path from 'node:path';
import { extensionOf, sniffThumbnail, THUMBNAIL_MIMES, type Thumbnail } from './thumbnail.js';

/** The cache's own files: anything else in its folder is never read nor deleted. */
const OWN_FILE = /^[0-9a-f]{32}\.(jpg|png)$/;
const OWN_TEMP = /^[0-9a-f]{32}\.(jpg|png)\.\d+\.tmp$/;

/**
 * The cached thumbnail of `key`, marked as just used; a damaged or oversized file is deleted (the
 * caller grabs a new one) rather than shown.
 */
export function readCached(dir: string, key: string, maxBytes: number): Thumbnail | undefined {
  for (const mime of THUMBNAIL_MIMES) {
    const file = path.join(dir, `${key}.${extensionOf(mime)}`);
    let bytes: Buffer;
    try {
      if (fs.statSync(file).size > maxBytes) throw new Error('too large');
      bytes = fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fs.rmSync(file, { force: true });
      continue;
    }
    if (bytes.byteLength === 0 || sniffThumbnail(bytes) !== mime) {
      fs.rmSync(file, { force: true });
      continue;
    }
    const now = new Date();
    fs.utimesSync(file, now, now); // the least recently used go first
    return { mime, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }
  return undefined;
}

/** Deletes the least recently used thumbnails until the folder holds at most `maxTotal` bytes. */
export function evictOldest(dir: string, maxTotal: number, keep: string): void {
  const files: { file: string; size: number; used: number }[] = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      const stat = fs.statSync(file);
      // A temp file older than a minute is left over from a crash.
      if (OWN_TEMP.test(name) && Date.now() - stat.mtimeMs > 60_000) fs.rmSync(file, { force: true });
      else if (OWN_FILE.test(name)) files.push({ file, size: stat.size, used: stat.mtimeMs });
    } catch {
      // Gone meanwhile: nothing to count.
    }
  }
  let total = files.reduce((sum, f) => sum + f.size, 0);
  files.sort((a, b) => a.used - b.used);
  for (const { file, size } of files) {
    if (total <= maxTotal) break;
    if (file === keep) continue;
    fs.rmSync(file, { force: true });
    total -= size;
  }
}
