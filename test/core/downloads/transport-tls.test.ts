// TLS failures: the lean client must refuse what Node's https client refuses, for the same reason.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { leanVerdict, nodeVerdict } from '../../helpers/verdicts.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/tls');
const cert = fs.readFileSync(path.join(fixtures, 'cert.pem'));
const key = fs.readFileSync(path.join(fixtures, 'key.pem'));

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
// After a failed handshake the server's side can stay half-open: drop it so close() returns.
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: net.Server): Promise<URL> {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`https://127.0.0.1:${(server.address() as net.AddressInfo).port}/v.mp4`);
}

const answering = () =>
  listen(
    tls.createServer({ key, cert }, (socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nvideo'));
    }),
  );

async function both(url: URL, options: tls.ConnectionOptions) {
  return { lean: await leanVerdict(url, options), node: await nodeVerdict(url, options) };
}

describe('the lean client over TLS, compared with node:https', () => {
  it('accepts a server it can verify, with the same bytes', async () => {
    const { lean, node } = await both(await answering(), { ca: cert });
    expect(lean).toEqual(node);
    expect(lean).toMatchObject({ kind: 'accepted', status: 200, bytes: 5 });
  });

  it.each<[string, tls.ConnectionOptions, string]>([
    ['an untrusted (self-signed) certificate', {}, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    [
      'a certificate for another host name',
      { ca: cert, servername: 'cdn.example' },
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ],
  ])('refuses %s, as Node does', async (_what, options, code) => {
    const { lean, node } = await both(await answering(), options);
    expect(lean).toEqual({ kind: 'rejected', code });
    expect(node).toEqual({ kind: 'rejected', code });
  });

  it.each<[string, (socket: net.Socket) => void]>([
    ['drops the handshake', (socket) => socket.once('data', () => socket.destroy())],
    ['closes before the handshake', (socket) => socket.end()],
    ['answers in plain HTTP', (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nvideo')],
    ['answers with garbage', (socket) => socket.end(Buffer.alloc(64, 0x16))],
  ])('fails when the server %s, as Node does', async (_what, behave) => {
    const url = await listen(
      net.createServer((socket) => {
        socket.on('error', () => {});
        behave(socket);
      }),
    );
    const { lean, node } = await both(url, { ca: cert });
    expect(lean.kind).toBe('rejected');
    expect(node.kind).toBe('rejected');
  });
});
