// The tray app (fake Electron, real engine) with PixVerse API v2 videos from the simulator:
// notifications that name them, one notification for an account problem, the tray's
// "Stop tracking at useapi", and a demo of v1 and v2 jobs.
import { describe, expect, it } from 'vitest';
import { Notification } from '../fakes/electron.js';
import { appDirs, makeApp, storeToken, until } from '../helpers/app-harness.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-app-v2-8d2f4b';
const titles = () => Notification.shown.map((n) => n.options.title);
const QUICK = { queuedMs: 10_000, generatingMs: 30_000 };

async function runningApp() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const dirs = appDirs();
  storeToken(dirs, TOKEN);
  const app = makeApp(dirs, { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1, autoDiscovery: false });
  await app.controller.start();
  app.controller.openWindow(); // the IPC verbs answer the app's window only
  return { sim, dirs, app };
}

type MenuItem = { label?: string; click?: () => void; submenu?: MenuItem[] };

describe('the tray app with v2 videos', () => {
  it('names a finished v2 video by its prompt and model, and saves it', async () => {
    const { sim, app } = await runningApp();
    const video = sim.addVideo({
      ...QUICK,
      prompt: 'A glass whale in the sky',
      model: 'v5',
      quality: '1080p',
    });
    await app.invoke('addJob', video.id);
    await until(() => titles().includes('Video saved'), 20_000);
    const ready = Notification.shown.filter((n) => n.options.title === 'Video ready');
    expect(ready.map((n) => n.options.body)).toEqual(['A glass whale in the sky\nPixVerse v5 · 1080p']);
    expect(sim.videoDeletions).toEqual([]);
  });

  it('shows one notification for a PixVerse account problem (596), however many of its videos wait', async () => {
    const { sim, app } = await runningApp();
    const held = [
      sim.addVideo({ ...QUICK, email: 'ann@example.com' }),
      sim.addVideo({ ...QUICK, email: 'ann@example.com' }),
    ];
    for (const video of held)
      sim.faults.add({ kind: 'status', status: 596 }, { route: 'v2-video', jobid: video.id, count: 1000 });
    const v1 = sim.addJob({ durationMs: 20_000, prompt: 'A v1 job goes on' });
    for (const id of [...held.map((v) => v.id), v1.jobid]) await app.invoke('addJob', id);
    await until(() => titles().includes('Video saved'), 20_000);
    await until(() =>
      held.every((v) => app.controller.session!.store.get(v.id)?.lastError?.includes('(596)')),
    );
    const problems = Notification.shown.filter((n) => n.options.title === 'PixVerse account needs attention');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.options.body).toMatch(/ann@example\.com .*\(596\): add it again at useapi\.net/);
    for (const video of held) expect(app.controller.session!.store.get(video.id)?.state).toBe('active');
  });

  it('stops tracking a v2 video at useapi from the tray (DELETE scheduler only), and goes on following it', async () => {
    const { sim, app } = await runningApp();
    const video = sim.addVideo({ queuedMs: 5_000, generatingMs: 3_600_000, prompt: 'A slow v2 sunrise' });
    await app.invoke('addJob', video.id);
    const item = () =>
      (app.tray().menu?.items as MenuItem[] | undefined)?.find((i) =>
        i.label?.startsWith('A slow v2 sunrise'),
      );
    await until(() => item()?.label === 'A slow v2 sunrise — running', 30_000);
    const stop = item()!.submenu!.find(
      (i) => i.label === 'Stop Tracking at useapi (PixVerse Keeps Generating)',
    )!;
    stop.click!();
    await until(() => titles().includes('Stopped tracking at useapi'));
    expect(Notification.shown.at(-1)?.options.body).toMatch(/The generation goes on at PixVerse/);
    const cancels = sim.apiRequests.filter((r) => r.method === 'DELETE');
    expect(cancels.map((r) => [r.route, r.jobid])).toEqual([['v2-cancel', video.id]]);
    expect(video.releasedAt).toBeDefined();
    // PixVerse goes on: the app keeps polling the video, which stays tracked.
    const stoppedAt = cancels[0]!.at;
    await until(
      () => sim.apiRequests.some((r) => r.route === 'v2-video' && r.jobid === video.id && r.at > stoppedAt),
      30_000,
    );
    expect(app.controller.session!.store.get(video.id)?.state).toBe('active');
    expect(sim.videoDeletions).toEqual([]);
  }, 90_000);
});

describe('the demo', () => {
  it('shows v1 and v2 jobs side by side', async () => {
    const dirs = appDirs();
    const app = makeApp(dirs, {});
    await app.controller.start();
    app.tray().click('Try the Demo (no account needed)');
    await until(() => app.controller.state().demo);
    const jobs = app.controller.session!.store.all();
    expect(jobs.filter((j) => j.source === 'v1').length).toBeGreaterThanOrEqual(2);
    expect(jobs.filter((j) => j.source === 'v2').length).toBeGreaterThanOrEqual(2);
    // The v2 videos are followed through their own API and finish like the others.
    await until(
      () => jobs.every((j) => app.controller.session!.store.get(j.jobid)?.state !== 'active'),
      30_000,
    );
    const v2 = jobs.filter((j) => j.source === 'v2').map((j) => app.controller.session!.store.get(j.jobid)!);
    expect(v2.map((j) => j.state)).toEqual(['completed', 'completed']);
    expect(v2.every((j) => j.job?.model)).toBe(true);
  }, 60_000);
});
