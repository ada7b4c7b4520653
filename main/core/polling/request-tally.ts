import type { ApiOutcome } from '../api/api-outcome.js';
import type { RequestStats } from '../engine-events.js';

/** Counts the requests the engine sent and how they ended (for the window's footer and the benchmark). */
export class RequestTally {
  readonly #stats: Omit<RequestStats, 'inFlight'> = {
    requests: 0,
    jobRequests: 0,
    listRequests: 0,
    outcomes: {},
  };

  sent(kind: 'job' | 'list'): void {
    this.#stats.requests++;
    if (kind === 'job') this.#stats.jobRequests++;
    else this.#stats.listRequests++;
  }

  answered(outcome: ApiOutcome<unknown>): void {
    this.#stats.outcomes[outcome.kind] = (this.#stats.outcomes[outcome.kind] ?? 0) + 1;
  }

  snapshot(inFlight: number): RequestStats {
    return { ...this.#stats, inFlight, outcomes: { ...this.#stats.outcomes } };
  }
}
