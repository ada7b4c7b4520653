import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../helpers/downloads.js';
import { ndjson, runCli, startCli, tempHome } from '../helpers/cli.js';
import type { CdnFault } from '../../main/core/simulator/cdn-server.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-download-77e1';
const MiB = 1024 * 1024;

async function setup() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const home = tempHome();
  const out = path.join(home, 'videos');
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  return { sim, home, out, env };
}

describe('pixverse-tray watch --out', () => {
  it('saves every video of the completed jobs and exits 0', async () => {
    const { sim, out, env } = await setup();
    const a = sim.addJob({ durationMs: 30_000, videoSize: 3 * MiB, attachmentCount: 2 });
    const result = await runCli(['watch', a.jobid, '--out', out, '--interval', '0.1', '--json'], env);
    expect(result.code).toBe(0);
    const saved = ndjson(result.stdout).filter((r) => r.type === 'download-saved');
    expect(saved).toHaveLength(2);
    // Two downloads run at once: they may finish in either order.
    for (const record of saved) expect(path.dirname(String(record.file))).toBe(out);
    expect(saved.map((r) => sha256File(String(r.file))).sort()).toEqual(
      a.attachments.map((x) => x.video.sha256()).sort(),
    );
    expect(sim.cdnRequests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it('shows a slow download moving, a line per quarter, then where it was saved', async () => {
    const { sim, out, env } = await setup();
    const a = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: MiB });
    sim.cdnFaults.push({ kind: 'throttle', delayMs: 250 }); // 64 KiB every 250 ms: about 4 s
    const result = await runCli(['watch', a.jobid, '--out', out, '--interval', '0.1'], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const progress = lines.filter((l) => l.includes('  downloading  '));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(3);
    for (const line of progress) expect(line).toMatch(/downloading {2}(25|50|75)% of 1\.0 MB, [\d.]+ KB\/s$/);
    expect(lines.findIndex((l) => l.includes('  saved  '))).toBeGreaterThan(lines.indexOf(progress.at(-1)!));
  });

  it('downloads nothing again on a second run', async () => {
    const { sim, out, env } = await setup();
    const a = sim.addJob({ durationMs: 20_000 });
    expect((await runCli(['watch', a.jobid, '--out', out, '--interval', '0.1'], env)).code).toBe(0);
    const cdnBefore = sim.cdnRequests.length;
    const again = await runCli(['watch', a.jobid, '--out', out, '--interval', '0.1'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already saved {2}.*\.mp4/);
    expect(sim.cdnRequests.length).toBe(cdnBefore);
    expect(fs.readdirSync(out)).toHaveLength(1);
  });

  it('resumes after kill -9 mid-download with a Range beyond 0, and the bytes match', async () => {
    const { sim, out, env } = await setup();
    const a = sim.addJob({ durationMs: 20_000, videoSize: 16 * MiB, filename: 'big.mp4' });
    sim.cdnFaults.push({ kind: 'stall', afterBytes: 6 * MiB });
    const first = startCli(
      ['watch', a.jobid, '--out', out, '--interval', '0.1', '--idle-timeout', '60', '--json'],
      env,
    );
    const part = path.join(out, 'big.mp4.part');
    const deadline = Date.now() + 15_000;
    // The CDN stalls after 6 MiB; what reached the disk before is what a crash leaves behind.
    while (!(fs.existsSync(part) && fs.statSync(part).size >= 4 * MiB) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const onDisk = fs.statSync(part).size;
    expect(onDisk).toBeGreaterThanOrEqual(4 * MiB);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    const second = await runCli(['watch', a.jobid, '--out', out, '--interval', '0.1', '--json'], env);
    expect(second.code).toBe(0);
    const resumed = sim.cdnRequests.at(-1)!;
    expect(Number(/^bytes=(\d+)-$/.exec(resumed.range ?? '')?.[1])).toBe(onDisk);
    expect(sha256File(path.join(out, 'big.mp4'))).toBe(a.attachments[0]!.video.sha256());
    expect(fs.existsSync(part)).toBe(false);
  });

  // Within one run: the download queue backs off and retries (issue #9 item 1: it used to throw
  // "random is not a function" on the first back-off and exit 1).
  it.each([
    ['a truncated body', [{ kind: 'truncate', afterBytes: MiB }], 'resumed'],
    [
      'a server that ignores Range on the retry',
      [{ kind: 'truncate', afterBytes: MiB }, { kind: 'ignore-range' }],
      'resumed',
    ],
    ['a reset connection', [{ kind: 'reset' }], 'from zero'],
    ['a CDN 503', [{ kind: 'status', status: 503 }], 'from zero'],
    ['a stalled body (idle timeout)', [{ kind: 'stall', afterBytes: MiB }], 'resumed'],
  ] satisfies [string, CdnFault[], 'resumed' | 'from zero'][])(
    'retries after %s and saves a byte-exact file in one run',
    async (_what, faults, retry) => {
      const { sim, out, env } = await setup();
      const a = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: 3 * MiB });
      sim.cdnFaults.push(...faults);
      const args = ['watch', a.jobid, '--out', out, '--interval', '0.1', '--idle-timeout', '1', '--json'];
      const result = await runCli(args, env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const downloads = sim.cdnRequests.filter((r) => r.path.includes('/attachments/'));
      expect(downloads.length).toBeGreaterThanOrEqual(2);
      // Bytes that reached the .part are asked for again from where they stop.
      if (retry === 'resumed') expect(downloads[1]!.range).toMatch(/^bytes=[1-9]\d*-$/);
      else expect(downloads[1]!.range).toBeUndefined();
      const saved = ndjson(result.stdout).filter((r) => r.type === 'download-saved');
      expect(saved).toHaveLength(1);
      expect(sha256File(String(saved[0]!.file))).toBe(a.attachments[0]!.video.sha256());
      expect(fs.readdirSync(out)).toEqual([path.basename(String(saved[0]!.file))]);
    },
  );

  it('exits 1 when a video cannot be saved, saying why', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN, linkTtlMs: 0 });
    const home = tempHome();
    const a = sim.addJob({ durationMs: 20_000 });
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
    const result = await runCli(['watch', a.jobid, '--out', path.join(home, 'v'), '--interval', '0.1'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/download failed {2}The video link no longer works \(404\)/);
  });

  it('with --no-download prints the video URL and saves nothing', async () => {
    const { sim, home, env } = await setup();
    const a = sim.addJob({ durationMs: 20_000 });
    const result = await runCli(['watch', a.jobid, '--no-download', '--interval', '0.1'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/completed {2}video: http:\/\/127\.0\.0\.1/);
    expect(sim.cdnRequests).toEqual([]);
    expect(fs.existsSync(path.join(home, 'Downloads'))).toBe(false);
  });

  it('without --out saves to the folder in settings.json', async () => {
    const { sim, home, env } = await setup();
    const folder = path.join(home, 'from-settings');
    fs.writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ downloadFolder: folder }));
    const a = sim.addJob({ durationMs: 20_000 });
    expect((await runCli(['watch', a.jobid, '--interval', '0.1'], env)).code).toBe(0);
    expect(fs.readdirSync(folder)).toHaveLength(1);
  });
});
