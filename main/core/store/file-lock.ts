import fs from 'node:fs';
import { sleepSync } from '../files/durable-file.js';
import { withDefaults } from '../with-defaults.js';

export interface FileLockOptions {
  /** How long to wait for another process to let go before giving up with an error. */
  waitMs: number;
  /** A lock older than this is left over from a hung or killed process, whatever its pid says. */
  staleMs: number;
  pid: number;
}

const DEFAULTS: FileLockOptions = { waitMs: 3_000, staleMs: 15_000, pid: process.pid };
const RETRY_MS = 5;

export class LockTimeoutError extends Error {}

/**
 * Runs `critical` while holding `lockPath`, a file created exclusively that holds the owner's pid,
 * so that several processes on one folder take turns on a short read-modify-write. The lock of a
 * process that died (its pid is gone) or that is far too old is broken. The wait is synchronous:
 * the critical sections are a read and a write of one small file.
 */
export function withFileLock<T>(
  lockPath: string,
  critical: () => T,
  options: Partial<FileLockOptions> = {},
): T {
  const o = withDefaults(DEFAULTS, options);
  if (held.has(lockPath)) throw new Error(`${lockPath} is already held by this process`);
  acquire(lockPath, o);
  held.add(lockPath);
  try {
    return critical();
  } finally {
    held.delete(lockPath);
    fs.rmSync(lockPath, { force: true });
  }
}

/** Locks this process holds: one with our pid that is not among them was left by an earlier process. */
const held = new Set<string>();

function acquire(lockPath: string, o: FileLockOptions): void {
  const deadline = Date.now() + o.waitMs;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      let written = false;
      try {
        fs.writeSync(fd, `${o.pid}\n`);
        written = true;
      } finally {
        fs.closeSync(fd);
        if (!written) fs.rmSync(lockPath, { force: true }); // a full disk: leave no empty lock behind
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (isStale(lockPath, o)) {
      fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const holder = readHolder(lockPath);
      throw new LockTimeoutError(
        `another PixVerse Tray process${holder ? ` (pid ${holder})` : ''} has held ${lockPath} for over ${o.waitMs / 1000} s`,
      );
    }
    sleepSync(RETRY_MS);
  }
}

function isStale(lockPath: string, o: FileLockOptions): boolean {
  let age: number;
  try {
    age = Date.now() - fs.statSync(lockPath).mtimeMs;
  } catch {
    return false; // released meanwhile: the next attempt takes it
  }
  if (age > o.staleMs) return true;
  const holder = readHolder(lockPath);
  // An empty file is a holder between create and write: give it time (the age check covers a crash).
  if (holder === undefined) return false;
  return holder === o.pid ? !held.has(lockPath) : !isProcessAlive(holder);
}

function readHolder(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid runs on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}
