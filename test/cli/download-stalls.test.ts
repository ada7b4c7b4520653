// The download fault suite through the CLI as a child process, against the simulated CDN: a crash
// during a slow download, and bodies that stall (silent, or busy on the wire without payload).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../helpers/downloads.js';
import type { CdnFault } from '../../main/core/simulator/cdn-server.js';
import { startCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-faults-5d2a';
const KiB = 1024;
const MiB = 1024 * KiB;
const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

async function setup(videoSize: number) {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const home = tempHome();
  const out = path.join(home, 'videos');
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  const job = sim.addJob({ durationMs: 20_000, videoSize, filename: 'v.mp4' });
  const watch = (...extra: string[]) => {
    const cli = startCli(['watch', job.jobid, '--out', out, '--interval', '0.1', '--json', ...extra], env);
    return cli;
  };
  const videoRequests = () => sim.cdnRequests.filter((r) => r.path.includes('/attachments/'));
  return {
    sim,
    job,
    watch,
    videoRequests,
    file: path.join(out, 'v.mp4'),
    part: path.join(out, 'v.mp4.part'),
  };
}

describe('download faults through the CLI', () => {
  it('kill -9 during a slow download leaves a non-empty .part, and the next run resumes from it', async () => {
    const { sim, job, watch, videoRequests, file, part } = await setup(2 * MiB);
    // 200 KiB/s: one 1 MiB batch would take 5 s to fill. Silent after 600 KiB, still less than a
    // batch: only the flush by size or by time puts anything in the .part.
    sim.cdnFaults.push({ kind: 'slow', bytesPerSecond: 200 * KiB, stallAfterBytes: 600 * KiB });
    const first = watch('--idle-timeout', '60');
    await expect.poll(() => sizeOf(part), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const kept = sizeOf(part);
    expect(kept).toBeGreaterThan(0);

    const second = await watch().done;
    expect(second.code).toBe(0);
    expect(videoRequests().map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`]);
    expect(sha256File(file)).toBe(job.attachments[0]!.video.sha256());
    expect(fs.existsSync(part)).toBe(false);
  });

  it.each<[string, CdnFault]>([
    ['goes silent', { kind: 'stall', afterBytes: 300 * KiB }],
    ['dribbles chunk extensions', { kind: 'dribble', afterBytes: 300 * KiB, what: 'extension', everyMs: 50 }],
    ['dribbles trailers', { kind: 'dribble', afterBytes: 300 * KiB, what: 'trailer', everyMs: 50 }],
  ])(
    'a body that %s is dropped after --idle-timeout, then resumed and completed',
    async (_what, fault) => {
      const { sim, job, watch, videoRequests, file } = await setup(MiB);
      sim.cdnFaults.push(fault);
      const result = await watch('--idle-timeout', '1').done;
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(videoRequests().map((r) => r.range)).toEqual([undefined, `bytes=${300 * KiB}-`]);
      expect(sha256File(file)).toBe(job.attachments[0]!.video.sha256());
    },
    40_000,
  );
});
