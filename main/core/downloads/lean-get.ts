// A GET over HTTP/1.1 for large bodies. Node's http client hands every socket read to JavaScript as
// a fresh buffer: at 1 GB/s that is tens of MB of garbage waiting for the collector at any moment.
// Here the socket reads into one reused buffer (`onread`) and the body is copied into two reused
// batches, so a download's memory stays flat whatever the link's speed.
import net from 'node:net';
import tls from 'node:tls';
import { BatchPump, type BatchWrite } from './batch-pump.js';
import { ChunkedDecoder } from './chunked-decoder.js';
import {
  bodyFraming,
  headEnd,
  HttpProtocolError,
  isInterim,
  MAX_HEAD_BYTES,
  MAX_INTERIM_ANSWERS,
  parseHead,
  requestText,
  type BodyFraming,
  type ResponseHead,
} from './http-head.js';
import { MAX_REDIRECTS, REDIRECT_STATUSES, redirectTarget } from './redirects.js';
import { withDefaults } from '../with-defaults.js';

const READ_BYTES = 256 * 1024;

export interface LeanGetOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
  maxRedirects?: number;
  /** Extra TLS options (a private CA in tests). */
  tls?: tls.ConnectionOptions;
}

export interface LeanResponse extends ResponseHead {
  url: URL;
  /** Reads the body to its end into `write`; rejects with the network error once what arrived is written. */
  readBody(write: BatchWrite, onBytes: (received: number) => void): Promise<void>;
  /** Ends the exchange (nothing more is read). */
  discard(reason?: Error): void;
}

/** GET `url`, following up to `maxRedirects` redirects (never from https to http). */
export async function leanGet(url: URL, options: LeanGetOptions): Promise<LeanResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const exchange = new Exchange(current, options);
    const head = await exchange.head;
    const location = head.headers.get('location');
    if (
      !REDIRECT_STATUSES.has(head.status) ||
      location === undefined ||
      hop >= (options.maxRedirects ?? MAX_REDIRECTS)
    ) {
      return {
        ...head,
        url: current,
        readBody: (write, onBytes) => exchange.readBody(write, onBytes),
        discard: (reason) => exchange.close(reason),
      };
    }
    exchange.close();
    current = redirectTarget(current, location);
  }
}

/** One request and its response on a connection of its own (Connection: close). */
class Exchange {
  readonly head: Promise<ResponseHead>;
  readonly #socket: net.Socket;
  #headBytes: Buffer | undefined = Buffer.allocUnsafe(MAX_HEAD_BYTES);
  #headFill = 0;
  #interimAnswers = 0;
  #onHead!: { resolve: (head: ResponseHead) => void; reject: (error: Error) => void };
  #framing: BodyFraming = { kind: 'none' };
  #chunked: ChunkedDecoder | undefined;
  /** Body bytes that came with (or, over TLS, just after) the head, before the body is read. */
  #early: Buffer[] = [];
  #received = 0;
  #complete = false;
  #pump: BatchPump | undefined;
  #onBytes: (received: number) => void = () => {};
  #settle: ((error?: Error) => void) | undefined;
  #failure: Error | undefined;
  #closed = false;

  constructor(url: URL, { headers, signal, tls: tlsOptions }: LeanGetOptions) {
    this.head = new Promise((resolve, reject) => (this.#onHead = { resolve, reject }));
    const request = requestText(url, { ...headers, Connection: 'close' });
    this.#socket = connect(url, tlsOptions, (bytes) => this.#onRead(bytes));
    this.#socket.on('error', (error) => this.#fail(error));
    this.#socket.on('close', () => this.#onClose());
    this.#socket.write(request);
    const onAbort = () => this.close(new Error('aborted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.#socket.once('close', () => signal.removeEventListener('abort', onAbort));
  }

  readBody(write: BatchWrite, onBytes: (received: number) => void): Promise<void> {
    if (this.#pump) throw new Error('The body is read once.');
    return new Promise((resolve, reject) => {
      this.#pump = new BatchPump(write, () => this.close(new Error('write failed')));
      this.#onBytes = onBytes;
      this.#settle = (error) => {
        this.#settle = undefined;
        // What arrived is written first, so the .part keeps it even when the link dropped.
        this.#pump!.finish().then(() => (error ? reject(error) : resolve()), reject);
      };
      const flowing = this.#takeBody(Buffer.concat(this.#early.splice(0)));
      // Closed already (aborted, or over TLS the end arrived with the head): no 'close' event will follow.
      if (this.#closed) return this.#onClose();
      if (flowing && !this.#failure) this.#socket.resume();
    });
  }

  close(reason?: Error): void {
    if (reason) this.#failure ??= reason;
    this.#socket.destroy();
  }

  /** Called with each read; false pauses the socket (its read buffer is then left alone). */
  #onRead(bytes: Buffer): boolean {
    if (this.#headBytes) return this.#takeHead(bytes);
    if (this.#pump) return this.#takeBody(bytes);
    this.#early.push(Buffer.from(bytes));
    return false;
  }

  #takeHead(bytes: Buffer): boolean {
    const buffer = this.#headBytes!;
    let copied = 0;
    let head: ResponseHead;
    let end: number;
    try {
      // Interim (1xx) answers are skipped, a bounded number of them: the real one follows.
      for (;;) {
        const taken = bytes.copy(buffer, this.#headFill, copied);
        copied += taken;
        this.#headFill += taken;
        end = headEnd(buffer.subarray(0, this.#headFill));
        if (end < 0 && this.#headFill === buffer.length) {
          throw new HttpProtocolError('The server sent a response head over 64 KiB.');
        }
        if (end < 0) return true;
        head = parseHead(buffer.toString('latin1', 0, end));
        if (!isInterim(head.status)) break;
        if (++this.#interimAnswers > MAX_INTERIM_ANSWERS)
          throw new HttpProtocolError(`The server sent over ${MAX_INTERIM_ANSWERS} interim answers.`);
        buffer.copyWithin(0, end, this.#headFill);
        this.#headFill -= end;
      }
      this.#framing = bodyFraming(head);
    } catch (error) {
      this.close(error as Error);
      return false;
    }
    this.#headBytes = undefined;
    if (this.#framing.kind === 'chunked') this.#chunked = new ChunkedDecoder();
    this.#complete =
      this.#framing.kind === 'none' || (this.#framing.kind === 'length' && this.#framing.length === 0);
    // The body bytes that came with the head wait (with the socket paused) until the body is read.
    this.#early.push(buffer.subarray(end, this.#headFill), Buffer.from(bytes.subarray(copied)));
    this.#onHead.resolve(head);
    return false;
  }

  #takeBody(bytes: Buffer): boolean {
    let payload: Buffer[];
    try {
      payload = this.#payload(bytes);
    } catch (error) {
      this.close(error as Error);
      return false;
    }
    const before = this.#received;
    for (const slice of payload) this.#received += slice.length;
    // Only payload is progress: extensions, trailers and framing alone must not keep a stalled body alive.
    if (this.#received > before) this.#onBytes(this.#received);
    const flowing = this.#pump!.push(payload);
    if (this.#complete) {
      this.close();
      return false;
    }
    if (!flowing) {
      void this.#pump!.room.then(() => {
        if (!this.#closed && !this.#failure) this.#socket.resume();
      });
    }
    return flowing;
  }

  #payload(bytes: Buffer): Buffer[] {
    switch (this.#framing.kind) {
      case 'length': {
        const take = Math.min(bytes.length, this.#framing.length - this.#received);
        this.#complete = this.#received + take === this.#framing.length;
        return [bytes.subarray(0, take)];
      }
      case 'chunked': {
        const payload = this.#chunked!.decode(bytes);
        this.#complete = this.#chunked!.done;
        return payload;
      }
      case 'until-close':
        return [bytes];
      default:
        return [];
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
  }

  #onClose(): void {
    this.#closed = true;
    if (this.#headBytes) {
      this.#headBytes = undefined;
      this.#onHead.reject(
        this.#failure ?? connectionError('The server closed the connection without answering.'),
      );
      return;
    }
    if (!this.#settle) return; // the body is not being read (yet)
    const ended = this.#complete || (this.#framing.kind === 'until-close' && !this.#failure);
    this.#settle(
      ended
        ? undefined
        : (this.#failure ?? connectionError('The connection closed before the whole body arrived.')),
    );
  }
}

function connectionError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

function connect(
  url: URL,
  tlsOptions: tls.ConnectionOptions | undefined,
  onRead: (bytes: Buffer) => boolean,
) {
  const readBuffer = Buffer.allocUnsafe(READ_BYTES);
  const onread = { buffer: readBuffer, callback: (length: number) => onRead(readBuffer.subarray(0, length)) };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  if (!secure) return net.connect({ host, port, onread });
  // tls.connect has taken `onread` since Node 15.1; its typings do not list it.
  const options = {
    host,
    port,
    servername: net.isIP(host) ? undefined : host,
    ALPNProtocols: ['http/1.1'],
    onread,
  };
  return tls.connect(withDefaults(options, tlsOptions ?? {}) as tls.ConnectionOptions);
}
