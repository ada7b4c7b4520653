// Issue #9 items 10 and 16 at the client: answers over the size limit, and network errors that name
// the configured host. Real servers on 127.0.0.1 only.
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  createApiClient,
  MAX_JOB_BODY_BYTES,
  MAX_LIST_BODY_BYTES,
} from '../../../main/core/api/api-client.js';
import { transportFailure } from '../../../main/core/api/api-outcome.js';
import { listen } from '../../../main/core/simulator/http-util.js';
import { rawServer } from '../../helpers/raw-server.js';

const MiB = 2 ** 20;

async function serve(handler: http.RequestListener) {
  const server = await listen(handler);
  const api = createApiClient({ baseUrl: server.url, getToken: () => 'tok-12345678', timeoutMs: 20_000 });
  return { api, server };
}

const jobOfSize = (bytes: number) => {
  const head = '{"jobid":"a","status":"progress","prompt":"';
  return `${head}${'x'.repeat(Math.max(0, bytes - head.length - 2))}"}`;
};

describe('API answers have a size limit', () => {
  it('reads a job just under 1 MiB', async () => {
    const { api, server } = await serve((_req, res) => res.end(jobOfSize(MAX_JOB_BODY_BYTES - 10)));
    try {
      expect(await api.getJob('a')).toMatchObject({ kind: 'ok', value: { id: 'a', raw: { jobid: 'a' } } });
    } finally {
      await server.close();
    }
  });

  it.each([
    ['with a Content-Length', true],
    ['chunked, with no length', false],
  ])('refuses a 5 MB job answer %s as a failed request', async (_what, withLength) => {
    const body = Buffer.from(jobOfSize(5 * MiB));
    const { api, server } = await serve((_req, res) => {
      res.writeHead(200, withLength ? { 'Content-Length': body.length } : {});
      res.end(body);
    });
    try {
      expect(await api.getJob('a')).toEqual({
        kind: 'transient',
        reason: 'too-large',
        message: `${new URL(server.url).host} sent an answer too large (over 1 MiB); will retry.`,
        cause: `${new URL(server.url).host} sent an answer too large (over 1 MiB)`,
      });
    } finally {
      await server.close();
    }
  });

  it('caps error answers too (a 5 MB 503)', async () => {
    const { api, server } = await serve((_req, res) => {
      res.writeHead(503);
      res.end(`{"error":"${'x'.repeat(5 * MiB)}"}`);
    });
    try {
      expect(await api.getJob('a')).toMatchObject({ kind: 'transient', reason: 'too-large' });
    } finally {
      await server.close();
    }
  });

  it('allows the executing list more (2 MB), but not over 4 MiB', async () => {
    const list = (bytes: number) =>
      JSON.stringify(Array.from({ length: bytes / 40 }, (_, i) => `user:1-job:${i}`.padEnd(37, '0')));
    let size = 2 * MiB;
    const { api, server } = await serve((_req, res) => res.end(list(size)));
    try {
      const ok = await api.listExecuting();
      expect(ok.kind).toBe('ok');
      size = MAX_LIST_BODY_BYTES + MiB;
      expect(await api.listExecuting()).toMatchObject({ kind: 'transient', reason: 'too-large' });
      expect((await api.listExecuting()) as { message: string }).toMatchObject({
        message: expect.stringMatching(/over 4 MiB/),
      });
    } finally {
      await server.close();
    }
  });

  it('stops a gzip bomb while inflating it, not after', async () => {
    // 16 MiB of spaces per gzip member, about 16 KB compressed; 2048 members: 32 GiB inflated.
    const member = zlib.gzipSync(Buffer.alloc(16 * MiB, ' '), { level: 9 });
    let written = 0;
    let hungUp!: () => void;
    const closed = new Promise<void>((resolve) => (hungUp = resolve));
    const { api, server } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.write(zlib.gzipSync('{"jobid":"a","status":"progress",'));
      res.on('error', () => {});
      res.on('close', () => hungUp());
      let members = 0;
      const more = () => {
        while (members < 2048 && !res.destroyed) {
          members++;
          written += member.length;
          if (!res.write(member)) return void res.once('drain', more);
        }
        res.end(zlib.gzipSync('"x":1}'));
      };
      more();
    });
    try {
      expect(await api.getJob('a')).toMatchObject({ kind: 'transient', reason: 'too-large' });
      await closed;
      // The client hung up after a few socket buffers, far from the whole bomb (2048 × ~16 KB).
      expect(written).toBeLessThan(2048 * member.length * 0.5);
    } finally {
      await server.close();
    }
  });
});

describe('network errors name the configured host', () => {
  it('says "TLS error" for a server whose certificate is not trusted', async () => {
    const tls = await rawServer(
      (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'),
      true,
    );
    const url = tls.url('/');
    const api = createApiClient({ baseUrl: url.origin, getToken: () => 't', timeoutMs: 5000 });
    expect(await api.getJob('a')).toEqual({
      kind: 'transient',
      reason: 'unreachable',
      message: `TLS error with ${url.host}: its certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT); will retry.`,
      cause: `TLS error with ${url.host}: its certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    });
  });

  it('says "TLS error" when the port does not speak TLS', async () => {
    const plain = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const { port } = plain.address() as net.AddressInfo;
    try {
      const api = createApiClient({
        baseUrl: `https://127.0.0.1:${port}`,
        getToken: () => 't',
        timeoutMs: 5000,
      });
      const outcome = await api.getJob('a');
      expect(outcome).toMatchObject({ kind: 'transient', reason: 'unreachable' });
      expect(outcome.kind !== 'ok' && outcome.message).toMatch(/^TLS error with 127\.0\.0\.1:\d+: /);
    } finally {
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  const to = { hostname: 'api.example.net', hostPort: 'api.example.net:443' };
  it.each([
    ['ENOTFOUND', 'unreachable', 'Cannot find the host api.example.net: DNS lookup failed (ENOTFOUND)'],
    ['EAI_AGAIN', 'unreachable', 'Cannot look up the host api.example.net: DNS temporarily unavailable'],
    ['CERT_HAS_EXPIRED', 'unreachable', 'TLS error with api.example.net:443: its certificate has expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'unreachable', 'its certificate is for another host name'],
    ['ENETUNREACH', 'offline', 'Offline: no route to api.example.net:443 (ENETUNREACH)'],
    ['EHOSTUNREACH', 'offline', 'Offline: no route to api.example.net:443 (EHOSTUNREACH)'],
    ['ETIMEDOUT', 'timeout', 'No answer from api.example.net:443 within 30 s'],
    ['ECONNRESET', 'reset', 'The connection to api.example.net:443 failed (ECONNRESET)'],
  ])('classifies %s as %s', (code, reason, message) => {
    const failure = transportFailure(code, to, 30_000);
    expect(failure).toMatchObject({ kind: 'transient', reason });
    expect(failure.message).toContain(message);
  });
});
