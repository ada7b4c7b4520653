import { describe, expect, it } from 'vitest';
import {
  ChunkedDecoder,
  MAX_EXTENSION_BYTES,
  MAX_TRAILER_BYTES,
} from '../../../main/core/downloads/chunked-decoder.js';
import { bodyFraming, headEnd, parseHead, requestText } from '../../../main/core/downloads/http-head.js';

const head = (text: string) => parseHead(text.replaceAll('\n', '\r\n'));

describe('requestText', () => {
  it('writes a GET with the host (and its port) and the given headers', () => {
    const text = requestText(new URL('https://cdn.example:8443/a/b.mp4?ex=1&hm=2'), { Range: 'bytes=5-' });
    expect(text).toBe('GET /a/b.mp4?ex=1&hm=2 HTTP/1.1\r\nHost: cdn.example:8443\r\nRange: bytes=5-\r\n\r\n');
  });

  it.each([
    ['a value with CR LF', { 'If-Range': '"x"\r\nAuthorization: Bearer t' }],
    ['a name with a space', { 'If Range': 'x' }],
    ['a value with NUL', { 'If-Range': 'a\u0000b' }],
  ])('refuses %s: nothing could split the request', (_what, headers) => {
    expect(() => requestText(new URL('http://h/x'), headers)).toThrow(/Refusing to send/);
  });
});

describe('parseHead', () => {
  it('reads the status and lower-cased fields, repeated ones joined', () => {
    const parsed = head('HTTP/1.1 206 Partial Content\nContent-Range: bytes 1-2/3\nVary: a\nVARY: b\n\n');
    expect(parsed.status).toBe(206);
    expect(parsed.headers.get('content-range')).toBe('bytes 1-2/3');
    expect(parsed.headers.get('vary')).toBe('a, b');
  });

  it('accepts bare LF line ends and an HTTP/1.0 answer', () => {
    expect(parseHead('HTTP/1.0 200 OK\nContent-Length: 3\n\n').headers.get('content-length')).toBe('3');
  });

  it.each([
    ['a non-HTTP status line', 'SSH-2.0-OpenSSH\n\n'],
    ['a folded header', 'HTTP/1.1 200 OK\nX-A: 1\n  continued\n\n'],
    ['a space before the colon', 'HTTP/1.1 200 OK\nContent-Length : 5\n\n'],
    ['a control character in a value', 'HTTP/1.1 200 OK\nX-A: a\u0001b\n\n'],
    ['two different lengths', 'HTTP/1.1 200 OK\nContent-Length: 5\nContent-Length: 6\n\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => head(text)).toThrow(expect.objectContaining({ code: 'EPROTO' }));
  });

  it('takes a length sent twice with the same value', () => {
    expect(
      head('HTTP/1.1 200 OK\nContent-Length: 5\nContent-Length: 5\n\n').headers.get('content-length'),
    ).toBe('5');
  });
});

describe('headEnd', () => {
  it('finds the first blank line, CRLF or bare LF', () => {
    expect(headEnd(Buffer.from('HTTP/1.1 200 OK\r\n\r\nbody'))).toBe(19);
    expect(headEnd(Buffer.from('HTTP/1.1 200 OK\n\nbody\r\n\r\n'))).toBe(17);
    expect(headEnd(Buffer.from('HTTP/1.1 200 OK\r\nX: 1\r\n'))).toBe(-1);
  });
});

describe('bodyFraming', () => {
  it('knows bodies by length, chunks, the connection closing, or none', () => {
    expect(bodyFraming(head('HTTP/1.1 200 OK\nContent-Length: 10\n\n'))).toEqual({
      kind: 'length',
      length: 10,
    });
    expect(bodyFraming(head('HTTP/1.1 200 OK\nTransfer-Encoding: Chunked\n\n'))).toEqual({ kind: 'chunked' });
    expect(bodyFraming(head('HTTP/1.1 200 OK\n\n'))).toEqual({ kind: 'until-close' });
    expect(bodyFraming(head('HTTP/1.1 304 Not Modified\nContent-Length: 10\n\n'))).toEqual({ kind: 'none' });
    expect(bodyFraming(head('HTTP/1.1 204 No Content\n\n'))).toEqual({ kind: 'none' });
  });

  it.each([
    ['a coding that was not asked for', 'HTTP/1.1 200 OK\nTransfer-Encoding: gzip, chunked\n\n'],
    ['a negative length', 'HTTP/1.1 200 OK\nContent-Length: -1\n\n'],
    ['a length that is not a number', 'HTTP/1.1 200 OK\nContent-Length: 12abc\n\n'],
    // Two framings: whichever one a proxy on the way believed, the other side sees another body (smuggling).
    ['both a length and chunks', 'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nContent-Length: 10\n\n'],
    [
      'chunks with a length before them',
      'HTTP/1.1 200 OK\nContent-Length: 0\nTransfer-Encoding: chunked\n\n',
    ],
    [
      'a 101 Switching Protocols (nothing asked to switch)',
      'HTTP/1.1 101 Switching Protocols\nUpgrade: h2c\n\n',
    ],
  ])('refuses %s', (_what, text) => {
    expect(() => bodyFraming(head(text))).toThrow(expect.objectContaining({ code: 'EPROTO' }));
  });
});

describe('ChunkedDecoder', () => {
  const framed =
    'a;name="v"\r\n0123456789\r\n1\r\nX\r\n10\r\nABCDEFGHIJKLMNOP\r\n0\r\nTrailer: t\r\n\r\nleftover';
  const payload = '0123456789XABCDEFGHIJKLMNOP';

  const decodeIn = (pieces: string[]) => {
    const decoder = new ChunkedDecoder();
    const out = pieces.flatMap((piece) => decoder.decode(Buffer.from(piece)));
    return { text: Buffer.concat(out).toString(), done: decoder.done };
  };

  it('returns the payload, skipping extensions and trailers, and stops at the last chunk', () => {
    expect(decodeIn([framed])).toEqual({ text: payload, done: true });
  });

  it('gives the same bytes however the input is split', () => {
    for (let cut = 1; cut < framed.length; cut++) {
      expect(decodeIn([framed.slice(0, cut), framed.slice(cut)]).text).toBe(payload);
    }
    expect(decodeIn([...framed]).text).toBe(payload);
  });

  it('is not done before the last chunk', () => {
    expect(decodeIn(['5\r\nabcde\r\n'])).toEqual({ text: 'abcde', done: false });
  });

  it('takes extensions and trailers up to their limits, however they are split', () => {
    const big = `1;${'e'.repeat(MAX_EXTENSION_BYTES - 2)}\r\nx\r\n0\r\nX-T: ${'t'.repeat(MAX_TRAILER_BYTES - 10)}\r\n\r\n`;
    expect(decodeIn([big])).toEqual({ text: 'x', done: true });
    expect(decodeIn(big.match(/[^]{1,333}/g)!)).toEqual({ text: 'x', done: true });
  });

  it('takes bare LF line ends', () => {
    expect(decodeIn(['3\nabc\n0\n\n'])).toEqual({ text: 'abc', done: true });
  });

  it.each([
    ['a size that is not hex', 'zz\r\n'],
    ['a chunk longer than its size', '3\r\nabcd\r\n'],
    ['a size over 13 hex digits', 'fffffffffffffff\r\n'],
    ['an empty size line', '\r\n'],
    ['an extension that never ends', `1;${'e'.repeat(MAX_EXTENSION_BYTES)}`],
    ['extensions over 16 KiB in total', `1;${'e'.repeat(1000)}\r\nx\r\n`.repeat(17)],
    ['a trailer that never ends', `0\r\nX-Trailer: ${'t'.repeat(MAX_TRAILER_BYTES)}`],
    ['trailers over 16 KiB in total', `0\r\n${`X-T: ${'t'.repeat(1000)}\r\n`.repeat(17)}`],
  ])('refuses %s', (_what, text) => {
    expect(() => decodeIn([text])).toThrow(expect.objectContaining({ code: 'EPROTO' }));
  });
});
