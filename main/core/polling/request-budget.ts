/** A sliding one-minute window of request times: the account-wide requests-per-minute budget. */
export class RequestBudget {
  readonly #times: number[] = [];
  #head = 0;

  constructor(private readonly perMinute: number) {
    if (!(perMinute >= 1)) throw new Error('The request budget must allow at least 1 request per minute.');
  }

  /** When the next request may start: `now` if the budget has room. */
  nextSlot(now: number): number {
    this.#forget(now);
    if (this.#times.length - this.#head < this.perMinute) return now;
    return this.#times[this.#head]! + 60_000;
  }

  spend(now: number): void {
    this.#times.push(now);
  }

  #forget(now: number): void {
    while (this.#head < this.#times.length && this.#times[this.#head]! <= now - 60_000) this.#head++;
    if (this.#head > 1024) {
      this.#times.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
