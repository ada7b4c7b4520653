import http from 'node:http';
import net from 'node:net';
import { afterEach } from 'vitest';

const open: http.Server[] = [];
const tunnels = new Set<net.Socket>();
afterEach(async () => {
  for (const socket of tunnels) socket.destroy();
  tunnels.clear();
  await Promise.all(
    open.splice(0).map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))),
  );
});

/** A forward proxy on loopback (absolute URIs for http, CONNECT for https) noting what it was asked for. */
export async function forwardProxy() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const upstream = http.request(req.url!, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  // https targets: a CONNECT tunnel, in which the proxy sees the host and port only.
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    tunnels.add(client);
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, seen };
}

/** Sets environment variables for the current test only. */
export function withEnv(values: Record<string, string | undefined>): void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  restore.push(saved);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
const restore: Record<string, string | undefined>[] = [];
afterEach(() => {
  for (const saved of restore.splice(0).reverse())
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
});
