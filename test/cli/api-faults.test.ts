// The issue #9 fault suite for API answers, timers, base URLs and network errors: the built CLI as a
// child process against a hostile server on 127.0.0.1.
import fs from 'node:fs';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../main/core/simulator/http-util.js';
import { useSimulator } from '../helpers/sim.js';
import { fiftyMegabyteJob, JOBID, sendGzipBomb } from '../helpers/hostile-answers.js';
import { ndjson, runCli, startCli, tempHome, type RunningCli } from '../helpers/cli.js';

const TOKEN = 'tok-7d1e5a90c2b4';

const startSim = useSimulator();
const closers: (() => Promise<void>)[] = [];
const running: RunningCli[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A loopback API that answers every request with `reply`, counting them. */
async function hostile(reply: http.RequestListener) {
  let requests = 0;
  const server = await listen((req, res) => {
    requests++;
    reply(req, res);
  });
  closers.push(server.close);
  return { url: server.url, requests: () => requests };
}

function watch(baseUrl: string, extra: string[] = []): RunningCli {
  const cli = startCli(['watch', JOBID, '--no-download', '--json', '--interval', '0.1', ...extra], {
    USEAPI_TOKEN: TOKEN,
    USEAPI_BASE_URL: baseUrl,
    PIXVERSE_TRAY_HOME: tempHome(),
  });
  running.push(cli);
  return cli;
}

/** The child's peak resident memory so far, in MiB (Linux VmHWM). */
function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** CPU time the child has used so far, in clock ticks (100 per second on Linux). */
function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

/** A window of real time in which nothing should happen: there is no event to wait for. */
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function interrupt(cli: RunningCli) {
  cli.child.kill('SIGTERM');
  return cli.done;
}

describe('pixverse-tray watch against a hostile API', () => {
  it.each([
    ['a 50 MB answer', (_req: http.IncomingMessage, res: http.ServerResponse) => res.end(fiftyMegabyteJob())],
    ['a gzip bomb', (_req: http.IncomingMessage, res: http.ServerResponse) => sendGzipBomb(res)],
  ])(
    'refuses %s as too large, with its memory under 300 MB',
    async (_what, reply) => {
      const api = await hostile(reply);
      const cli = watch(api.url);
      await cli.waitFor(/answer too large \(over 1 MiB\)/, 60_000);
      const peak = peakRssMiB(cli.child.pid!);
      const result = await interrupt(cli);
      expect(peak).toBeLessThan(300);
      expect(result.code).toBe(130);
      const errors = ndjson(result.stdout).filter((r) => r.type === 'job-error');
      expect(String(errors[0]?.message)).toMatch(/127\.0\.0\.1:\d+ sent an answer too large/);
      expect(result.stderr).toBe('');
    },
    90_000,
  );

  it('waits at most an hour after Retry-After: 999999999, says so, and does not spin', async () => {
    const api = await hostile((_req, res) => {
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '999999999' });
      res.end('{"error":"slow down","code":429}');
    });
    const cli = watch(api.url);
    await cli.waitFor(/asked to wait 11574 days; waiting 1 hour/);
    const ticks = cpuTicks(cli.child.pid!);
    await quietFor(2000);
    const spent = cpuTicks(cli.child.pid!) - ticks;
    const result = await interrupt(cli);
    expect(api.requests()).toBe(1);
    // A spinning timer burns a whole core; waiting burns next to nothing.
    expect(spent).toBeLessThan(100);
    expect(result.stderr).not.toMatch(/TimeoutOverflowWarning/);
    expect(result.code).toBe(130);
  });

  it('keeps backing off after 429 with Retry-After: 0', async () => {
    const api = await hostile((_req, res) => {
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '0' });
      res.end('{"error":"slow down","code":429}');
    });
    const cli = watch(api.url, ['--interval', '1']);
    await cli.waitFor(/429/);
    await quietFor(3000);
    await interrupt(cli);
    // Back-off from the 1 s interval: 1 s, 2 s, 4 s… at most 3 requests in these 3 s (a storm: dozens).
    expect(api.requests()).toBeLessThanOrEqual(4);
  });

  it('says a host that stays unreachable once, not at every probe', async () => {
    const probe = await listen(() => {});
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const cli = watch(`http://127.0.0.1:${port}`, ['--interval', '0.05']);
    await cli.waitFor('Cannot connect');
    await quietFor(3000); // probes at 0.05, 0.1, 0.2, 0.4… s: several in this time
    const result = await interrupt(cli);
    const notes = ndjson(result.stdout).filter((r) => /Cannot connect/.test(String(r.message)));
    expect(notes).toHaveLength(1);
  });

  it('names a refused connection, is not "offline", and goes on once the server is up', async () => {
    const probe = await listen(() => {});
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const cli = watch(`http://127.0.0.1:${port}`);
    await cli.waitFor(`Cannot connect to 127.0.0.1:${port}: connection refused`);
    expect(cli.stdout()).not.toMatch(/Offline/i);

    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const video = { id: 'a1', filename: 'clip.mp4', url: 'https://cdn.example.com/clip.mp4', size: 9 };
      res.end(JSON.stringify({ jobid: JOBID, status: 'completed', attachments: [video] }));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    closers.push(
      () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
    );
    const result = await cli.done;
    expect(result.code).toBe(0);
    expect(ndjson(result.stdout).at(-2)).toMatchObject({ type: 'job-finished', state: 'completed' });
  }, 60_000);
});

describe('pixverse-tray refuses unsafe API settings (exit 2)', () => {
  const cases: [string, string[], string, RegExp][] = [
    ['plain http to a remote host', [], 'http://api.useapi.net', /USEAPI_BASE_URL: .*http.*loopback/],
    ['plain http to any other host', [], 'http://example.com:8080', /USEAPI_BASE_URL: .*http.*loopback/],
    [
      'a trailing-dot official host under 10 s',
      ['--interval', '5'],
      'https://api.useapi.net.',
      /at least 10 s/,
    ],
    [
      'an upper-case host with trailing dots and :443 under 10 s',
      ['--interval', '5'],
      'https://API.UseAPI.net..:443/',
      /at least 10 s/,
    ],
    ['an interval of 1e9 seconds', ['--interval', '1e9'], 'http://127.0.0.1:9', /at most 1 hour/],
  ];
  it.each(cases)('for %s', async (_what, args, baseUrl, message) => {
    const result = await runCli(['watch', JOBID, '--no-download', ...args], {
      USEAPI_TOKEN: TOKEN,
      USEAPI_BASE_URL: baseUrl,
      PIXVERSE_TRAY_HOME: tempHome(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('pixverse-tray watch with huge timeouts', () => {
  it('--timeout 1e9 and --idle-timeout 1e9 reach no timer unclamped: the job is followed and saved', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const job = sim.addJob({ durationMs: 30_000, videoSize: 64 * 1024 });
    const home = tempHome();
    const result = await runCli(
      [
        'watch',
        job.jobid,
        '--out',
        `${home}/videos`,
        '--interval',
        '0.1',
        '--timeout',
        '1e9',
        '--idle-timeout',
        '1e9',
        '--json',
      ],
      { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home },
    );
    expect(result.stderr).not.toMatch(/TimeoutOverflowWarning/);
    expect(ndjson(result.stdout).filter((r) => r.type === 'download-saved')).toHaveLength(1);
    expect(result.code).toBe(0);
  });
});
