import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type DownloadConfig, type Engine } from '../../main/core/engine.js';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import type { TrackedJob } from '../../main/core/store/job-store-schema.js';
import { startCli } from '../helpers/cli.js';
import { sha256File } from '../helpers/downloads.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { useSimulator } from '../helpers/sim.js';
import { tempDir } from '../helpers/temp.js';

const startSim = useSimulator();
const KiB = 1024;

const running = new Set<Engine>();
afterEach(() => {
  for (const engine of running) engine.stop();
  running.clear();
});

/** An engine on the simulator, polling every 100 ms; `downloads` as the app or the CLI would pass. */
function openEngine(sim: Simulator, storeDir: string, downloads?: DownloadConfig): Engine {
  const engine = createEngine({
    storeDir,
    baseUrl: sim.apiUrl,
    getToken: () => sim.token,
    policy: { intervalMs: 100 },
    discoverNewJobs: false,
    downloads,
  });
  running.add(engine);
  return engine;
}

function stopEngine(engine: Engine): void {
  running.delete(engine);
  engine.stop();
}

/** The next finish the engine's scheduler reports, of either kind. */
const nextFinish = (engine: Engine, kind: 'job-finished' | 'job-finished-elsewhere') =>
  new Promise<TrackedJob>((resolve) => {
    const off = engine.scheduler.on(kind, (job) => (off(), resolve(job)));
  });

/** The next video the engine saves. */
const nextSaved = (engine: Engine) =>
  new Promise<{ file: string }>((resolve) => {
    const off = engine.downloads!.on('download-saved', (saved) => (off(), resolve(saved)));
  });

const filesIn = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder) : []);

describe('the engine', () => {
  it('saves a completed job once, and leaves it saved when it starts again', async () => {
    const sim = await startSim({ timeScale: 100 });
    const job = sim.addJob({ durationMs: 30_000, videoSize: 64 * KiB });
    const [storeDir, folder] = [tempDir('engine'), tempDir('videos')];
    const engine = openEngine(sim, storeDir, { folder: () => folder });
    const saved: string[] = [];
    engine.downloads!.on('download-saved', ({ file }) => saved.push(file));
    engine.start();
    engine.scheduler.track(job.jobid);
    await nextSaved(engine);
    await engine.downloads!.idle();
    expect(saved).toHaveLength(1);
    expect(sha256File(saved[0]!)).toBe(job.attachments[0]!.video.sha256());
    stopEngine(engine);

    const again = openEngine(sim, storeDir, { folder: () => folder });
    again.downloads!.on('download-saved', ({ file }) => saved.push(file));
    again.start();
    await again.downloads!.idle();
    expect(saved).toHaveLength(1);
    expect(sim.cdnRequests).toHaveLength(1);
    expect(filesIn(folder)).toEqual([path.basename(saved[0]!)]);
  });

  it('saves nothing by itself when auto-download is off', async () => {
    const sim = await startSim({ timeScale: 100 });
    const job = sim.addJob({ durationMs: 30_000, videoSize: 64 * KiB });
    const [storeDir, folder] = [tempDir('engine'), tempDir('videos')];
    const engine = openEngine(sim, storeDir, { folder: () => folder, autoDownload: false });
    engine.start();
    engine.scheduler.track(job.jobid);
    expect((await nextFinish(engine, 'job-finished')).state).toBe('completed');
    await engine.downloads!.idle();
    expect(sim.cdnRequests).toEqual([]);
    expect(engine.store.get(job.jobid)?.downloads ?? {}).toEqual({});
    expect(filesIn(folder)).toEqual([]);
  });

  it('saves a stored job left unsaved when it starts, fetching its expired link again through the scheduler', async () => {
    const simClock = new FakeClock();
    const sim = await startSim({ clock: simClock, linkTtlMs: 60_000 });
    const job = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: 64 * KiB });
    const [storeDir, folder] = [tempDir('engine'), tempDir('videos')];
    const first = openEngine(sim, storeDir, { folder: () => folder, autoDownload: false });
    first.start();
    first.scheduler.track(job.jobid);
    await nextFinish(first, 'job-finished');
    stopEngine(first);
    await simClock.advance(120_000); // the stored link has expired

    const engine = openEngine(sim, storeDir, { folder: () => folder });
    const saved = nextSaved(engine);
    engine.start();
    expect(sha256File((await saved).file)).toBe(job.attachments[0]!.video.sha256());
    expect(engine.scheduler.stats.jobRequests).toBe(1); // the refresh, within the account's budget
    expect(sim.cdnRequests.length).toBeGreaterThanOrEqual(2); // the expired link, then the fresh one
  });

  it('does not save a second copy of a job another process announced', async () => {
    const sim = await startSim({ timeScale: 100 });
    const job = sim.addJob({ durationMs: 30_000, videoSize: 64 * KiB });
    const [home, mine] = [tempDir('engine'), tempDir('videos')];
    const theirs = path.join(home, 'cli-videos');
    const engine = openEngine(sim, home, { folder: () => mine });
    const finished = Promise.race([
      nextFinish(engine, 'job-finished').then(() => 'here'),
      nextFinish(engine, 'job-finished-elsewhere').then(() => 'elsewhere'),
    ]);
    engine.start();
    engine.scheduler.track(job.jobid);
    const cli = startCli(['watch', job.jobid, '--out', theirs, '--interval', '0.1', '--json'], {
      USEAPI_TOKEN: sim.token,
      USEAPI_BASE_URL: sim.apiUrl,
      PIXVERSE_TRAY_HOME: home,
    });
    const [where, result] = await Promise.all([finished, cli.done]);
    await engine.downloads!.idle();
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(['here', 'elsewhere']).toContain(where);
    expect([...filesIn(mine), ...filesIn(theirs)]).toHaveLength(1);
    expect(sim.cdnRequests).toHaveLength(1);
  });
});
