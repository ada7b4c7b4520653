import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { tempDir } from './temp.js';

const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync('umount', ['-l', dir]);
});

/**
 * A real, small filesystem (tmpfs of `sizeKiB`) in a temp folder, unmounted after the test; undefined
 * (with the reason printed) when this machine does not allow mounting: not root, or no tmpfs.
 */
export function smallDisk(sizeKiB: number): string | undefined {
  if (process.getuid?.() !== 0) return skipped('not running as root');
  const dir = tempDir('disk');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    return skipped(`mount failed: ${(error as Error).message.split('\n')[0]}`);
  }
  mounted.push(dir);
  return dir;
}

/** Remounts a small disk read-only (EROFS) or writable again. */
export function setReadOnly(dir: string, readOnly: boolean): void {
  execFileSync('mount', ['-o', `remount,${readOnly ? 'ro' : 'rw'}`, dir]);
}

/** Fills the disk to the last byte with a file it returns, so any further write fails (ENOSPC). */
export function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

function skipped(reason: string): undefined {
  console.log(`small-disk test skipped: ${reason}`);
  return undefined;
}
