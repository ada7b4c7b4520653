// The two small texts of an HTTP/1.1 exchange the download transport writes and reads itself:
// the request it sends and the response head it gets back. Everything else is body bytes.

export interface ResponseHead {
  status: number;
  /** Lower-case names; repeated fields joined with ", " (Set-Cookie is of no interest here). */
  headers: Map<string, string>;
}

/** How the body's end is known. */
export type BodyFraming =
  { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'until-close' };

export class HttpProtocolError extends Error {
  readonly code = 'EPROTO';
}

export const MAX_HEAD_BYTES = 64 * 1024;
/** 1xx answers before the real one (each up to MAX_HEAD_BYTES): a few are normal, a stream of them is not. */
export const MAX_INTERIM_ANSWERS = 8;

/** An informational answer the real one follows (101 is not one: it ends HTTP on the connection). */
export const isInterim = (status: number): boolean => status < 200 && status !== 101;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, space, tab and obs-text: no CR, LF or other control characters.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const REQUEST_TARGET = /^\/[\x21-\x7e]*$/;

/** `GET` request text for `url`; refuses anything that could split the request. */
export function requestText(url: URL, headers: Record<string, string>): string {
  const target = `${url.pathname}${url.search}`;
  if (!REQUEST_TARGET.test(target))
    throw new HttpProtocolError(`The link has characters that cannot be sent: ${url.href}`);
  const lines = [`GET ${target} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value))
      throw new HttpProtocolError(`Refusing to send the header ${name}.`);
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Where the head ends (just past the blank line) in `bytes`, or -1 when it has not all arrived. */
export function headEnd(bytes: Buffer): number {
  // Servers may end lines with a bare LF; whichever blank line comes first ends the head.
  const crlf = bytes.indexOf('\r\n\r\n', 0, 'latin1');
  const bare = bytes.indexOf('\n\n', 0, 'latin1');
  const ends = [crlf >= 0 ? crlf + 4 : Infinity, bare >= 0 ? bare + 2 : Infinity];
  const end = Math.min(...ends);
  return end === Infinity ? -1 : end;
}

/** Parses a response head (status line and fields, without the blank line's bytes mattering). */
export function parseHead(text: string): ResponseHead {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const status = /^HTTP\/1\.[01] ([1-5]\d\d)(?: .*)?$/.exec(lines[0] ?? '');
  if (!status) throw new HttpProtocolError('The server did not answer in HTTP/1.1.');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    // Folded lines, spaces before the colon and control characters are all refused.
    if (colon <= 0 || !TOKEN.test(name) || !FIELD_VALUE.test(value)) {
      throw new HttpProtocolError('The server sent a malformed header.');
    }
    const earlier = headers.get(name);
    if (name === 'content-length' && earlier !== undefined && earlier !== value) {
      throw new HttpProtocolError('The server sent two different lengths.');
    }
    headers.set(name, earlier === undefined || name === 'content-length' ? value : `${earlier}, ${value}`);
  }
  return { status: Number(status[1]), headers };
}

/** How the body of a response to a GET is delimited (RFC 9112 §6.3). */
export function bodyFraming({ status, headers }: ResponseHead): BodyFraming {
  // Nothing asked to switch protocols: what follows a 101 is not HTTP, and not the answer.
  if (status === 101) throw new HttpProtocolError('The server switched protocols, which was not asked for.');
  if (status < 200 || status === 204 || status === 304) return { kind: 'none' };
  const coding = headers.get('transfer-encoding');
  const length = headers.get('content-length');
  // Two framings: a proxy on the way may have believed the other one (request smuggling's shape).
  if (coding !== undefined && length !== undefined)
    throw new HttpProtocolError('The server framed the body both by length and by chunks.');
  if (coding !== undefined) {
    const codings = coding
      .toLowerCase()
      .split(',')
      .map((c) => c.trim());
    if (codings.length === 1 && codings[0] === 'chunked') return { kind: 'chunked' };
    throw new HttpProtocolError(`The server encoded the body as "${coding}", which was not asked for.`);
  }
  if (length === undefined) return { kind: 'until-close' };
  if (!/^\d{1,15}$/.test(length)) throw new HttpProtocolError('The server sent an invalid length.');
  return { kind: 'length', length: Number(length) };
}
