import type { ApiFailure } from '../core/api/api-outcome.js';

/** A refused token (401) or subscription (402), with what a CLI user does about it. */
export function credentialsMessage(status: 401 | 402 | undefined, cause: string): string {
  return status === 402
    ? `${cause}. Renew the subscription at useapi.net, then run the command again.`
    : `${cause}. Set USEAPI_TOKEN to a valid useapi.net API token, then run the command again.`;
}

/**
 * A failed `status` request in words for a command that asks once: what happened and what the user
 * can do, never the polling run's "will retry" (nothing retries after it exits).
 */
export function oneShotMessage(failure: ApiFailure): string {
  const cause = failure.cause;
  if (cause === undefined) return failure.message;
  switch (failure.kind) {
    case 'credentials':
      return credentialsMessage(failure.status, cause);
    case 'rate-limited':
      if (failure.queueFull) return `${cause}; try again when one of its jobs has ended.`;
      return failure.retryAfterMs !== undefined
        ? `${cause}; try again in ${Math.max(1, Math.ceil(failure.retryAfterMs / 1000))} s.`
        : `${cause}; try again later.`;
    case 'account-problem':
      return `${cause}, then try again.`;
    case 'not-found':
      return `${cause}. Check the JOBID, and that USEAPI_TOKEN belongs to the account that started it.`;
    case 'transient':
      if (failure.reason === 'overloaded') return `${cause}; try again in about 3 minutes.`;
      if (failure.reason === 'offline') return `${cause}; check the network, then try again.`;
      if (failure.reason === 'unreachable') return `${cause}; check USEAPI_BASE_URL and the network.`;
      return `${cause}; try again later.`;
    default:
      return failure.message;
  }
}
