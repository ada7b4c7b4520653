/** Entries older than the interval say nothing any more; past this many they are swept out. */
const SWEEP_OVER = 256;

/**
 * When each job's last answer arrived, whatever asked (a routine poll, a fetch of fresh links) and
 * whether the job is still tracked: the scheduler's last word on "never sooner than the interval".
 * A job removed and added again, or fetched again for a download right after its final poll, waits
 * the rest of its interval like any other.
 */
export class LastAnswers {
  readonly #at = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  answered(jobid: string, now: number): void {
    this.#at.delete(jobid); // re-inserted last: the map stays in answer order
    this.#at.set(jobid, now);
    if (this.#at.size > SWEEP_OVER) this.#sweep(now);
  }

  /** The soonest the job may be asked for again: now, or the interval after its last answer. */
  earliest(jobid: string, now: number): number {
    const last = this.#at.get(jobid);
    // A clock that went back leaves at most one interval to wait.
    return last === undefined ? now : Math.max(now, Math.min(last, now) + this.intervalMs);
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
