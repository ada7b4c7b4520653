import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDemoJobs } from '../core/simulator/demo-jobs.js';
import { Simulator } from '../core/simulator/simulator.js';
import { EXIT } from './args.js';
import { writeLines, type Output } from './output.js';
import { runWatch, type WatchDeps } from './watch.js';

const TIME_SCALE = 30;

/** Starts the simulator and watches a few jobs to their end: the app without an account. */
export async function runDemo(
  options: { json: boolean; notify: boolean },
  io: Output,
  deps: Pick<WatchDeps, 'interrupted' | 'terminal' | 'notifier'> = {},
): Promise<number> {
  const { json } = options;
  const sim = await Simulator.start({ timeScale: TIME_SCALE, recordRequests: false });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pixverse-tray-demo-'));
  const videos = path.join(home, 'videos');
  let keep = false;
  try {
    const jobs = addDemoJobs(sim);
    if (!json) {
      io.err(`Demo: a local useapi.net simulator at ${sim.apiUrl}, time running ${TIME_SCALE}× faster.`);
      io.err(`Watching ${jobs.length} jobs; one is scripted to fail and one to be moderated:`);
      for (const job of jobs) io.err(`  ${job.jobid}  "${job.prompt}"`);
      io.err('');
    }
    const code = await runWatch(
      {
        command: 'watch',
        jobs: jobs.map(({ jobid, source }) => ({ jobid, source })),
        all: false,
        exitWhenIdle: false,
        notify: options.notify,
        out: videos,
        download: true,
        timeoutMs: 10_000,
        idleTimeoutMs: 10_000,
        json,
      },
      { token: sim.token, baseUrl: sim.apiUrl, home },
      io,
      { ...deps, clock: sim.clock, nextSteps: false },
    );
    keep = savedVideos(videos) > 0;
    if (keep && !json) writeLines(io.err, `\nThe demo's videos were saved in ${videos}`);
    return code === EXIT.jobProblem ? EXIT.ok : code; // the failures are part of the script
  } finally {
    await sim.close();
    // Nothing the user may want (an interrupted run, a closed stdout): nothing left behind.
    if (!keep) fs.rmSync(home, { recursive: true, force: true });
  }
}

/** How many finished videos are in the folder (a `.part` is not one). */
function savedVideos(folder: string): number {
  try {
    return fs.readdirSync(folder).filter((name) => !name.endsWith('.part')).length;
  } catch {
    return 0;
  }
}
