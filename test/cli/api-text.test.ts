// Text that comes from the API, as the CLI prints and stores it: bounded, and never a terminal command.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
    const stored = JSON.parse(fs.readFileSync(path.join(home, 'jobs.json'), 'utf8')) as {
      jobs: Record<string, { lastError?: string }>;
    };
    const lastError = stored.jobs[JOBID]!.lastError!;
    expect(lastError.length).toBeLessThan(1000);
    expect(lastError).not.toMatch(LONE_SURROGATE);
  });
});
