import { worded, type ApiOutcome } from '../api/api-outcome.js';
import type { TrackedJob } from '../store/job-store-schema.js';

export interface CancelSteps {
  /** The job's state as tracked (undefined: not tracked here). */
  state: TrackedJob['state'] | undefined;
  /** The API's cancel request. */
  ask: () => Promise<ApiOutcome<unknown>>;
  /** Polls the job for its final state as soon as its interval allows. */
  fetchSoon: () => void;
}

/**
 * A cancel, asked only of a job still running. One that ended on the way (v1 answers 400 "is not
 * running") is fetched for its final state and said so: not a bug of this app, as a 400 otherwise is.
 */
export async function cancelJob({ state, ask, fetchSoon }: CancelSteps): Promise<ApiOutcome<unknown>> {
  if (state && state !== 'active')
    return {
      kind: 'bad-request',
      ...worded(`This job has already ended (${state}): there is nothing to cancel`),
    };
  const outcome = await ask();
  if (outcome.kind === 'ok' || outcome.kind === 'bad-request') fetchSoon();
  if (outcome.kind !== 'bad-request') return outcome;
  return {
    ...outcome,
    ...worded(
      'useapi.net says this job is no longer running: it has just ended, and its state shows in a moment',
    ),
  };
}
