import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../main/core/api/api-client.js';
import { listen } from '../../../main/core/simulator/http-util.js';
import { useSimulator } from '../../helpers/sim.js';

const startSim = useSimulator();

async function setup(timeoutMs = 2000) {
  const sim = await startSim();
  const token = sim.token;
  const api = createApiClient({ baseUrl: sim.apiUrl, getToken: () => token, timeoutMs });
  return { sim, api };
}

describe('API client against the simulator', () => {
  it('fetches and validates a job, URL-encoding the jobid', async () => {
    const { sim, api } = await setup();
    const job = sim.addJob({ jobid: 'user:1-job:a&b=c/d?e f#g' });
    const outcome = await api.getJob(job.jobid);
    expect(outcome).toMatchObject({ kind: 'ok', value: { source: 'v1', id: job.jobid, state: 'queued' } });
    expect(sim.apiRequests[0]).toMatchObject({ route: 'job', jobid: job.jobid, authorized: true });
  });

  it.each([
    [401, 'credentials', /rejected the API token/],
    [402, 'credentials', /no subscription/],
  ])('maps %i to a credentials problem', async (status, kind, message) => {
    const { sim, api } = await setup();
    const job = sim.addJob();
    if (status === 401) sim.token = 'another-token';
    else sim.subscriptionActive = false;
    const outcome = await api.getJob(job.jobid);
    expect(outcome).toMatchObject({ kind, status });
    expect(outcome.kind !== 'ok' && outcome.message).toMatch(message);
  });

  it('maps 400 (no jobid) to a bug report, not a retry', async () => {
    const { api } = await setup();
    const outcome = await api.getJob('');
    expect(outcome).toMatchObject({ kind: 'bad-request' });
    expect(outcome.kind !== 'ok' && outcome.message).toMatch(/bug in PixVerse Tray/);
  });

  it('maps 404 and 410 to terminal outcomes', async () => {
    const { sim, api } = await setup();
    expect(await api.getJob('nope')).toMatchObject({ kind: 'not-found' });
    const old = sim.addJob({ createdAt: sim.clock.now() - 32 * 24 * 3600 * 1000 });
    expect(await api.getJob(old.jobid)).toMatchObject({ kind: 'expired' });
  });

  it('reads Retry-After and a full queue from a 429', async () => {
    const { sim, api } = await setup();
    const job = sim.addJob();
    sim.faults.add({ kind: 'rate-limit', retryAfter: '42', executingJobs: true });
    expect(await api.getJob(job.jobid)).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 42_000,
      queueFull: true,
    });
    sim.faults.add({ kind: 'rate-limit' });
    expect(await api.getJob(job.jobid)).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: undefined,
      queueFull: false,
    });
  });

  it.each([
    [{ kind: 'status', status: 503 } as const, 'server'],
    [{ kind: 'status', status: 504 } as const, 'overloaded'],
    [{ kind: 'reset' } as const, 'reset'],
    [{ kind: 'malformed' } as const, 'malformed'],
    [{ kind: 'not-a-job' } as const, 'malformed'],
    [{ kind: 'hang' } as const, 'timeout'],
  ])('treats %o as transient (%s)', async (fault, reason) => {
    const { sim, api } = await setup(300);
    const job = sim.addJob();
    sim.faults.add(fault);
    const outcome = await api.getJob(job.jobid);
    expect(outcome).toMatchObject({ kind: 'transient', reason });
    expect(outcome.kind !== 'ok' && outcome.message).not.toContain(sim.token);
  });

  it('names a refused connection to the configured host instead of saying offline', async () => {
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:9', getToken: () => 't', timeoutMs: 1000 });
    expect(await api.getJob('x')).toEqual({
      kind: 'transient',
      reason: 'unreachable',
      message: 'Cannot connect to 127.0.0.1:9: connection refused; will retry.',
      cause: 'Cannot connect to 127.0.0.1:9: connection refused',
    });
  });

  it('lists executing jobs and cancels one', async () => {
    const { sim, api } = await setup();
    const running = sim.addJob();
    sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }] });
    expect(await api.listExecuting()).toEqual({ kind: 'ok', value: [running.jobid] });
    expect(await api.cancelJob(running.jobid)).toEqual({
      kind: 'ok',
      value: { jobid: running.jobid, status: 'cancelled' },
    });
    expect(await api.getJob(running.jobid)).toMatchObject({ kind: 'ok', value: { state: 'cancelled' } });
    expect(await api.listExecuting()).toEqual({ kind: 'ok', value: [] });
  });

  it('never follows a redirect, so the token cannot leave the API host', async () => {
    const seen: (string | undefined)[] = [];
    const elsewhere = await listen((req, res) => {
      seen.push(req.headers.authorization);
      res.end('{}');
    });
    const redirector = await listen((_req, res) => {
      res.writeHead(302, { Location: `${elsewhere.url}/v1/pixverse/jobs/?jobid=a` });
      res.end();
    });
    try {
      const api = createApiClient({
        baseUrl: redirector.url,
        getToken: () => 'secret-token',
        timeoutMs: 1000,
      });
      const outcome = await api.getJob('a');
      expect(outcome.kind).toBe('transient');
      expect(seen).toEqual([]);
    } finally {
      await Promise.all([elsewhere.close(), redirector.close()]);
    }
  });

  it('refuses a base URL that is not http(s) or carries credentials', () => {
    expect(() => createApiClient({ baseUrl: 'file:///etc/passwd', getToken: () => 't' })).toThrow(/https/);
    expect(() => createApiClient({ baseUrl: 'https://u:p@api.useapi.net', getToken: () => 't' })).toThrow(
      /password/,
    );
  });

  it('sends no Authorization header when no token is set', async () => {
    const headers: http.IncomingHttpHeaders[] = [];
    const server = await listen((req, res) => {
      headers.push(req.headers);
      res.writeHead(401);
      res.end('{"error":"Unauthorized","code":401}');
    });
    try {
      const api = createApiClient({ baseUrl: server.url, getToken: () => undefined });
      expect(await api.getJob('a')).toMatchObject({ kind: 'credentials', status: 401 });
      expect(headers[0]?.authorization).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
