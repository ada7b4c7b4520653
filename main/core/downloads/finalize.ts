// Putting a finished .part in place without ever replacing a file.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { nameTaken, uniquePath } from './filename.js';

/** Moves the `.part` into place; if the name was taken meanwhile, the next free one is used. */
export async function linkWithoutOverwrite(part: string, file: string): Promise<string> {
  let target = file;
  for (let tries = 0; tries < 50; tries++) {
    try {
      await fsp.link(part, target); // fails with EEXIST instead of replacing a file
      await fsp.unlink(part);
      await syncFolder(path.dirname(target));
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        // Linked already by a run that stopped before removing the .part: the same file, not another.
        if (await isSameFile(part, target)) {
          await fsp.unlink(part);
          return target;
        }
        target = uniquePath(path.dirname(file), path.basename(file));
        continue;
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      // File systems without hard links (FAT): check, then rename.
      if (nameTaken(target)) target = uniquePath(path.dirname(file), path.basename(file));
      await fsp.rename(part, target);
      return target;
    }
  }
  throw new Error(`Could not move ${part} into place.`);
}

/** Whether two names are one file; a link (even one whose target is gone) is never the `.part`. */
async function isSameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([fsp.lstat(a), fsp.lstat(b)]);
  return x.dev === y.dev && x.ino === y.ino;
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fsp.open(folder, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // Folders cannot be opened for syncing on every platform (Windows); the file itself is synced.
  }
}
