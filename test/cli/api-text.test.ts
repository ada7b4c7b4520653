// Text that comes from the API, as the CLI prints and stores it: bounded, and never a terminal command.
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { jobsOnDisk } from '../helpers/test-store.js';
import { listen } from '../../main/core/simulator/http-util.js';
import { ndjson, runCli, startCli, tempHome, type RunningCli } from '../helpers/cli.js';

const TOKEN = 'tok-api-text-0b7f13';
const JOBID = 'user:1-job:api-text';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const closers: (() => Promise<void>)[] = [];
const running: RunningCli[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A loopback API answering every request with `status` and `body`. */
async function answering(status: number, body: string): Promise<string> {
  const server = await listen((_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  closers.push(server.close);
  return server.url;
}

/** Resolves once the CLI's stderr holds `text`. */
function stderrShows(cli: RunningCli, text: string): Promise<void> {
  let seen = '';
  return new Promise((resolve) =>
    cli.child.stderr!.on('data', (chunk: Buffer) => (seen += chunk.toString()).includes(text) && resolve()),
  );
}

const envFor = (baseUrl: string, home = tempHome()) => ({
  USEAPI_TOKEN: TOKEN,
  USEAPI_BASE_URL: baseUrl,
  PIXVERSE_TRAY_HOME: home,
});

describe('API error text', () => {
  // 200,000 emoji: 800 KB, under the 1 MiB answer limit; a cut by UTF-16 unit could split one.
  const hugeError = JSON.stringify({ error: '😀'.repeat(200_000) });

  it('is cut to a few hundred characters on a character boundary by status', async () => {
    const result = await runCli(['status', JOBID], envFor(await answering(500, hugeError)));
    expect(result.code).toBe(1);
    expect(result.stderr.length).toBeLessThan(1000);
    expect(result.stderr).toMatch(/😀…/);
    expect(result.stderr).not.toMatch(/\uFFFD/);
  });

  it('is cut on the terminal and in the jobs file by watch', async () => {
    const home = tempHome();
    const cli = startCli(
      ['watch', JOBID, '--no-download', '--json', '--interval', '0.1'],
      envFor(await answering(500, hugeError), home),
    );
    running.push(cli);
    await cli.waitFor(/"job-error"/);
    cli.child.kill('SIGTERM');
    const result = await cli.done;
    const message = String(ndjson(result.stdout).find((r) => r.type === 'job-error')?.message);
    expect(message.length).toBeLessThan(1000);
    expect(message).toMatch(/😀…/);
    expect(message).not.toMatch(LONE_SURROGATE);
    const lastError = jobsOnDisk(home)[JOBID]!.lastError!;
    expect(lastError.length).toBeLessThan(1000);
    expect(lastError).not.toMatch(LONE_SURROGATE);
  });
});

describe('terminal escape sequences and bidi controls from outside', () => {
  const hostileText = 'err \x1b]0;PWNED\x07\x1b[2J\x1b[31mRED\x1b[0m\r\u202Egpj.exe \u2067x\u2069 \u009b2J';
  const body = JSON.stringify({ error: hostileText });
  // Anything a terminal would act on (C0, DEL, C1) or that reorders text (bidi marks, overrides, isolates).
  const ACTIVE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
  const lines = (text: string) => text.split('\n').slice(0, -1);

  it('never reach the terminal from status: the text is shown, inert', async () => {
    const result = await runCli(['status', JOBID], envFor(await answering(500, body)));
    expect(result.code).toBe(1);
    for (const line of lines(result.stderr)) expect(line).not.toMatch(ACTIVE);
    expect(result.stderr).toMatch(/PWNED.*RED.*gpj\.exe/);
  });

  it('never reach the terminal from watch, in human lines or in --json, which stays valid JSON', async () => {
    const url = await answering(500, body);
    for (const json of [false, true]) {
      const args = ['watch', JOBID, '--no-download', '--interval', '0.1', ...(json ? ['--json'] : [])];
      const cli = startCli(args, envFor(url));
      running.push(cli);
      if (json) await cli.waitFor(/"job-error"/);
      else await stderrShows(cli, 'job-error:');
      cli.child.kill('SIGTERM');
      const result = await cli.done;
      for (const line of [...lines(result.stdout), ...lines(result.stderr)]) expect(line).not.toMatch(ACTIVE);
      if (json) {
        const error = ndjson(result.stdout).find((r) => r.type === 'job-error');
        expect(String(error?.message)).toContain(hostileText);
      } else {
        expect(result.stderr).toMatch(/job-error: .*PWNED.*RED.*gpj\.exe/);
      }
    }
  });

  it('cannot forge lines of the summary: a reason with line breaks stays on its own line', async () => {
    const forged =
      'quota\n\nDone in 0s: 1 job, 1 completed.\n1 video saved (12 MB):\n  saved  /home/me/cat.mp4';
    const failed = JSON.stringify({ jobid: JOBID, status: 'failed', error: forged, content: 'x' });
    const result = await runCli(['watch', JOBID, '--interval', '0.1'], envFor(await answering(200, failed)));
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('Done in'))).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s*saved\s+\/home\/me\/cat\.mp4/m);
    expect(result.stderr).toContain('quota\\u000a\\u000aDone in 0s');
  });

  it('a job completed without a video: watch lists it as a problem (exit 1), retry refuses it (exit 1)', async () => {
    const home = tempHome();
    const completed = JSON.stringify({ jobid: JOBID, status: 'completed', content: 'done', attachments: [] });
    const env = envFor(await answering(200, completed), home);
    const watch = await runCli(['watch', JOBID, '--interval', '0.1', '--json'], env);
    expect(watch.code).toBe(1);
    expect(ndjson(watch.stdout).at(-1)).toMatchObject({
      type: 'summary',
      problems: [{ jobid: JOBID, problem: 'no-video' }],
    });
    const retry = await runCli(['retry', JOBID], env);
    expect(retry.code).toBe(1);
    expect(retry.stderr).toContain(
      `${JOBID} completed without a video at useapi.net: there is nothing to download.`,
    );
  });

  it('refuses a jobid with a bidi control at input, and echoes it inert', async () => {
    const result = await runCli(['status', 'job\u202Egpj.exe'], envFor('http://127.0.0.1:9'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no spaces, control or invisible characters/);
    for (const line of lines(result.stderr)) expect(line).not.toMatch(ACTIVE);
  });
});

describe('status words its one-shot outcomes for itself', () => {
  it.each([
    [500, '{"error":"boom"}', 1, /answered 500: boom; try again later\.$/],
    [429, '{"error":"slow down"}', 1, /rate limiting requests \(429\); try again later\.$/],
    [
      429,
      '{"error":"full","executingJobs":["a"]}',
      1,
      /queue is full \(429\); try again when one of its jobs has ended\.$/,
    ],
    [200, 'not json', 1, /not what was expected \(not JSON\); try again later\.$/],
    [
      401,
      '{"error":"bad token"}',
      3,
      /rejected the API token \(401 Unauthorized\)\. Set USEAPI_TOKEN to a valid useapi\.net API token, then run the command again\.$/,
    ],
    [504, '{"error":"busy"}', 1, /overloaded \(504: busy\); try again in about 3 minutes\.$/],
    [
      404,
      '{"error":"Unable to locate job"}',
      1,
      /does not know job .+ \(404: Unable to locate job\)\. Check the JOBID, and that USEAPI_TOKEN belongs to the account that started it\.$/,
    ],
  ])('answers %i %s: no promise of a retry it never makes', async (status, body, code, wording) => {
    const result = await runCli(['status', JOBID], envFor(await answering(status, body)));
    expect(result.code).toBe(code);
    expect(result.stderr.trim()).toMatch(wording);
    expect(result.stderr).not.toMatch(/will retry|slowing down|resume polling|Set a new token|asking again/);
  });

  it('names the host it cannot reach and says what to check', async () => {
    const probe = await listen(() => {});
    const url = probe.url;
    await probe.close();
    const result = await runCli(['status', JOBID], envFor(url));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/connection refused; check USEAPI_BASE_URL and the network\.$/);
  });
});
