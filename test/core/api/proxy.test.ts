import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../main/core/api/api-client.js';
import { axiosTransport, defaultTransport, leanTransport } from '../../../main/core/downloads/transport.js';
import { axiosProxy, proxyFromPac } from '../../../main/core/api/proxy.js';
import { downloadSetup, sha256File } from '../../helpers/downloads.js';
import { forwardProxy, withEnv } from '../../helpers/forward-proxy.js';
import { rawServer, testCert } from '../../helpers/raw-server.js';
import { useSimulator } from '../../helpers/sim.js';

const startSim = useSimulator();
const MiB = 1024 * 1024;

describe('proxyFromPac', () => {
  it.each([
    ['DIRECT', undefined],
    ['PROXY proxy.corp:3128', 'http://proxy.corp:3128'],
    ['PROXY proxy.corp:3128; DIRECT', 'http://proxy.corp:3128'],
    ['HTTPS secure.corp:443', 'https://secure.corp:443'],
    ['SOCKS5 socks.corp:1080; PROXY proxy.corp:8080', 'http://proxy.corp:8080'],
    ['SOCKS5 socks.corp:1080', undefined],
    ['DIRECT; PROXY proxy.corp:3128', undefined],
    ['PROXY [::1]:3128', 'http://[::1]:3128'],
    ['PROXY not a host', undefined],
    ['', undefined],
  ])('reads %j as %s', (answer, proxy) => {
    expect(proxyFromPac(answer)).toBe(proxy);
  });

  it('gives axios the host and port, or false to go direct', () => {
    expect(axiosProxy('http://proxy.corp:3128')).toEqual({
      protocol: 'http',
      host: 'proxy.corp',
      port: 3128,
    });
    expect(axiosProxy('https://secure.corp')).toEqual({ protocol: 'https', host: 'secure.corp', port: 443 });
    expect(axiosProxy(undefined)).toBe(false);
  });
});

describe('requests through the proxy the OS or the environment names', () => {
  it('sends API requests through the proxy it is given', async () => {
    const sim = await startSim();
    const proxy = await forwardProxy();
    const job = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }] });
    const api = createApiClient({
      baseUrl: sim.apiUrl,
      getToken: () => sim.token,
      proxyFor: async () => proxy.url,
    });
    expect((await api.getJob(job.jobid)).kind).toBe('ok');
    expect(proxy.seen).toEqual([`${sim.apiUrl}/v1/pixverse/jobs/?jobid=${encodeURIComponent(job.jobid)}`]);
  });

  it('goes direct when told so, whatever the environment says', async () => {
    const sim = await startSim();
    const proxy = await forwardProxy();
    withEnv({ HTTP_PROXY: proxy.url, NO_PROXY: undefined });
    const job = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }] });
    const direct = async () => undefined;
    const api = createApiClient({ baseUrl: sim.apiUrl, getToken: () => sim.token, proxyFor: direct });
    expect((await api.getJob(job.jobid)).kind).toBe('ok');
    const d = await downloadSetup(sim, { videoSize: MiB }, { transport: defaultTransport(direct) });
    await d.run();
    expect(d.events.saved).toHaveLength(1);
    expect(proxy.seen.filter((url) => url.startsWith(sim.cdnUrl))).toEqual([]);
  });

  it('downloads through the proxy it is given, whole', async () => {
    const sim = await startSim();
    const proxy = await forwardProxy();
    const d = await downloadSetup(
      sim,
      { videoSize: MiB },
      { transport: defaultTransport(async () => proxy.url) },
    );
    await d.run();
    expect(proxy.seen.filter((url) => url.startsWith(`${sim.cdnUrl}/attachments/`))).toHaveLength(1);
    expect(sha256File(d.events.saved[0]!.file)).toBe(d.simJob.attachments[0]!.video.sha256());
  });

  it('follows HTTP_PROXY by default, and connects directly without it', async () => {
    const sim = await startSim();
    const proxy = await forwardProxy();
    const direct = await downloadSetup(sim, { videoSize: MiB }, { transport: defaultTransport() });
    await direct.run();
    expect(proxy.seen).toEqual([]);

    withEnv({ HTTP_PROXY: proxy.url, NO_PROXY: undefined });
    const proxied = await downloadSetup(sim, { videoSize: MiB }, { transport: defaultTransport() });
    await proxied.run();
    expect(proxy.seen.filter((url) => url.startsWith(`${sim.cdnUrl}/attachments/`))).toHaveLength(1);
    expect(sha256File(proxied.events.saved[0]!.file)).toBe(proxied.simJob.attachments[0]!.video.sha256());
  });
});

describe('https through a proxy', () => {
  // axios makes the TLS connection inside the tunnel with the global agent's options: trust the test CA there.
  const globalOptions = https.globalAgent.options;
  afterEach(() => void (https.globalAgent.options = globalOptions));

  it('tunnels with CONNECT: the proxy sees the host and port, never the path or the bytes', async () => {
    https.globalAgent.options = { ...globalOptions, ca: testCert };
    const body = Buffer.alloc(MiB, 9);
    const server = await rawServer((s) => {
      s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
      s.end(body);
    }, true);
    const proxy = await forwardProxy();
    const url = server.url('/attachments/1/2/secret-path.mp4');
    const response = await axiosTransport(proxy.url)(url.href, {}, new AbortController().signal);
    const received: Buffer[] = [];
    await response.readBody(
      async ([b]) => void received.push(Buffer.from(b!)),
      () => {},
    );
    expect(Buffer.concat(received).equals(body)).toBe(true);
    expect(proxy.seen).toEqual([`CONNECT ${url.host}`]);
  });

  // One redirect policy for both paths: https stays https, whichever way the bytes travel.
  it('refuses a redirect from https to plain http, as the direct path does', async () => {
    https.globalAgent.options = { ...globalOptions, ca: testCert };
    const plain = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nplain!'));
    const server = await rawServer(
      (s) => s.end(`HTTP/1.1 302 Found\r\nLocation: ${plain.url().href}\r\nContent-Length: 0\r\n\r\n`),
      true,
    );
    const proxy = await forwardProxy();
    const signal = new AbortController().signal;
    const viaProxy = defaultTransport(async () => proxy.url);
    const direct = defaultTransport(async () => undefined, leanTransport({ ca: testCert }));
    for (const transport of [viaProxy, direct]) {
      await expect(transport(server.url().href, {}, signal)).rejects.toThrow(/https to plain http/);
    }
    expect(plain.requests).toEqual([]);
    expect(proxy.seen).toEqual([`CONNECT ${server.url().host}`]);
  });

  it('follows a redirect that stays on https through the proxy', async () => {
    https.globalAgent.options = { ...globalOptions, ca: testCert };
    const server = await rawServer((s, request) => {
      if (request.startsWith('GET /old'))
        s.end('HTTP/1.1 301 Moved\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n');
      else s.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnew');
    }, true);
    const proxy = await forwardProxy();
    const response = await axiosTransport(proxy.url)(
      server.url('/old').href,
      {},
      new AbortController().signal,
    );
    const received: Buffer[] = [];
    await response.readBody(
      async ([b]) => void received.push(Buffer.from(b!)),
      () => {},
    );
    expect([response.status, Buffer.concat(received).toString()]).toEqual([200, 'new']);
    expect(server.requests.map((r) => r.split(' ')[1])).toEqual(['/old', '/new']);
  });
});
