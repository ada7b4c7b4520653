import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Notification } from '../fakes/electron.js';
import { appDirs, makeApp, storeToken, until } from '../helpers/app-harness.js';
import { ndjson, startCli } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { jobsOnDisk } from '../helpers/test-store.js';

const startSim = useSimulator();
const TOKEN = 'tok-app-cli-share-7d1f';
const KiB = 1024;

/** The app (this process, on the fake Electron) and the CLI (a child process) on one jobs database. */
async function appAndCliHome() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const dirs = appDirs();
  storeToken(dirs, TOKEN);
  const app = makeApp(dirs, { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1, autoDiscovery: false });
  await app.controller.start();
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: dirs.userData };
  const notified = (title: string, prompt: string) =>
    Notification.shown.filter((n) => n.options.title === title && n.options.body === prompt).length;
  return { sim, dirs, app, env, notified };
}

describe('the app and the CLI on one jobs database at once (two processes)', () => {
  it('lose no job, and announce and save each finished job exactly once across both', async () => {
    const { sim, dirs, app, env, notified } = await appAndCliHome();
    const prompts = new Map<string, string>();
    const add = (prompt: string) => {
      const job = sim.addJob({ durationMs: 200_000, videoSize: 64 * KiB, prompt });
      prompts.set(job.jobid, prompt);
      return job;
    };
    const shared = [1, 2, 3].map((i) => add(`shared ${i}`));
    const appOnly = add('app only');
    const cliOnly = add('cli only');
    for (const job of [...shared, appOnly]) app.controller.session!.scheduler.track(job.jobid);
    const out = path.join(dirs.root, 'cli-videos');
    const jobids = [...shared, cliOnly].map((j) => j.jobid);
    const cli = await startCli(['watch', ...jobids, '--out', out, '--interval', '0.1', '--json'], env).done;
    expect([cli.code, cli.stderr]).toEqual([0, '']);

    const all = [...shared, appOnly, cliOnly];
    const store = app.controller.session!.store;
    await until(() => all.every((j) => store.get(j.jobid)?.state === 'completed'), 30_000);
    await app.controller.session!.downloads.idle();
    const records = ndjson(cli.stdout);
    for (const job of all) {
      const prompt = prompts.get(job.jobid)!;
      const cliFinished = records.filter((r) => r.jobid === job.jobid && r.type === 'job-finished').length;
      const cliSaved = records.filter((r) => r.jobid === job.jobid && r.type === 'download-saved').length;
      expect([cliFinished + notified('Video ready', prompt), prompt]).toEqual([1, prompt]);
      const appSaved = Object.values(store.get(job.jobid)!.downloads ?? {}).filter(
        (d) => d.state === 'saved' && !d.file?.startsWith(out),
      ).length;
      expect([cliSaved + appSaved, prompt]).toEqual([1, prompt]);
    }
    await app.controller.quit();
    expect(Object.keys(jobsOnDisk(dirs.userData)).sort()).toEqual(all.map((j) => j.jobid).sort());
  }, 60_000);

  it('the app picks up and polls a job the CLI added, and announces it once when the CLI is gone', async () => {
    const { sim, env, app, notified } = await appAndCliHome();
    const prompt = 'left by the CLI';
    const job = sim.addJob({ durationMs: 300_000, prompt });
    const cli = startCli(['watch', job.jobid, '--interval', '0.1', '--no-download', '--json'], env);
    await cli.waitFor('"type":"job-updated"');
    cli.child.kill('SIGTERM');
    const ended = await cli.done;
    expect(ndjson(ended.stdout).filter((r) => r.type === 'job-finished')).toEqual([]);
    const store = app.controller.session!.store;
    await until(() => store.get(job.jobid)?.state === 'completed', 30_000);
    await until(() => notified('Video ready', prompt) > 0);
    expect(notified('Video ready', prompt)).toBe(1);
  }, 60_000);
});
