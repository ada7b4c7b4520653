import fs from 'node:fs';
import path from 'node:path';
import { assertCanCreateFiles } from './make-folder.js';

// The longest path and the longest folder name the system accepts, in bytes (Windows: characters).
const LIMITS =
  process.platform === 'win32'
    ? { path: 32_767, name: 255 }
    : process.platform === 'darwin'
      ? { path: 1023, name: 255 }
      : { path: 4095, name: 255 };

const length = (text: string) => (process.platform === 'win32' ? text.length : Buffer.byteLength(text));
const refusal = (code: string, message: string) => Object.assign(new Error(message), { code });

/**
 * Throws (with an errno-style `code`) unless `dir` is a folder where files can be created, or could
 * be made one, without creating anything: its length and its names' lengths are within the system's
 * limits, and the nearest folder that exists takes a new file (a probe, created and removed).
 */
export function assertFolderCanBeMade(dir: string): void {
  const full = path.resolve(dir);
  if (length(full) > LIMITS.path) throw refusal('ENAMETOOLONG', `${dir} is a path too long`);
  if (full.split(path.sep).some((name) => length(name) > LIMITS.name))
    throw refusal('ENAMETOOLONG', `${dir} has a folder name too long`);
  assertCanCreateFiles(nearestExistingFolder(full));
}

function nearestExistingFolder(full: string): string {
  let current = full;
  for (;;) {
    try {
      if (fs.statSync(current).isDirectory()) return current;
      throw refusal('ENOTDIR', `${current} is not a folder`);
    } catch (error) {
      const parent = path.dirname(current);
      // Anything but "not there" (ENOTDIR: a file on the way, EACCES…) is the answer.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      current = parent;
    }
  }
}
