import fs from 'node:fs';
import path from 'node:path';
import { withDefaults } from '../with-defaults.js';

export interface DurableWriteOptions {
  mode: number;
  /** `fs.writeSync`'s shape; tests inject a writer that stops short, as a full disk does. */
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
}

const DEFAULTS: DurableWriteOptions = {
  mode: 0o600,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
};

/** The previous good version of a file, kept beside it by `writeFileDurably`. */
export const backupPath = (file: string): string => `${file}.bak`;

/**
 * Replaces `file` with `text` so that a crash, a full disk or a read-only folder leaves either the
 * old file or the complete new one — never a truncated one. The text goes to a temp file in the
 * same folder, every byte count is checked, the data is synced and read back before the rename,
 * and the old file is kept as `<file>.bak`. Throws (leaving the old file untouched) on any failure.
 */
export function writeFileDurably(
  file: string,
  text: string,
  options: Partial<DurableWriteOptions> = {},
): void {
  const o = withDefaults(DEFAULTS, options);
  const data = Buffer.from(text, 'utf8');
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeAll(temp, data, o);
    const back = fs.readFileSync(temp);
    if (!back.equals(data))
      throw new Error(`${temp} reads back ${back.length} bytes that differ from the ${data.length} written`);
    keepBackup(file);
    renameOver(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(path.dirname(file));
}

function writeAll(temp: string, data: Buffer, o: DurableWriteOptions): void {
  const fd = fs.openSync(temp, 'w', o.mode);
  try {
    let offset = 0;
    while (offset < data.length) {
      const written = o.writeSync(fd, data, offset, data.length - offset);
      // A write that makes no progress would loop forever; the disk is full in all but name.
      if (!(written > 0))
        throw Object.assign(new Error(`ENOSPC: short write (${offset} of ${data.length} bytes)`), {
          code: 'ENOSPC',
        });
      offset += written;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Windows refuses to replace a file another program (an antivirus, a backup tool) has open for a
 * moment: a few short retries, as write-file-atomic does, before giving up.
 */
function renameOver(from: string, to: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      return fs.renameSync(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const busy = code === 'EPERM' || code === 'EACCES' || code === 'EBUSY';
      if (process.platform !== 'win32' || !busy || attempt >= 10) throw error;
      sleepSync(50 * attempt);
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread: for the short waits of a synchronous file operation only. */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** The current file becomes the backup: a hard link costs no space; copying is the fallback. */
function keepBackup(file: string): void {
  const backup = backupPath(file);
  if (!fs.existsSync(file)) return;
  fs.rmSync(backup, { force: true });
  try {
    fs.linkSync(file, backup);
  } catch {
    fs.copyFileSync(file, backup);
  }
}

/** Moves a damaged file aside, stamped, so the user can still recover it; returns where it went. */
export function moveAside(file: string, now: () => number = Date.now): string {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const { dir, name, ext } = path.parse(file);
  const movedTo = path.join(dir, `${name}.corrupt-${stamp}${ext}`);
  fs.renameSync(file, movedTo);
  return movedTo;
}

/** Renames a file that may not exist (a journal, a backup): a missing one is no error. */
export function renameIfPresent(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Makes the rename itself durable; folders cannot be opened this way on Windows, nor need it. */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a folder; the file itself is already synced.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
