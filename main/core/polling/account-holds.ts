import { accountOf } from '../api/v2/adapter.js';

/** A PixVerse account in an error state is checked again after this long (or on Resume). */
export const ACCOUNT_PROBLEM_HOLD_MS = 30 * 60_000;

/**
 * v2's 596: one PixVerse account must be added again at useapi.net. Only that account's jobs wait
 * (the email is in their ids); v1 and other accounts' jobs go on.
 */
export class AccountHolds {
  readonly #holds = new Map<string, { until: number; message: string }>();

  /** `changed` is told when an account is held, held longer, or released (the window shows them). */
  constructor(private readonly changed: () => void = () => {}) {}

  /** The account a job belongs to, when it is a v2 job. */
  static accountOf(jobid: string): string | undefined {
    return accountOf(jobid);
  }

  /** Holds the account; returns until when, and whether the hold is new (to be announced). */
  hold(account: string, now: number, message: string): { until: number; fresh: boolean } {
    const fresh = !this.#holds.has(account);
    const until = now + ACCOUNT_PROBLEM_HOLD_MS;
    this.#holds.set(account, { until, message });
    this.changed();
    return { until, fresh };
  }

  /** The accounts held now, and until when. */
  held(now: number): { account: string; until: number }[] {
    return [...this.#holds].flatMap(([account, { until }]) => (until > now ? [{ account, until }] : []));
  }

  /** The hold on the job's account, if there is one and it is not over. */
  holdOf(jobid: string, now: number): { until: number; message: string } | undefined {
    const account = accountOf(jobid);
    const hold = account === undefined ? undefined : this.#holds.get(account);
    return hold && hold.until > now ? hold : undefined;
  }

  heldUntil(jobid: string, now: number): number | undefined {
    return this.holdOf(jobid, now)?.until;
  }

  /** A good answer for one of its jobs: the account works again. */
  release(jobid: string): void {
    const account = accountOf(jobid);
    if (account !== undefined && this.#holds.delete(account)) this.changed();
  }

  /** Resume: every account is tried again. Returns whether any was held. */
  clear(): boolean {
    const any = this.#holds.size > 0;
    this.#holds.clear();
    if (any) this.changed();
    return any;
  }
}
