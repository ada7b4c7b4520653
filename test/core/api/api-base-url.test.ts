// Issue #9 items 13 and 16: one normalised form of the API base URL for every comparison, plain http
// only for loopback, and an unreachable configured host told apart from being offline.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isOfficialApi, parseBaseUrl } from '../../../main/core/api/api-base-url.js';
import { createApiClient } from '../../../main/core/api/api-client.js';
import { resolvePolicy } from '../../../main/core/polling/polling-policy.js';
import { applySettingsPatch, defaultSettings } from '../../../main/core/settings.js';
import { ok } from '../../helpers/fake-api.js';
import { harness } from '../../helpers/scheduler-harness.js';

const S = 1000;

describe('API base URLs', () => {
  it.each([
    'https://api.useapi.net',
    'https://api.useapi.net.',
    'https://API.UseAPI.net../',
    'https://api.useapi.net:443/',
    'https://api%2Euseapi.net.',
  ])('%s is the official API: the 10 s floor applies', (url) => {
    expect(isOfficialApi(url)).toBe(true);
    expect(() => resolvePolicy({ intervalMs: 5 * S }, url)).toThrow(/at least 10 s/);
  });

  it('sends requests to the normalised host', () => {
    expect(parseBaseUrl('https://API.useapi.net..:443/').href).toBe('https://api.useapi.net/');
    expect(createApiClient({ baseUrl: 'https://api.useapi.net.', getToken: () => 't' }).host).toBe(
      'api.useapi.net',
    );
  });

  it.each(['http://api.useapi.net', 'http://example.com:8080', 'http://10.0.0.1', 'http://[2001:db8::1]/'])(
    'refuses plain http to %s: the token would travel in clear',
    (url) => {
      expect(() => parseBaseUrl(url)).toThrow(/must use https.*only allowed for loopback/);
    },
  );

  it.each([
    'http://127.0.0.1:8080',
    'http://127.9.8.7',
    'http://127.1:3000',
    'http://[::1]:3000',
    'http://localhost:5000',
    'http://LOCALHOST.:5000',
  ])('allows plain http to the loopback address %s', (url) => {
    expect(() => parseBaseUrl(url)).not.toThrow();
  });

  it.each(['localhost', '127.0.0.1', '::1', '[::1]', 'LocalHost.'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['localhost.example', '128.0.0.1', '::2', '127.0.0.1.nip.io'])('%s is not loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it.each(['/useapi', '/useapi/', '/a/b//', '//other.example'])(
    'keeps the path of a base URL ending %s before every API path (a proxy under a prefix)',
    async (prefix) => {
      const paths: string[] = [];
      const server = http.createServer((req, res) => {
        paths.push(req.url ?? '');
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such job"}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}${prefix}`, getToken: () => 't' });
        await api.source('v1').getJob('job-1');
        await api.source('v2').listExecuting();
        const root = prefix.replace(/\/+/g, '/').replace(/\/$/, '');
        expect(paths).toEqual([`${root}/v1/pixverse/jobs/?jobid=job-1`, `${root}/v2/pixverse/scheduler/`]);
      } finally {
        server.close();
      }
    },
  );

  it.each(['https://api.useapi.net/?x=1', 'https://api.useapi.net/#top'])(
    'refuses a base URL with a query or a fragment (%s): nothing of it could be kept',
    (url) => {
      expect(() => parseBaseUrl(url)).toThrow(/must not contain a query or a fragment/);
    },
  );

  it('refuses a URL with no host after normalisation', () => {
    expect(() => parseBaseUrl('https://./')).toThrow(/no host/);
  });

  it('the app settings refuse the same, with the same message', () => {
    const defaults = defaultSettings('/tmp/d');
    expect(() => applySettingsPatch(defaults, { apiBaseUrl: 'http://example.com' })).toThrow(
      /must use https.*only allowed for loopback/,
    );
    expect(() =>
      applySettingsPatch(defaults, { apiBaseUrl: 'https://api.useapi.net.', pollIntervalSec: 5 }),
    ).toThrow(/at least 10 seconds/);
    expect(
      applySettingsPatch(defaults, { apiBaseUrl: 'http://[::1]:8080', pollIntervalSec: 2 }),
    ).toMatchObject({
      pollIntervalSec: 2,
    });
  });
});

describe('an unreachable API host is not "offline"', () => {
  const refused = {
    kind: 'transient',
    reason: 'unreachable',
    message: 'Cannot connect to 127.0.0.1:1: connection refused; will retry.',
  } as const;

  it('names the error, holds every job with back-off, and goes on once the host answers', async () => {
    const h = harness({ policy: { intervalMs: 10 * S } });
    let down = true;
    for (const jobid of ['a', 'b'])
      h.api.script(jobid, () => (down ? refused : ok({ jobid, status: 'progress' })));
    h.scheduler.start();
    h.scheduler.track('a');
    h.scheduler.track('b');
    await h.clock.advance(100 * S);
    expect(h.scheduler.state).toMatchObject({ offline: false, message: refused.message });
    expect(h.events.state.some((s) => s.offline || /Offline/.test(s.message ?? ''))).toBe(false);
    // One account-wide message, not a lastError per job.
    expect(h.events['job-updated'].filter((e) => e.changed.includes('lastError'))).toEqual([]);
    // Probes back off (10 s, 20 s, 40 s…), so a long outage is a handful of requests, not a storm.
    expect(h.api.calls.length).toBeLessThanOrEqual(8);
    down = false;
    await h.clock.advance(61 * S);
    expect(h.scheduler.state.message).toBeUndefined();
    expect(h.store.get('a')?.job?.state).toBe('running');
    expect(h.store.get('b')?.job?.state).toBe('running');
  });
});
