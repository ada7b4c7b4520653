import { intervalAfter } from '../clock.js';

/** Entries older than the interval say nothing any more; past this many they are swept out. */
const SWEEP_OVER = 256;

/** What the jobs database says of a job: its last recorded check, and when the user removed it. */
export interface SpacingRecords {
  lastCheckedAt(jobid: string): number | undefined;
  removedAt(jobid: string): number | undefined;
}

/**
 * The scheduler's last word on "never sooner than the interval": whatever asks for a job (a routine
 * poll, a fetch of fresh links), whether it is still tracked (removed and added again), and
 * whichever process asked last (the app and the CLI on one database), the host sees at least the
 * interval between two requests for it, counted from the answer to the one before.
 */
export class RequestSpacing {
  /** When each job's last answer arrived in this process. */
  readonly #at = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly records: SpacingRecords,
  ) {}

  answered(jobid: string, now: number): void {
    this.#at.delete(jobid); // re-inserted last: the map stays in answer order
    this.#at.set(jobid, now);
    if (this.#at.size > SWEEP_OVER) this.#sweep(now);
  }

  /** A job added again after the user removed it: its last request came before the removal. */
  addedAgain(jobid: string): void {
    const removedAt = this.records.removedAt(jobid);
    if (removedAt !== undefined && removedAt > (this.#at.get(jobid) ?? -Infinity))
      this.#at.set(jobid, removedAt);
  }

  /** The soonest the job may be asked for again: now, or the interval after its last answer. */
  earliest(jobid: string, now: number): number {
    const last = Math.max(this.#at.get(jobid) ?? -Infinity, this.records.lastCheckedAt(jobid) ?? -Infinity);
    return Math.max(now, intervalAfter(last === -Infinity ? undefined : last, now, this.intervalMs));
  }

  /** How many jobs it remembers (bounded: old answers are swept out). */
  get size(): number {
    return this.#at.size;
  }

  #sweep(now: number): void {
    for (const [jobid, at] of this.#at) {
      if (at > now - this.intervalMs) break;
      this.#at.delete(jobid);
    }
  }
}
