import type { DownloadRecord } from './job-store-schema.js';

/** How long a claim holds without renewal, and how often a running download renews it. */
export const DOWNLOAD_LEASE_MS = 30_000;
export const LEASE_RENEW_MS = 10_000;

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
 * Whether another process owns the record: it claimed the download (this one's lease lapsed while it
 * stalled), whatever became of it there. A record without an owner (written before claims) is nobody's.
 */
export const ownedElsewhere = (record: DownloadRecord | undefined, pid: number): boolean =>
  record?.owner !== undefined && record.owner !== pid;

/**
 * Whether another process holds this download now: queued or running there, its lease current and
 * its pid alive. A pid may be reused (after a reboot, or by chance), so it only ever releases a claim
 * early; the lease decides. A record without a lease is written by a build before leases still
 * running (older ones were lapsed when the database or jobs.json was taken over): its pid rules.
 */
export function heldElsewhere(record: DownloadRecord | undefined, pid: number, now: number): boolean {
  const owner = record?.owner;
  if (owner === undefined || owner === pid) return false;
  if (record?.state === 'saved' || record?.state === 'failed') return false;
  const leaseCurrent = record?.leaseUntil === undefined || record.leaseUntil > now;
  return leaseCurrent && isProcessAlive(owner);
}

/** A claim from before leases (a pid alone), as lapsed: no process renews it. */
export function lapsedIfUnleased(record: DownloadRecord): DownloadRecord {
  const claimed =
    record.owner !== undefined && (record.state === 'pending' || record.state === 'downloading');
  return claimed && record.leaseUntil === undefined ? { ...record, leaseUntil: 0 } : record;
}

/**
 * The pending record this process takes a download over with, leased until `now + leaseMs`, or
 * undefined when it must leave it: saved already, or held by another process.
 */
export function claimedRecord(
  record: DownloadRecord | undefined,
  pid: number,
  now: number,
  leaseMs: number,
): DownloadRecord | undefined {
  if (record?.state === 'saved' || heldElsewhere(record, pid, now)) return undefined;
  return {
    ...record,
    state: 'pending',
    bytes: record?.bytes ?? 0,
    error: undefined,
    owner: pid,
    leaseUntil: now + leaseMs,
  };
}
