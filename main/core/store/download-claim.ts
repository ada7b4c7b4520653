import type { DownloadRecord } from './job-store-schema.js';

/** Whether a process with this pid runs on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/**
 * The pending record this process takes a download over with, or undefined when it must leave it:
 * saved already, or queued by another process that still runs.
 */
export function claimedRecord(record: DownloadRecord | undefined, pid: number): DownloadRecord | undefined {
  if (record?.state === 'saved') return undefined;
  const owner = record?.owner;
  const elsewhere = owner !== undefined && owner !== pid && record?.state !== 'failed';
  if (elsewhere && isProcessAlive(owner)) return undefined;
  return { ...record, state: 'pending', bytes: record?.bytes ?? 0, error: undefined, owner: pid };
}
