// A download claimed by another process: a claim is a lease, so a crashed owner whose pid now belongs
// to a live process blocks nothing for long, and a second `watch` waits for the first one's video.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../helpers/downloads.js';
import { systemClock } from '../../main/core/clock.js';
import { ndjson, runCli, startCli, tempHome, type RunningCli } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { jobsOnDisk, testStore } from '../helpers/test-store.js';

const startSim = useSimulator();
const TOKEN = 'tok-lease-7f31';
const KiB = 1024;
const MiB = 1024 * KiB;
const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

async function setup(videoSize: number, leaseMs?: number, durationMs?: number) {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const home = tempHome();
  const out = path.join(home, 'videos');
  const env = {
    USEAPI_TOKEN: TOKEN,
    USEAPI_BASE_URL: sim.apiUrl,
    PIXVERSE_TRAY_HOME: home,
    PIXVERSE_TRAY_DOWNLOAD_LEASE_MS: leaseMs === undefined ? undefined : String(leaseMs),
  };
  const timing = durationMs ? { durationMs } : { timeline: [{ atMs: 0, status: 'completed' as const }] };
  const job = sim.addJob({ ...timing, videoSize, filename: 'clip.mp4' });
  const watch = (...extra: string[]) => {
    const cli = startCli(['watch', job.jobid, '--out', out, '--interval', '0.1', '--json', ...extra], env);
    return cli;
  };
  const videoRequests = () => sim.cdnRequests.filter((r) => r.path.includes('/attachments/'));
  const file = path.join(out, 'clip.mp4');
  return { sim, home, out, job, watch, videoRequests, file, part: `${file}.part` };
}

/** Rewrites the stored claim as a pid reused after a reboot would leave it: a live owner, a lapsed lease. */
function leaveClaimTo(home: string, jobid: string, owner: number): void {
  const { store } = testStore(systemClock, home);
  const job = store.get(jobid)!;
  const downloads = Object.fromEntries(
    Object.entries(job.downloads!).map(([key, record]) => [
      key,
      { ...record, owner, leaseUntil: Date.now() - 1 },
    ]),
  );
  store.update(jobid, { downloads }, { durable: true });
  store.close();
}

describe('a download claimed by another process', () => {
  it('a live pid that is not PixVerse Tray, with a lapsed lease, does not block: the next run resumes the .part', async () => {
    const { sim, home, job, watch, videoRequests, file, part } = await setup(3 * MiB);
    sim.cdnFaults.push({ kind: 'stall', afterBytes: 1 * MiB });
    const first = watch('--idle-timeout', '60');
    await expect.poll(() => sizeOf(part), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const kept = sizeOf(part);
    leaveClaimTo(home, job.jobid, process.pid); // this test runner: alive, and not a PixVerse Tray

    const second = await watch().done;
    expect(second.code).toBe(0);
    expect(videoRequests().map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`]);
    expect(sha256File(file)).toBe(job.attachments[0]!.video.sha256());
    expect(fs.existsSync(part)).toBe(false);
    expect(Object.values(jobsOnDisk(home)[job.jobid]!.downloads!).map((r) => r.state)).toEqual(['saved']);
  });

  it('a second watch waits for the first one to save the video, then exits 0 with it', async () => {
    const { sim, out, job, watch, videoRequests, file, part } = await setup(2 * MiB);
    sim.cdnFaults.push({ kind: 'slow', bytesPerSecond: 512 * KiB });
    const a = watch();
    await expect.poll(() => sizeOf(part), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    const b = watch();
    await b.waitFor('another PixVerse Tray process is saving this video', 20_000);
    const bDone = await b.done;
    // B ended only once the video was whole and in place.
    expect(bDone.code).toBe(0);
    expect(sha256File(file)).toBe(job.attachments[0]!.video.sha256());
    expect((await a.done).code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['clip.mp4']);
    expect(videoRequests()).toHaveLength(1);
    expect(ndjson(bDone.stdout).filter((r) => r.type === 'download-known')).toMatchObject([{ file }]);
  });

  it('a watch waiting for another process to save the video says so and exits 1 when the job is forgotten', async () => {
    const { sim, home, watch, job, part } = await setup(4 * MiB);
    sim.cdnFaults.push({ kind: 'slow', bytesPerSecond: 256 * KiB });
    const a = watch();
    await expect.poll(() => sizeOf(part), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    const b = watch();
    await b.waitFor('another PixVerse Tray process is saving this video', 20_000);
    const forget = await runCli(['forget', job.jobid], { PIXVERSE_TRAY_HOME: home });
    expect(forget.code).toBe(0);
    const bDone = await b.done;
    expect(bDone.code, bDone.stderr).toBe(1);
    const records = ndjson(bDone.stdout);
    expect(records.some((r) => r.type === 'notice' && String(r.message).includes('forgotten'))).toBe(true);
    expect(records.at(-1)).toMatchObject({
      type: 'summary',
      problems: [{ jobid: job.jobid, problem: 'forgotten' }],
    });
    a.child.kill('SIGINT');
    await a.done;
  });

  it('when the first watch is killed -9 mid-download, the second takes it over and saves it whole', async () => {
    const { sim, out, job, watch, videoRequests, file, part } = await setup(2 * MiB, 1500);
    sim.cdnFaults.push({ kind: 'slow', bytesPerSecond: 256 * KiB, stallAfterBytes: 512 * KiB });
    const a = watch('--idle-timeout', '60');
    await expect.poll(() => sizeOf(part), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    const b = watch();
    await b.waitFor('another PixVerse Tray process is saving this video', 20_000);
    a.child.kill('SIGKILL');
    expect((await a.done).signal).toBe('SIGKILL');

    const bDone = await b.done;
    expect(bDone.code).toBe(0);
    expect(sha256File(file)).toBe(job.attachments[0]!.video.sha256());
    expect(fs.readdirSync(out)).toEqual(['clip.mp4']);
    expect(videoRequests().at(-1)!.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(ndjson(bDone.stdout).filter((r) => r.type === 'download-saved')).toHaveLength(1);
  });

  it('two watches of a running job: the one that did not announce it waits for the video too', async () => {
    const { sim, out, job, watch, videoRequests, file } = await setup(2 * MiB, undefined, 20_000);
    sim.cdnFaults.push({ kind: 'slow', bytesPerSecond: 512 * KiB });
    const savedWhenDone = (cli: RunningCli) =>
      cli.done.then((result) => ({ code: result.code, whole: sizeOf(file) === 2 * MiB, out: result.stdout }));
    const [a, b] = await Promise.all([savedWhenDone(watch()), savedWhenDone(watch())]);
    expect([a.code, a.whole, b.code, b.whole]).toEqual([0, true, 0, true]);
    const finished = [...ndjson(a.out), ...ndjson(b.out)].filter((r) => r.type === 'job-finished');
    expect(finished).toHaveLength(1); // one announced it: the other learned it from the database
    expect(sha256File(file)).toBe(job.attachments[0]!.video.sha256());
    expect(fs.readdirSync(out)).toEqual(['clip.mp4']);
    expect(videoRequests()).toHaveLength(1);
  });
});
