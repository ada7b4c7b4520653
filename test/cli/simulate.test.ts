import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from '../helpers/cli.js';

/** The two lines `simulate` prints for a user to copy, read from its stdout. */
async function printedSettings(cli: RunningCli) {
  await cli.waitFor(/USEAPI_TOKEN=\S+\n/, 30_000);
  const baseUrl = /^USEAPI_BASE_URL=(\S+)$/m.exec(cli.stdout())![1]!;
  const token = /^USEAPI_TOKEN=(\S+)$/m.exec(cli.stdout())![1]!;
  return { baseUrl, token };
}

const get = async (url: string, token?: string) => {
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as unknown };
};

/** A port something else listens on, and a way to free it. */
async function busyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('pixverse-tray simulate', () => {
  it('prints a base URL and token that answer v1 and v2 requests, and stops on Ctrl+C', async () => {
    // Real time: its jobs and videos run for minutes, so they are still running when asked for.
    const cli = startCli(['simulate', '--speed', '1'], {});
    const { baseUrl, token } = await printedSettings(cli);
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.stdout()).toBe(`USEAPI_BASE_URL=${baseUrl}\nUSEAPI_TOKEN=${token}\n`);

    const v1List = await get(`${baseUrl}/v1/pixverse/jobs`, token);
    expect(v1List.status).toBe(200);
    const v1Jobid = (v1List.body as string[])[0]!;
    const v1Job = await get(`${baseUrl}/v1/pixverse/jobs/?jobid=${encodeURIComponent(v1Jobid)}`, token);
    expect(v1Job).toMatchObject({ status: 200, body: { jobid: v1Jobid } });

    const v2Scheduler = await get(`${baseUrl}/v2/pixverse/scheduler/`, token);
    expect(v2Scheduler.status).toBe(200);
    const v2Id = (v2Scheduler.body as { id: string }[])[0]!.id;
    expect(v2Id).toMatch(/^user:\d+-pixverse:.+-video:\d+$/);
    expect((await get(`${baseUrl}/v2/pixverse/videos/${v2Id}`, token)).status).toBe(200);
    expect((await get(`${baseUrl}/v1/pixverse/jobs`, 'wrong-token')).status).toBe(401);

    cli.child.kill('SIGINT');
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`${v1Jobid}  completes`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    await expect(fetch(`${baseUrl}/v1/pixverse/jobs`)).rejects.toThrow(); // the port is closed
  }, 60_000);

  it('listens on the --port given', async () => {
    const free = await busyPort();
    await free.close();
    const cli = startCli(['simulate', '--port', String(free.port)], {});
    const { baseUrl } = await printedSettings(cli);
    expect(baseUrl).toBe(`http://127.0.0.1:${free.port}`);
    cli.child.kill('SIGTERM');
    expect((await cli.done).code).toBe(130);
  }, 60_000);

  it('says in one line that a --port in use is in use, exit 2', async () => {
    const busy = await busyPort();
    try {
      const result = await runCli(['simulate', '--port', String(busy.port)], {});
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `pixverse-tray: port ${busy.port} on 127.0.0.1 is in use; choose another --port, or leave it out for a free one.\n`,
      );
    } finally {
      await busy.close();
    }
  });

  it.each([
    [['--port', '70000'], '--port must be a whole number from 1 to 65535, not "70000".'],
    [['--port', 'abc'], '--port must be a whole number from 1 to 65535, not "abc".'],
    [['--port'], '"--port" needs a value.'],
    [['--speed', '0'], '--speed must be a number above 0 and at most 10000, not "0".'],
    [['--speed', 'fast'], '--speed must be a number above 0 and at most 10000, not "fast".'],
    [['--sped', '2'], 'simulate has no option "--sped". Did you mean --speed?'],
    [['now'], 'simulate takes no argument ("now").'],
  ])('refuses %j with exit 2, naming the option', async (args, message) => {
    const result = await runCli(['simulate', ...args], {});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(`pixverse-tray: ${message}`);
  });
});
