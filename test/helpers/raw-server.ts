import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach } from 'vitest';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/tls');
/** A self-signed certificate for 127.0.0.1: pass it as `ca` to trust the TLS servers made here. */
export const testCert = fs.readFileSync(path.join(fixtures, 'cert.pem'));
const key = fs.readFileSync(path.join(fixtures, 'key.pem'));

type Reply = (socket: net.Socket, request: string) => void;
export const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A loopback server that reads one request head and lets `reply` write raw bytes back. */
export async function rawServer(reply: Reply, secure = false) {
  const requests: string[] = [];
  const onSocket = (socket: net.Socket) => {
    let text = '';
    socket.on('error', () => {});
    socket.on('data', function onData(chunk: Buffer) {
      text += chunk.toString('latin1');
      if (!text.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      requests.push(text);
      reply(socket, text);
    });
  };
  const server = secure ? tls.createServer({ key, cert: testCert }, onSocket) : net.createServer(onSocket);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: (p = '/v.mp4') => new URL(`${secure ? 'https' : 'http'}://127.0.0.1:${port}${p}`), requests };
}
