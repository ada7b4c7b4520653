/** What one request to useapi.net came to, in terms the scheduler and the UI can act on. */
export type ApiFailure =
  | { kind: 'bad-request'; message: string }
  | { kind: 'credentials'; status: 401 | 402; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'expired'; message: string }
  | { kind: 'rate-limited'; retryAfterMs: number | undefined; queueFull: boolean; message: string }
  | { kind: 'transient'; reason: TransientReason; message: string };

export type TransientReason = 'server' | 'overloaded' | 'timeout' | 'reset' | 'offline' | 'malformed';

export type ApiOutcome<T> = { kind: 'ok'; value: T } | ApiFailure;

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: unknown, now: number): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const NETWORK_DOWN = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'UND_ERR_CONNECT_TIMEOUT']);

/** Maps a transport error code (never the raw error: it carries request headers) to a failure. */
export function transportFailure(code: string | undefined, host: string, timeoutMs: number): ApiFailure {
  if (code && NETWORK_DOWN.has(code)) {
    return {
      kind: 'transient',
      reason: 'offline',
      message: `Cannot reach ${host} (${code}); waiting for the network.`,
    };
  }
  if (code && TIMED_OUT.has(code)) {
    const s = Math.round(timeoutMs / 100) / 10;
    return {
      kind: 'transient',
      reason: 'timeout',
      message: `No answer from ${host} within ${s} s; will retry.`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return { kind: 'transient', reason: 'offline', message: `${host} refused the connection; will retry.` };
  }
  const what = code ?? 'unknown error';
  return {
    kind: 'transient',
    reason: 'reset',
    message: `The connection to ${host} failed (${what}); will retry.`,
  };
}

export function httpFailure(
  status: number,
  body: { error?: string | undefined; executingJobs?: unknown } | undefined,
  retryAfterMs: number | undefined,
  host: string,
  jobid: string | undefined,
): ApiFailure {
  const said = body?.error ? `: ${body.error}` : '';
  const job = jobid ? `job ${jobid}` : 'the request';
  switch (status) {
    case 400:
      return {
        kind: 'bad-request',
        message: `${host} rejected ${job} as malformed (400${said}). This is a bug in PixVerse Tray; please report it.`,
      };
    case 401:
      return {
        kind: 'credentials',
        status,
        message: `${host} rejected the API token (401 Unauthorized). Set a new token to resume polling.`,
      };
    case 402:
      return {
        kind: 'credentials',
        status,
        message: `${host} says the account has no subscription or it expired (402). Renew it, then resume polling.`,
      };
    case 404:
      return { kind: 'not-found', message: `${host} does not know ${job} (404${said}).` };
    case 410:
      return { kind: 'expired', message: `${job} has expired (410): useapi.net keeps jobs for 31 days.` };
    case 429: {
      const queueFull = body?.executingJobs !== undefined;
      const why = queueFull ? "The account's job queue is full" : `${host} is rate limiting requests`;
      return { kind: 'rate-limited', retryAfterMs, queueFull, message: `${why} (429); slowing down.` };
    }
    case 504:
      return {
        kind: 'transient',
        reason: 'overloaded',
        message: `${host} is overloaded (504${said}); waiting about 3 minutes before asking again.`,
      };
    default:
      return {
        kind: 'transient',
        reason: 'server',
        message: `${host} answered ${status}${said}; will retry.`,
      };
  }
}
