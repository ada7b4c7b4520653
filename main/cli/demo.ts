import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Simulator } from '../core/simulator/simulator.js';
import { EXIT } from './args.js';
import { writeLines, type Output } from './output.js';
import { runWatch } from './watch.js';

const TIME_SCALE = 30;

/** Starts the simulator and watches a few jobs to their end: the app without an account. */
export async function runDemo(json: boolean, io: Output, interrupted?: Promise<void>): Promise<number> {
  const sim = await Simulator.start({ timeScale: TIME_SCALE, recordRequests: false });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pixverse-tray-demo-'));
  try {
    const jobs = [
      sim.addJob({ prompt: 'A red fox running through fresh snow at dawn', durationMs: 150_000 }),
      sim.addJob({
        prompt: 'Timelapse of a city skyline from day to night',
        style: 'Anime',
        durationMs: 240_000,
      }),
      sim.addJob({
        prompt: 'A paper boat sailing down a rainy street',
        durationMs: 120_000,
        outcome: 'failed',
      }),
      sim.addJob({ prompt: 'A forbidden prompt', durationMs: 90_000, outcome: 'moderated' }),
    ];
    if (!json) {
      io.err(`Demo: a local useapi.net simulator at ${sim.apiUrl}, time running ${TIME_SCALE}× faster.`);
      io.err(`Watching ${jobs.length} jobs; one is scripted to fail and one to be moderated.`);
      io.err('');
    }
    const code = await runWatch(
      {
        command: 'watch',
        jobids: jobs.map((j) => j.jobid),
        out: path.join(home, 'videos'),
        download: true,
        timeoutMs: 10_000,
        idleTimeoutMs: 10_000,
        json,
      },
      { token: sim.token, baseUrl: sim.apiUrl, home },
      io,
      { clock: sim.clock, interrupted },
    );
    if (!json) writeLines(io.err, `\nThe demo's videos were saved in ${path.join(home, 'videos')}`);
    return code === EXIT.jobProblem ? EXIT.ok : code; // the failures are part of the script
  } finally {
    await sim.close();
  }
}
