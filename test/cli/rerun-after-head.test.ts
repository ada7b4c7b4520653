// A run ended by its reader (`| head -1`) mid-download, run again at once: the dead run's lease is
// still current, but its pid is gone, so the next run takes the download over and resumes its .part.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../helpers/downloads.js';
import { runCli, runCliPiped, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-rerun-head-93ab';
const KiB = 1024;
const MiB = 1024 * KiB;

describe('watch | head -1 mid-download, then watch again at once', () => {
  // head -1 ends it as the downloads reserve their names; grep once some bytes are in a .part.
  it.each(['head -1', 'grep -m1 \'"type":"download-progress"\''])(
    '| %s: one whole file per video under its own name, no "(2)", no .part left',
    async (tail) => {
      const sim = await startSim({ timeScale: 100, token: TOKEN });
      const home = tempHome();
      const out = path.join(home, 'videos');
      const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
      const jobs = ['a.mp4', 'b.mp4', 'c.mp4'].map((filename) =>
        sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: MiB, filename }),
      );
      sim.cdnFaults.push({ kind: 'throttle', delayMs: 100 });
      const args = ['watch', ...jobs.map((j) => j.jobid), '--out', out, '--interval', '1', '--json'];
      const piped = await runCliPiped(args, tail, env);
      expect(piped.cliCode).toBe(141);

      const again = await runCli(args, env);
      expect(again.code).toBe(0);
      expect(fs.readdirSync(out).sort()).toEqual(['a.mp4', 'b.mp4', 'c.mp4']);
      for (const job of jobs)
        expect(sha256File(path.join(out, job.attachments[0]!.filename!))).toBe(
          job.attachments[0]!.video.sha256(),
        );
    },
    120_000,
  );
});
