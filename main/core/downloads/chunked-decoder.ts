import { HttpProtocolError } from './http-head.js';

type State =
  | 'size'
  | 'extension'
  | 'size-lf'
  | 'data'
  | 'data-cr'
  | 'data-lf'
  | 'trailer'
  | 'trailer-line'
  | 'end-lf'
  | 'done';

const CR = 0x0d;
const LF = 0x0a;
// 13 hex digits reach 2^52: more than any video, less than where numbers stop being exact.
const MAX_SIZE_DIGITS = 13;
/**
 * Extensions and trailers carry no payload: a server could send them forever and keep a download
 * open. Both are bounded over the whole body, as Node's parser bounds them (16 KiB each).
 */
export const MAX_EXTENSION_BYTES = 16 * 1024;
export const MAX_TRAILER_BYTES = 16 * 1024;

/**
 * Undoes `Transfer-Encoding: chunked` incrementally. The payload comes back as views of the input,
 * so no byte is copied here; framing is checked strictly and anything else is a protocol error.
 */
export class ChunkedDecoder {
  #state: State = 'size';
  #size = 0;
  #digits = 0;
  #remaining = 0;
  #extensionBytes = 0;
  #trailerBytes = 0;

  get done(): boolean {
    return this.#state === 'done';
  }

  /** The payload bytes in `input`, in order. Bytes after the final chunk are ignored. */
  decode(input: Buffer): Buffer[] {
    const payload: Buffer[] = [];
    let at = 0;
    while (at < input.length && this.#state !== 'done') {
      if (this.#state === 'data') {
        const take = Math.min(this.#remaining, input.length - at);
        payload.push(input.subarray(at, at + take));
        at += take;
        this.#remaining -= take;
        if (this.#remaining === 0) this.#state = 'data-cr';
        continue;
      }
      this.#step(input[at]!);
      at++;
    }
    return payload;
  }

  #step(byte: number): void {
    switch (this.#state) {
      case 'size': {
        const digit = hexValue(byte);
        if (digit >= 0 && this.#digits < MAX_SIZE_DIGITS) {
          this.#size = this.#size * 16 + digit;
          this.#digits++;
        } else if (this.#digits > 0 && (byte === 0x3b || byte === 0x20 || byte === 0x09)) {
          this.#countExtension();
          this.#state = 'extension';
        } else if (this.#digits > 0 && byte === CR) {
          this.#state = 'size-lf';
        } else if (this.#digits > 0 && byte === LF) {
          this.#sizeLineEnded();
        } else {
          throw new HttpProtocolError('The server sent a malformed chunk size.');
        }
        return;
      }
      case 'extension':
        if (byte === CR) this.#state = 'size-lf';
        else if (byte === LF) this.#sizeLineEnded();
        else this.#countExtension();
        return;
      case 'size-lf':
        return byte === LF ? this.#sizeLineEnded() : fail();
      case 'data-cr':
        if (byte === CR) this.#state = 'data-lf';
        else if (byte === LF) this.#nextChunk();
        else fail();
        return;
      case 'data-lf':
        return byte === LF ? this.#nextChunk() : fail();
      case 'trailer':
        if (byte === CR) this.#state = 'end-lf';
        else if (byte === LF) this.#state = 'done';
        else {
          this.#countTrailer();
          this.#state = 'trailer-line';
        }
        return;
      case 'trailer-line':
        this.#countTrailer();
        if (byte === LF) this.#state = 'trailer';
        return;
      case 'end-lf':
        if (byte === LF) this.#state = 'done';
        else fail();
        return;
      default:
        return;
    }
  }

  #sizeLineEnded(): void {
    if (this.#size === 0) {
      this.#state = 'trailer';
      return;
    }
    this.#remaining = this.#size;
    this.#state = 'data';
  }

  #countExtension(): void {
    if (++this.#extensionBytes > MAX_EXTENSION_BYTES)
      throw new HttpProtocolError('The server sent over 16 KiB of chunk extensions.');
  }

  #countTrailer(): void {
    if (++this.#trailerBytes > MAX_TRAILER_BYTES)
      throw new HttpProtocolError('The server sent over 16 KiB of trailers.');
  }

  #nextChunk(): void {
    this.#size = 0;
    this.#digits = 0;
    this.#state = 'size';
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function fail(): never {
  throw new HttpProtocolError('The server broke the chunked framing.');
}
