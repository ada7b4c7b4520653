import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BATCH_BYTES, SinkError } from '../../../main/core/downloads/batch-pump.js';
import { leanGet, type LeanGetOptions } from '../../../main/core/downloads/lean-get.js';
import { rawServer, servers, testCert as cert } from '../../helpers/raw-server.js';

const MiB = 1024 * 1024;

const options = (extra: Partial<LeanGetOptions> = {}): LeanGetOptions => ({
  headers: {},
  signal: new AbortController().signal,
  ...extra,
});

/** Reads a body into memory, noting the batches and the progress reports. */
async function readAll(url: URL, extra: Partial<LeanGetOptions> = {}, writeDelayMs = 0) {
  const response = await leanGet(url, options(extra));
  const batches: Buffer[] = [];
  const progress: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const result = await response
    .readBody(
      async ([batch]) => {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        batches.push(Buffer.from(batch!));
        if (writeDelayMs) await new Promise((resolve) => setTimeout(resolve, writeDelayMs));
        inFlight--;
      },
      (received) => progress.push(received),
    )
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  return { response, body: Buffer.concat(batches), batches, progress, mostInFlight, error: result };
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('leanGet', () => {
  it('sends a plain GET with the host and port, identity only, and no credentials', async () => {
    const server = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const url = server.url('/a?b=1');
    const { body, response } = await readAll(url, { headers: { 'Accept-Encoding': 'identity' } });
    expect(body.toString()).toBe('ok');
    expect(response.status).toBe(200);
    expect(server.requests[0]).toBe(
      `GET /a?b=1 HTTP/1.1\r\nHost: ${url.host}\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n`,
    );
  });

  it('reads a chunked body sent in small pieces', async () => {
    const data = randomBytes(300_000);
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let at = 0; at < data.length; at += 7000) {
        const piece = data.subarray(at, at + 7000);
        socket.write(`${piece.length.toString(16)}\r\n`);
        socket.write(piece);
        socket.write('\r\n');
      }
      socket.end('0\r\n\r\n');
    });
    const { body, progress, error } = await readAll(server.url());
    expect(error).toBeUndefined();
    expect(sha(body)).toBe(sha(data));
    expect(progress.at(-1)).toBe(data.length);
  });

  it('reads a body that ends when the connection closes', async () => {
    const server = await rawServer((s) => s.end('HTTP/1.0 200 OK\r\n\r\nuntil the end'));
    expect((await readAll(server.url())).body.toString()).toBe('until the end');
  });

  it('skips a 100 Continue before the real answer', async () => {
    const server = await rawServer((s) =>
      s.end('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nreal'),
    );
    const { response, body } = await readAll(server.url());
    expect([response.status, body.toString()]).toEqual([200, 'real']);
  });

  it('treats a 101 Switching Protocols as an error, not an interim answer', async () => {
    const server = await rawServer((s) =>
      s.end(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nreal',
      ),
    );
    await expect(leanGet(server.url(), options())).rejects.toMatchObject({ code: 'EPROTO' });
  });

  it('refuses an endless run of interim answers', async () => {
    const server = await rawServer((s) => s.end('HTTP/1.1 102 Processing\r\n\r\n'.repeat(10_000)));
    await expect(leanGet(server.url(), options())).rejects.toThrow(/interim answers/);
  });

  it('reports progress only when payload arrives, not for chunk extensions or trailers', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n');
      const dribble = ['2;a', '=b', ';c', '\r\nde\r\n0\r\n', 'X-A: 1\r\n', 'X-B: 2\r\n', '\r\n'];
      const next = () => {
        const piece = dribble.shift();
        if (piece !== undefined) socket.write(piece, () => setTimeout(next, 20));
        else socket.end();
      };
      setTimeout(next, 20);
    });
    const { body, progress, error } = await readAll(server.url());
    expect(error).toBeUndefined();
    expect(body.toString()).toBe('abcde');
    expect(progress).toEqual([3, 5]);
  });

  it('follows a relative redirect', async () => {
    const server = await rawServer((socket, request) => {
      if (request.startsWith('GET /old'))
        socket.end('HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n');
      else socket.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnew');
    });
    const { response, body } = await readAll(server.url('/old'));
    expect(response.url.pathname).toBe('/new');
    expect(body.toString()).toBe('new');
  });

  it('stops following redirects after the limit and answers with the last one', async () => {
    const server = await rawServer((s) =>
      s.end('HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n'),
    );
    const { response } = await readAll(server.url(), { maxRedirects: 2 });
    expect(response.status).toBe(302);
    expect(server.requests).toHaveLength(3);
  });

  it.each([
    ['file:///etc/passwd', /cannot be fetched/],
    ['javascript:alert(1)', /cannot be fetched/],
  ])('refuses a redirect to %s', async (location, message) => {
    const server = await rawServer((s) => s.end(`HTTP/1.1 301 Moved\r\nLocation: ${location}\r\n\r\n`));
    await expect(leanGet(server.url(), options())).rejects.toThrow(message);
  });

  it('refuses a redirect from https to plain http', async () => {
    const server = await rawServer(
      (s) => s.end('HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.1/x\r\n\r\n'),
      true,
    );
    await expect(leanGet(server.url(), options({ tls: { ca: cert } }))).rejects.toThrow(
      /https to plain http/,
    );
  });

  it('refuses a response head over 64 KiB', async () => {
    const server = await rawServer((s) => s.end(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`));
    await expect(leanGet(server.url(), options())).rejects.toThrow(/over 64 KiB/);
  });

  it('says when nothing listens', async () => {
    const server = await rawServer(() => {});
    const url = server.url();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    await expect(leanGet(url, options())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('writes what arrived before the connection dropped, then reports the drop', async () => {
    const sent = randomBytes(3 * MiB + 123);
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${5 * MiB}\r\n\r\n`);
      socket.write(sent, () => socket.destroy());
    });
    const { body, error } = await readAll(server.url());
    expect(error).toMatchObject({
      code: 'ECONNRESET',
      message: expect.stringMatching(/before the whole body/),
    });
    expect(sha(body)).toBe(sha(sent));
  });

  it('stops on abort, keeping what was written', async () => {
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${10 * MiB}\r\n\r\n`);
      socket.write(Buffer.alloc(MiB, 1)); // then silence
    });
    const abort = new AbortController();
    const response = await leanGet(server.url(), options({ signal: abort.signal }));
    let written = 0;
    const reading = response.readBody(
      async ([batch]) => void (written += batch!.length),
      (received) => received === MiB && abort.abort(),
    );
    await expect(reading).rejects.toThrow(/aborted/);
    expect(written).toBe(MiB);
  });

  it('rejects at once when the body is read after the exchange was aborted', async () => {
    const server = await rawServer((s) => s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${MiB}\r\n\r\nsome`));
    const abort = new AbortController();
    const response = await leanGet(server.url(), options({ signal: abort.signal }));
    abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    let written = '';
    await expect(
      response.readBody(
        async ([b]) => void (written += b!.toString()),
        () => {},
      ),
    ).rejects.toThrow(/aborted/);
    expect(written).toBe('some');
  });

  it('still delivers a whole body that came with the head when the connection closed before it was read', async () => {
    const server = await rawServer((s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const abort = new AbortController();
    const response = await leanGet(server.url(), options({ signal: abort.signal }));
    abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    let written = '';
    await response.readBody(
      async ([b]) => void (written += b!.toString()),
      () => {},
    );
    expect(written).toBe('ok');
  });

  it('reads the answer after a 100 Continue that filled most of the head buffer', async () => {
    const filler = `X-Fill: ${'f'.repeat(60_000)}\r\n`;
    const server = await rawServer((s) =>
      s.end(`HTTP/1.1 100 Continue\r\n${filler}\r\nHTTP/1.1 200 OK\r\n${filler}Content-Length: 2\r\n\r\nok`),
    );
    const { response, body } = await readAll(server.url());
    expect([response.status, body.toString()]).toEqual([200, 'ok']);
  });

  it('writes what a slow link delivered while the body is still coming', async () => {
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${10 * MiB}\r\n\r\n`);
      socket.write(Buffer.alloc(100 * 1024, 7)); // then silence: far less than a batch
    });
    const abort = new AbortController();
    const response = await leanGet(server.url(), options({ signal: abort.signal }));
    let firstWrite!: (bytes: number) => void;
    const written = new Promise<number>((resolve) => (firstWrite = resolve));
    const reading = response.readBody(
      async ([batch]) => firstWrite(batch!.length),
      () => {},
    );
    expect(await written).toBe(100 * 1024);
    abort.abort();
    await expect(reading).rejects.toThrow(/aborted/);
  });

  it('reports a failed write as a SinkError and closes the connection', async () => {
    let closed = false;
    const server = await rawServer((socket) => {
      socket.on('close', () => (closed = true));
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${64 * MiB}\r\n\r\n`);
      const more = () => socket.write(Buffer.alloc(MiB), (error) => !error && more());
      more();
    });
    const response = await leanGet(server.url(), options());
    const reading = response.readBody(
      async () => {
        throw Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
      },
      () => {},
    );
    await expect(reading).rejects.toBeInstanceOf(SinkError);
    await expect.poll(() => closed).toBe(true);
  });

  it('keeps every byte in order when the disk is slower than the link, with at most one write at a time', async () => {
    const data = randomBytes(12 * MiB);
    const server = await rawServer((s) => {
      s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\n\r\n`);
      s.end(data);
    });
    const { body, batches, mostInFlight } = await readAll(server.url(), {}, 5);
    expect(sha(body)).toBe(sha(data));
    expect(mostInFlight).toBe(1);
    expect(Math.max(...batches.map((b) => b.length))).toBe(BATCH_BYTES);
  });

  it('downloads over TLS into reused buffers, slow disk included', async () => {
    const data = randomBytes(6 * MiB);
    const server = await rawServer((s) => {
      s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\n\r\n`);
      s.end(data);
    }, true);
    const { body, error } = await readAll(server.url(), { tls: { ca: cert } }, 3);
    expect(error).toBeUndefined();
    expect(sha(body)).toBe(sha(data));
  });

  it('refuses a server whose certificate it cannot verify', async () => {
    const server = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), true);
    await expect(leanGet(server.url(), options())).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });
});
