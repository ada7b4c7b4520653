import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadAttempt, type AttemptInput } from '../../../main/core/downloads/download-attempt.js';
import { openPartFile } from '../../../main/core/downloads/part-file.js';
import { leanTransport } from '../../../main/core/downloads/transport.js';
import { tempFolder } from '../../helpers/downloads.js';
import { rawServer } from '../../helpers/raw-server.js';

const MiB = 1024 * 1024;

const attempt = (url: URL, extra: Partial<AttemptInput> = {}) =>
  downloadAttempt({
    url: url.href,
    partPath: path.join(tempFolder(), 'v.mp4.part'),
    resumeFrom: 0,
    etag: undefined,
    knownTotal: undefined,
    expectedSize: undefined,
    idleTimeoutMs: 5000,
    signal: new AbortController().signal,
    openPart: openPartFile,
    transport: leanTransport(),
    onBytes: () => {},
    ...extra,
  });

describe('downloadAttempt and the size the job gives', () => {
  it('does not start a body announced at another size', async () => {
    const server = await rawServer((s) => s.end(`HTTP/1.1 200 OK\r\nContent-Length: ${2 * MiB}\r\n\r\n`));
    const partPath = path.join(tempFolder(), 'v.mp4.part');
    const result = await attempt(server.url(), { expectedSize: MiB, partPath });
    expect(result).toEqual({
      kind: 'wrong-size',
      message: 'the server announced 2097152 bytes but the job says the video has 1048576',
    });
    expect(fs.existsSync(partPath)).toBe(false);
  });

  it('stops a body of unknown length as soon as it outgrows the video', async () => {
    let sent = 0;
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.0 200 OK\r\n\r\n');
      const more = () => socket.write(Buffer.alloc(MiB), (error) => !error && ++sent < 256 && more());
      more();
    });
    const result = await attempt(server.url(), { expectedSize: MiB });
    expect(result).toEqual({
      kind: 'wrong-size',
      message: 'received more than the 1048576 bytes the job says the video has',
    });
    expect(sent).toBeLessThan(64);
  });

  it('does not count a complete-looking .part of another size as done when the server answers 416', async () => {
    const server = await rawServer((s) =>
      s.end('HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */2048\r\n\r\n'),
    );
    const partPath = path.join(tempFolder(), 'v.mp4.part');
    fs.writeFileSync(partPath, Buffer.alloc(2048));
    const result = await attempt(server.url(), {
      partPath,
      resumeFrom: 2048,
      etag: '"v1"',
      knownTotal: 2048,
      expectedSize: 4096,
    });
    expect(result).toEqual({
      kind: 'wrong-size',
      message: 'the .part holds 2048 bytes but the job says the video has 4096',
    });
  });

  it('takes a body of unknown length that ends at the right size', async () => {
    const server = await rawServer((s) =>
      s.end(Buffer.concat([Buffer.from('HTTP/1.0 200 OK\r\n\r\n'), Buffer.alloc(MiB, 7)])),
    );
    const partPath = path.join(tempFolder(), 'v.mp4.part');
    expect(await attempt(server.url(), { expectedSize: MiB, partPath })).toMatchObject({
      kind: 'complete',
      bytes: MiB,
    });
    expect(fs.statSync(partPath).size).toBe(MiB);
  });
});

describe('downloadAttempt resuming', () => {
  const partial206 = (extra: string) =>
    `HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 1024-2047/2048\r\nContent-Length: 1024\r\n${extra}\r\n`;

  it.each([
    ['another ETag than the stored one', 'ETag: "v2"\r\n'],
    ['no ETag', ''],
  ])('starts again from zero when a 206 carries %s', async (_what, etag) => {
    let request = '';
    const server = await rawServer((s, text) => {
      request = text;
      s.end(Buffer.concat([Buffer.from(partial206(etag)), Buffer.alloc(1024, 2)]));
    });
    const partPath = path.join(tempFolder(), 'v.mp4.part');
    fs.writeFileSync(partPath, Buffer.alloc(1024, 1));
    const result = await attempt(server.url(), { partPath, resumeFrom: 1024, etag: '"v1"' });
    expect(result).toMatchObject({ kind: 'restart' });
    expect(request).toMatch(/\r\nIf-Range: "v1"\r\n/);
    expect(fs.readFileSync(partPath)).toEqual(Buffer.alloc(1024, 1));
  });

  it('starts again from zero when the 206 gives the file another total than the first answer did', async () => {
    // The first answer said 4096 bytes (the .part holds its first 1024); this one says the file has 2048.
    const server = await rawServer((s) =>
      s.end(Buffer.concat([Buffer.from(partial206('ETag: "v1"\r\n')), Buffer.alloc(1024, 2)])),
    );
    const partPath = path.join(tempFolder(), 'v.mp4.part');
    fs.writeFileSync(partPath, Buffer.alloc(1024, 1));
    const result = await attempt(server.url(), {
      partPath,
      resumeFrom: 1024,
      etag: '"v1"',
      knownTotal: 4096,
    });
    expect(result).toMatchObject({
      kind: 'restart',
      message: expect.stringMatching(/4096.*2048|2048.*4096/),
    });
    expect(fs.readFileSync(partPath)).toEqual(Buffer.alloc(1024, 1));
  });
});

describe('downloadAttempt and answers that are not a video', () => {
  const answer =
    (head: string, body: string | Buffer = '') =>
    (s: import('node:net').Socket) =>
      s.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\n${head}\r\n`), Buffer.from(body)]));

  it.each([
    [
      'a web page',
      'Content-Type: text/html; charset=utf-8\r\nContent-Length: 39\r\n',
      '<html><body>Access denied</body></html>',
      /^a web page \(text\/html\)$/,
    ],
    [
      'a JSON error',
      'Content-Type: application/json\r\nContent-Length: 16\r\n',
      '{"error":"deny"}',
      /^an answer of type application\/json$/,
    ],
    ['an empty body', 'Content-Type: video/mp4\r\nContent-Length: 0\r\n', '', /^an empty file$/],
    [
      'a compressed body it was asked not to send',
      'Content-Type: video/mp4\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n',
      'abcd',
      /^a compressed body \(gzip\)/,
    ],
  ])('refuses %s, keeping nothing of it', async (_what, head, body, message) => {
    const server = await rawServer(answer(head, body));
    const partPath = path.join(tempFolder(), 'v.mp4.part');
    const result = await attempt(server.url(), { partPath });
    expect(result).toMatchObject({ kind: 'not-video', message: expect.stringMatching(message) });
    expect(fs.existsSync(partPath) ? fs.statSync(partPath).size : 0).toBe(0);
  });

  it('refuses an empty body even where the job gives a size (v1), as no video rather than a wrong size', async () => {
    const server = await rawServer(answer('Content-Type: video/mp4\r\nContent-Length: 0\r\n'));
    expect(await attempt(server.url(), { expectedSize: 4096 })).toMatchObject({ kind: 'not-video' });
  });

  it('takes a video mislabelled as text when it has exactly the size the job gives, and "none" as no encoding', async () => {
    const body = Buffer.alloc(4096, 3);
    const mislabelled = await rawServer(answer('Content-Type: text/plain\r\nContent-Length: 4096\r\n', body));
    expect(await attempt(mislabelled.url(), { expectedSize: 4096 })).toMatchObject({
      kind: 'complete',
      bytes: 4096,
    });
    const none = await rawServer(answer('Content-Encoding: none\r\nContent-Length: 4096\r\n', body));
    expect(await attempt(none.url())).toMatchObject({ kind: 'complete', bytes: 4096 });
  });

  it.each(['video/mp4', 'application/octet-stream', 'binary/octet-stream'])(
    'takes a body sent as %s',
    async (type) => {
      const server = await rawServer(answer(`Content-Type: ${type}\r\nContent-Length: 4\r\n`, 'abcd'));
      expect(await attempt(server.url())).toMatchObject({ kind: 'complete', bytes: 4 });
    },
  );
});
