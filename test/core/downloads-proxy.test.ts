import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultTransport } from '../../main/core/downloads/transport.js';
import { downloadSetup, sha256File } from '../helpers/downloads.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const MiB = 1024 * 1024;

describe('Downloads behind a proxy from the environment', () => {
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  /** A forward proxy on loopback that notes which absolute URLs it was asked for. */
  async function forwardProxy() {
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
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return { url, seen, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('goes through HTTP_PROXY when it is set, and straight to the CDN when it is not', async () => {
    const sim = await startSim();
    const proxy = await forwardProxy();
    try {
      const direct = await downloadSetup(sim, { videoSize: MiB }, { transport: defaultTransport() });
      await direct.run();
      expect(proxy.seen).toEqual([]);

      process.env.HTTP_PROXY = proxy.url;
      delete process.env.NO_PROXY;
      const proxied = await downloadSetup(sim, { videoSize: MiB }, { transport: defaultTransport() });
      await proxied.run();
      // The API client (axios) honours the proxy too; the video request is the one that matters here.
      expect(proxy.seen.filter((url) => url.startsWith(`${sim.cdnUrl}/attachments/`))).toHaveLength(1);
      expect(sha256File(proxied.events.saved[0]!.file)).toBe(proxied.simJob.attachments[0]!.video.sha256());
    } finally {
      await proxy.close();
    }
  });
});
