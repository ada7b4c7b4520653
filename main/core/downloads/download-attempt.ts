import { REDIRECT_STATUSES, RedirectRefused, TOO_MANY_REDIRECTS } from './redirects.js';
import { clampDelay } from '../clock.js';
import { SinkError } from './batch-pump.js';
import { isDiskError, type FileIdentity, type OpenPart } from './part-file.js';
import { notAVideo } from './not-video.js';
import type { DownloadResponse, DownloadTransport } from './transport.js';

export interface AttemptInput {
  url: string;
  partPath: string;
  /** Bytes already in the `.part` file. */
  resumeFrom: number;
  /** The validator of the bytes already there, for If-Range: without one they are not resumed. */
  etag: string | undefined;
  /** The total as last known (attachment size or an earlier answer). */
  knownTotal: number | undefined;
  /** The size the API gives for the video: a body announcing or reaching another size is stopped at once. */
  expectedSize: number | undefined;
  idleTimeoutMs: number;
  signal: AbortSignal;
  openPart: OpenPart;
  transport: DownloadTransport;
  onBytes: (written: number, total: number | undefined) => void;
  /**
   * The validator of the bytes about to be written (this answer's ETag), called once the `.part` is
   * ready for them and before the first is written, so it can be stored first.
   */
  onValidator?: (etag: string | undefined, total: number | undefined) => void;
}

export type AttemptResult =
  /** `identity`: the `.part` written by this attempt (absent when it wrote nothing: all was there). */
  | { kind: 'complete'; bytes: number; total: number; etag: string | undefined; identity?: FileIdentity }
  /** Stopped part-way; the `.part` keeps `bytes` and the next attempt resumes with Range. */
  | {
      kind: 'interrupted';
      bytes: number;
      total: number | undefined;
      etag: string | undefined;
      message: string;
    }
  /** The bytes cannot be trusted: start again from zero. */
  | { kind: 'restart'; message: string }
  /** Not the video the job describes (nothing of it is kept). */
  | { kind: 'wrong-size'; message: string }
  | { kind: 'link-dead'; status: number; message: string }
  /** A redirect the policy refuses: trying again cannot help. */
  | { kind: 'refused'; message: string }
  /** An answer that is no video (a web page, an empty or compressed body): nothing of it is kept. */
  | { kind: 'not-video'; message: string }
  | { kind: 'http-error'; status: number; message: string }
  | { kind: 'disk-error'; error: NodeJS.ErrnoException };

/** Why a download ends on a link that gives no video, with or without a fresh link tried. */
export function deadLinkMessage(
  result: Extract<AttemptResult, { kind: 'link-dead' | 'not-video' }>,
  refreshed: boolean,
): string {
  if (result.kind === 'not-video')
    return refreshed
      ? `The video link gave ${result.message} instead of the video, even from a fresh link.`
      : `The video link gave ${result.message} instead of the video, and no fresh link could be had.`;
  return refreshed
    ? `The video link no longer works (${result.status}), even after asking for a fresh one.`
    : `The video link expired (${result.status}) and no fresh one could be had.`;
}

/** One HTTP request for (the rest of) one attachment, streamed into its `.part` file. */
export async function downloadAttempt(request: AttemptInput): Promise<AttemptResult> {
  // Bytes are resumed only when the server can be asked for the rest "if still the same file".
  const input =
    request.resumeFrom > 0 && !isStrongEtag(request.etag) ? { ...request, resumeFrom: 0 } : request;
  const headers: Record<string, string> = { 'Accept-Encoding': 'identity' };
  if (input.resumeFrom > 0) {
    headers.Range = `bytes=${input.resumeFrom}-`;
    headers['If-Range'] = input.etag!;
  }
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  input.signal.addEventListener('abort', onOuterAbort, { once: true });
  const headerTimer = setTimeout(() => abort.abort(), clampDelay(input.idleTimeoutMs));
  try {
    let response: DownloadResponse;
    try {
      response = await input.transport(input.url, headers, abort.signal);
    } catch (error) {
      if (error instanceof RedirectRefused) return { kind: 'refused', message: error.message };
      return interrupted(input, undefined, input.knownTotal, `the connection failed (${describe(error)})`);
    } finally {
      clearTimeout(headerTimer);
    }
    const etag = response.header('etag');
    const status = response.status;
    if (status === 416) {
      response.discard();
      if (input.knownTotal !== undefined && input.resumeFrom === input.knownTotal) {
        if (input.expectedSize !== undefined && input.resumeFrom !== input.expectedSize) {
          return {
            kind: 'wrong-size',
            message: `the .part holds ${input.resumeFrom} bytes but the job says the video has ${input.expectedSize}`,
          };
        }
        return { kind: 'complete', bytes: input.resumeFrom, total: input.knownTotal, etag: input.etag };
      }
      return { kind: 'restart', message: 'the server refused the resume range' };
    }
    if (status === 403 || status === 404 || status === 410) {
      response.discard();
      return { kind: 'link-dead', status, message: `the link answered ${status} (expired?)` };
    }
    if (REDIRECT_STATUSES.has(status)) {
      const where = response.header('location');
      response.discard();
      const message =
        where === undefined ? `it answers ${status} without saying where to` : TOO_MANY_REDIRECTS;
      return { kind: 'refused', message };
    }
    if (status !== 200 && status !== 206) {
      response.discard();
      return { kind: 'http-error', status, message: `the server answered ${status}` };
    }

    const header = response.header('content-length');
    const length = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
    const notVideo = notAVideo(response, length, input.expectedSize);
    if (notVideo) {
      response.discard();
      return { kind: 'not-video', message: notVideo };
    }
    let start = 0;
    let total: number | undefined;
    if (status === 206) {
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.header('content-range') ?? '');
      if (!range || Number(range[1]) !== input.resumeFrom) {
        response.discard();
        return { kind: 'restart', message: 'the server answered a different range than asked' };
      }
      // A cache may answer the Range whatever If-Range said: the bytes must be of the same file.
      if (etag !== input.etag) {
        response.discard();
        return { kind: 'restart', message: 'the file on the server changed since the download started' };
      }
      start = input.resumeFrom;
      total = range[3] === '*' ? undefined : Number(range[3]);
      // The bytes kept are of a file of another size (the first answer was cut or padded): not the same file.
      if (total !== undefined && input.knownTotal !== undefined && total !== input.knownTotal) {
        response.discard();
        return {
          kind: 'restart',
          message: `the server first gave the file ${input.knownTotal} bytes, now ${total}`,
        };
      }
    } else total = length;
    const expected = input.expectedSize;
    if (expected !== undefined && total !== undefined && total !== expected) {
      response.discard();
      return {
        kind: 'wrong-size',
        message: `the server announced ${total} bytes but the job says the video has ${expected}`,
      };
    }
    return await streamToPart(input, response, start, total, etag);
  } finally {
    input.signal.removeEventListener('abort', onOuterAbort);
  }
}

async function streamToPart(
  input: AttemptInput,
  response: DownloadResponse,
  start: number,
  total: number | undefined,
  etag: string | undefined,
): Promise<AttemptResult> {
  let part;
  try {
    part = await input.openPart(input.partPath, start);
  } catch (error) {
    response.discard();
    if (isDiskError(error)) return { kind: 'disk-error', error };
    throw error;
  }
  input.onValidator?.(etag, total);
  let written = start;
  let stalled = false;
  let oversized = false;
  // One timer checking the time of the last read: cheaper than re-arming a timer per read.
  let lastReadAt = Date.now();
  const watchdog = setInterval(
    () => {
      if (Date.now() - lastReadAt < input.idleTimeoutMs) return;
      stalled = true;
      response.discard(new Error('stalled'));
    },
    Math.max(10, Math.min(1000, input.idleTimeoutMs / 4)),
  );
  const onAbort = () => response.discard(new Error('aborted'));
  input.signal.addEventListener('abort', onAbort, { once: true });
  let networkError: unknown;
  try {
    try {
      await response.readBody(
        (buffers) => part.append(buffers),
        (received) => {
          lastReadAt = Date.now();
          written = start + received;
          if (input.expectedSize !== undefined && written > input.expectedSize && !oversized) {
            oversized = true;
            response.discard(new Error('longer than the video'));
          }
          input.onBytes(written, total);
        },
      );
    } catch (error) {
      if (error instanceof SinkError) throw error.error;
      networkError = error;
    }
    // Whatever arrived is in the .part by now; it is synced: only synced bytes are ever renamed into place.
    await part.sync();
  } catch (error) {
    response.discard();
    if (isDiskError(error)) return { kind: 'disk-error', error };
    throw error;
  } finally {
    clearInterval(watchdog);
    input.signal.removeEventListener('abort', onAbort);
    await part.close().catch(() => {});
  }
  if (oversized) {
    return {
      kind: 'wrong-size',
      message: `received more than the ${input.expectedSize} bytes the job says the video has`,
    };
  }
  if (networkError || (total !== undefined && written < total)) {
    const why = stalled
      ? `no data for ${Math.round(input.idleTimeoutMs / 1000)} s`
      : input.signal.aborted
        ? 'stopped'
        : 'the connection dropped';
    return interrupted(input, written, total, why, etag);
  }
  if (total !== undefined && written !== total) {
    return { kind: 'restart', message: `received ${written} bytes but the server announced ${total}` };
  }
  if (input.expectedSize !== undefined && written !== input.expectedSize) {
    return {
      kind: 'wrong-size',
      message: `received ${written} bytes but the job says the video has ${input.expectedSize}`,
    };
  }
  if (written === 0) return { kind: 'not-video', message: 'an empty file' };
  return { kind: 'complete', bytes: written, total: total ?? written, etag, identity: part.identity };
}

/**
 * A strong entity tag (`"…"`, not `W/"…"`), the only kind If-Range may carry. It came from a server:
 * it is only sent back if it is a plain header value.
 */
function isStrongEtag(etag: string | undefined): etag is string {
  return etag !== undefined && /^"[\x21\x23-\x7e]{0,254}"$/.test(etag);
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : 'error';
}

function interrupted(
  input: AttemptInput,
  bytes: number | undefined,
  total: number | undefined,
  message: string,
  etag = input.etag,
): AttemptResult {
  return { kind: 'interrupted', bytes: bytes ?? input.resumeFrom, total, etag, message };
}
