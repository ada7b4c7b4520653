import axios from 'axios';
import type { Readable } from 'node:stream';
import { isDiskError, type OpenPart } from './part-file.js';

export interface AttemptInput {
  url: string;
  partPath: string;
  /** Bytes already in the `.part` file. */
  resumeFrom: number;
  /** The validator of the bytes already there, for If-Range. */
  etag: string | undefined;
  /** The total as last known (attachment size or an earlier answer). */
  knownTotal: number | undefined;
  idleTimeoutMs: number;
  signal: AbortSignal;
  openPart: OpenPart;
  onBytes: (written: number, total: number | undefined) => void;
}

export type AttemptResult =
  | { kind: 'complete'; bytes: number; total: number; etag: string | undefined }
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
  | { kind: 'link-dead'; status: number; message: string }
  | { kind: 'http-error'; status: number; message: string }
  | { kind: 'disk-error'; error: NodeJS.ErrnoException };

const http = axios.create({
  responseType: 'stream',
  // Byte counts must match Content-Length: no transparent decompression.
  decompress: false,
  validateStatus: () => true,
  maxRedirects: 3,
});

/** One HTTP request for (the rest of) one attachment, streamed into its `.part` file. */
export async function downloadAttempt(input: AttemptInput): Promise<AttemptResult> {
  const headers: Record<string, string> = { 'Accept-Encoding': 'identity' };
  if (input.resumeFrom > 0) {
    headers.Range = `bytes=${input.resumeFrom}-`;
    if (input.etag) headers['If-Range'] = input.etag;
  }
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  input.signal.addEventListener('abort', onOuterAbort, { once: true });
  const headerTimer = setTimeout(() => abort.abort(), input.idleTimeoutMs);
  try {
    let response;
    try {
      response = await http.get<Readable>(input.url, { headers, signal: abort.signal });
    } catch (error) {
      const code = axios.isAxiosError(error) ? (error.code ?? 'error') : 'error';
      return interrupted(input, undefined, input.knownTotal, `the connection failed (${code})`);
    } finally {
      clearTimeout(headerTimer);
    }
    const body = response.data;
    const etag = typeof response.headers.etag === 'string' ? response.headers.etag : undefined;
    const status = response.status;
    if (status === 416) {
      body.destroy();
      if (input.knownTotal !== undefined && input.resumeFrom === input.knownTotal) {
        return { kind: 'complete', bytes: input.resumeFrom, total: input.knownTotal, etag: input.etag };
      }
      return { kind: 'restart', message: 'the server refused the resume range' };
    }
    if (status === 403 || status === 404 || status === 410) {
      body.destroy();
      return { kind: 'link-dead', status, message: `the link answered ${status} (expired?)` };
    }
    if (status !== 200 && status !== 206) {
      body.destroy();
      return { kind: 'http-error', status, message: `the server answered ${status}` };
    }

    let start = 0;
    let total: number | undefined;
    if (status === 206) {
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(response.headers['content-range'] ?? ''));
      if (!range || Number(range[1]) !== input.resumeFrom) {
        body.destroy();
        return { kind: 'restart', message: 'the server answered a different range than asked' };
      }
      start = input.resumeFrom;
      total = range[3] === '*' ? undefined : Number(range[3]);
    } else {
      const length = Number(response.headers['content-length']);
      total =
        Number.isFinite(length) && response.headers['content-length'] !== undefined ? length : undefined;
    }
    return await streamToPart(input, body, start, total, etag);
  } finally {
    input.signal.removeEventListener('abort', onOuterAbort);
  }
}

// Writes are batched: fewer, larger writes are what keeps pace with a fast link.
const BATCH_BYTES = 1 << 20;

async function streamToPart(
  input: AttemptInput,
  body: Readable,
  start: number,
  total: number | undefined,
  etag: string | undefined,
): Promise<AttemptResult> {
  let part;
  try {
    part = await input.openPart(input.partPath, start);
  } catch (error) {
    body.destroy();
    if (isDiskError(error)) return { kind: 'disk-error', error };
    throw error;
  }
  let written = start;
  let stalled = false;
  // One timer checking the time of the last chunk: cheaper than re-arming a timer per 64 KiB chunk.
  let lastChunkAt = Date.now();
  const watchdog = setInterval(
    () => {
      if (Date.now() - lastChunkAt < input.idleTimeoutMs) return;
      stalled = true;
      body.destroy(new Error('stalled'));
    },
    Math.max(10, Math.min(1000, input.idleTimeoutMs / 4)),
  );
  const onAbort = () => body.destroy(new Error('aborted'));
  input.signal.addEventListener('abort', onAbort, { once: true });
  let batch: Buffer[] = [];
  let batchBytes = 0;
  // Double buffering: one batch is written while the next one arrives.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const buffers = batch;
    batch = [];
    batchBytes = 0;
    await writing;
    writing = buffers.length > 0 ? part.append(buffers) : Promise.resolve();
    writing.catch(() => {}); // observed at the next await; never an unhandled rejection
  };
  let networkError: unknown;
  try {
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        lastChunkAt = Date.now();
        batch.push(chunk);
        batchBytes += chunk.length;
        written += chunk.length;
        if (batchBytes >= BATCH_BYTES) await flush();
        input.onBytes(written, total);
      }
    } catch (error) {
      if (isDiskError(error)) throw error;
      networkError = error;
    }
    // Whatever arrived is kept in the .part, then synced: only synced bytes are ever renamed into place.
    await flush();
    await writing;
    await part.sync();
  } catch (error) {
    body.destroy();
    await writing.catch(() => {});
    if (isDiskError(error)) return { kind: 'disk-error', error };
    throw error;
  } finally {
    clearInterval(watchdog);
    input.signal.removeEventListener('abort', onAbort);
    await part.close().catch(() => {});
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
  return { kind: 'complete', bytes: written, total: total ?? written, etag };
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
