import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { jobsOnDisk, testStore } from '../helpers/test-store.js';
import { systemClock } from '../../main/core/clock.js';

// A kill -9 between moving the video into place and recording it saved, rebuilt on disk deterministically.
const startSim = useSimulator();
const TOKEN = 'tok-download-crash-5e0b';
const MiB = 1024 * 1024;

/** Rewrites the stored download record as the run killed at that moment left it. */
function leaveDownloading(home: string, jobid: string): void {
  const { store } = testStore(systemClock, home);
  const job = store.get(jobid)!;
  const downloads = Object.fromEntries(
    Object.entries(job.downloads!).map(([key, record]) => [
      key,
      { ...record, state: 'downloading' as const, savedAt: undefined },
    ]),
  );
  store.update(jobid, { downloads }, { durable: true });
  store.close();
}

async function savedOnce() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const home = tempHome();
  const out = path.join(home, 'videos');
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  const job = sim.addJob({
    timeline: [{ atMs: 0, status: 'completed' }],
    videoSize: 2 * MiB,
    filename: 'clip.mp4',
  });
  const args = ['watch', job.jobid, '--out', out, '--interval', '0.1', '--json'];
  expect((await runCli(args, env)).code).toBe(0);
  expect(fs.readdirSync(out)).toEqual(['clip.mp4']);
  leaveDownloading(home, job.jobid);
  return { sim, home, out, env, args, jobid: job.jobid };
}

describe('pixverse-tray watch after a kill -9 right after the video was moved into place', () => {
  it('between the link and the removal of the .part: the same file, not a second copy', async () => {
    const { out, env, args } = await savedOnce();
    fs.linkSync(path.join(out, 'clip.mp4'), path.join(out, 'clip.mp4.part'));
    const rerun = await runCli(args, env);
    expect(rerun.code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['clip.mp4']);
    expect(fs.statSync(path.join(out, 'clip.mp4')).size).toBe(2 * MiB);
  });

  it('records the named, complete file as saved and fetches nothing again', async () => {
    const { sim, home, out, env, args, jobid } = await savedOnce();
    const fetchedBefore = sim.counts.cdn;

    const rerun = await runCli(args, env);
    expect(rerun.code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['clip.mp4']);
    expect(sim.counts.cdn).toBe(fetchedBefore);
    const saved = ndjson(rerun.stdout).filter((r) => r.type === 'download-saved');
    expect(saved).toMatchObject([{ file: path.join(out, 'clip.mp4'), bytes: 2 * MiB }]);
    const stored = jobsOnDisk(home);
    expect(Object.values(stored[jobid]!.downloads!).map((r) => r.state)).toEqual(['saved']);
  });
});
