import { boundedText } from '../bounded-text.js';

/** What one request to useapi.net came to, in terms the scheduler and the UI can act on. */
export type ApiFailure = Wording &
  (
    | { kind: 'bad-request' }
    | { kind: 'credentials'; status: 401 | 402 }
    | { kind: 'not-found' }
    | { kind: 'expired' }
    | { kind: 'rate-limited'; retryAfterMs: number | undefined; queueFull: boolean }
    /** v2's 596: one PixVerse account is in an error state and must be added again at useapi.net. */
    | { kind: 'account-problem'; account?: string }
    | { kind: 'transient'; reason: TransientReason }
  );

/**
 * `message` is for a run that goes on polling (watch, the app): what happened and what it will do.
 * `cause` is what happened alone, for a caller that words its own next step (a one-shot `status`).
 */
export interface Wording {
  message: string;
  /** Absent on failures made elsewhere (fakes in tests): `message` is then all there is. */
  cause?: string;
}

/** What happened, then what the polling run does about it. */
export const worded = (cause: string, pollingAdvice = '.'): Wording => ({
  cause,
  message: `${cause}${pollingAdvice}`,
});

export type TransientReason =
  | 'server'
  | 'overloaded'
  | 'timeout'
  | 'reset'
  | 'offline'
  /** Refused, unknown host (DNS), TLS error: the configured host is wrong or down. */
  | 'unreachable'
  | 'malformed'
  | 'too-large';

export type ApiOutcome<T> = { kind: 'ok'; value: T } | ApiFailure;

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: unknown, now: number): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What a failure's message says polling does next, when it only asks again later. */
export const RETRY = '; will retry.';

/** Where a request went, as the messages name it: the host and its port (`api.useapi.net:443`). */
export interface Endpoint {
  hostname: string;
  hostPort: string;
}

// Nothing on this machine reaches any network: the same for every host.
const OFFLINE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain holds a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate issuer is not trusted here',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another host name',
  EPROTO: 'it does not speak TLS on that port',
};
const isTlsCode = (code: string) =>
  code in TLS_PROBLEMS || /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_)/.test(code);

/**
 * Maps a transport error code (never the raw error: it carries request headers) to a failure. A
 * refused connection, a failed DNS lookup or a TLS error name the configured host: they mean a wrong
 * or down API host, not a machine that is offline.
 */
export function transportFailure(code: string | undefined, to: Endpoint, timeoutMs: number): ApiFailure {
  const unreachable = (cause: string): ApiFailure => ({
    kind: 'transient',
    reason: 'unreachable',
    ...worded(cause, RETRY),
  });
  if (code && OFFLINE.has(code)) {
    return {
      kind: 'transient',
      reason: 'offline',
      ...worded(`Offline: no route to ${to.hostPort} (${code})`, '; waiting for the network.'),
    };
  }
  if (code === 'ECONNREFUSED') return unreachable(`Cannot connect to ${to.hostPort}: connection refused`);
  if (code === 'ENOTFOUND')
    return unreachable(`Cannot find the host ${to.hostname}: DNS lookup failed (ENOTFOUND)`);
  if (code === 'EAI_AGAIN') {
    return unreachable(`Cannot look up the host ${to.hostname}: DNS temporarily unavailable (EAI_AGAIN)`);
  }
  if (code && isTlsCode(code)) {
    const why = TLS_PROBLEMS[code] ?? 'the secure connection failed';
    return unreachable(`TLS error with ${to.hostPort}: ${why} (${code})`);
  }
  if (code && TIMED_OUT.has(code)) {
    const s = Math.round(timeoutMs / 100) / 10;
    return {
      kind: 'transient',
      reason: 'timeout',
      ...worded(`No answer from ${to.hostPort} within ${s} s`, RETRY),
    };
  }
  const what = code ?? 'unknown error';
  return {
    kind: 'transient',
    reason: 'reset',
    ...worded(`The connection to ${to.hostPort} failed (${what})`, RETRY),
  };
}

/** An answer over the size limit: a failed request (backs off like a 5xx), never read to the end. */
export function tooLarge(host: string, limitBytes: number): ApiFailure {
  const mib = Math.round((limitBytes / 2 ** 20) * 10) / 10;
  return {
    kind: 'transient',
    reason: 'too-large',
    ...worded(`${host} sent an answer too large (over ${mib} MiB)`, RETRY),
  };
}

/** Failures that say the API host cannot be reached at all: they hold every request, not one job. */
export const isHostWide = (failure: ApiFailure): boolean =>
  failure.kind === 'transient' && (failure.reason === 'offline' || failure.reason === 'unreachable');

/**
 * Failures that hold the whole account (429, 504, a rejected token or subscription) or every
 * request: the engine's state says so, not each job.
 */
export const holdsAccount = (failure: ApiFailure): boolean =>
  isHostWide(failure) ||
  failure.kind === 'credentials' ||
  failure.kind === 'rate-limited' ||
  (failure.kind === 'transient' && failure.reason === 'overloaded');

export function httpFailure(
  status: number,
  body: { error?: string | undefined; executingJobs?: unknown } | undefined,
  retryAfterMs: number | undefined,
  host: string,
  jobid: string | undefined,
): ApiFailure {
  const said = body?.error ? `: ${boundedText(body.error)}` : '';
  const job = jobid ? `job ${jobid}` : 'the request';
  switch (status) {
    case 400:
      return {
        kind: 'bad-request',
        ...worded(
          `${host} rejected ${job} as malformed (400${said})`,
          '. This is a bug in PixVerse Tray; please report it.',
        ),
      };
    case 401:
      return {
        kind: 'credentials',
        status,
        ...worded(
          `${host} rejected the API token (401 Unauthorized)`,
          '. Set a new token to resume polling.',
        ),
      };
    case 402:
      return {
        kind: 'credentials',
        status,
        ...worded(
          `${host} says the account has no subscription or it expired (402)`,
          '. Renew it, then resume polling.',
        ),
      };
    case 404:
      return { kind: 'not-found', ...worded(`${host} does not know ${job} (404${said})`) };
    case 410:
      return { kind: 'expired', ...worded(`${job} has expired (410): useapi.net keeps jobs for 31 days`) };
    case 429: {
      const queueFull = body?.executingJobs !== undefined;
      const why = queueFull ? "The account's job queue is full" : `${host} is rate limiting requests`;
      return { kind: 'rate-limited', retryAfterMs, queueFull, ...worded(`${why} (429)`, '; slowing down.') };
    }
    case 596:
      return {
        kind: 'account-problem',
        ...worded(
          `${host} says the PixVerse account is in an error state (596${said}): it must be added again at useapi.net`,
          "; polling that account's jobs is paused until then.",
        ),
      };
    case 504:
      return {
        kind: 'transient',
        reason: 'overloaded',
        ...worded(`${host} is overloaded (504${said})`, '; waiting about 3 minutes before asking again.'),
      };
    default:
      return {
        kind: 'transient',
        reason: 'server',
        ...worded(`${host} answered ${status}${said}`, RETRY),
      };
  }
}

/** An answer that is not what the API documents: retried like a passing fault. */
export const malformedAnswer = (cause: string): ApiOutcome<never> => ({
  kind: 'transient',
  reason: 'malformed',
  ...worded(cause, RETRY),
});
