import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppController } from '../../main/app/app-controller.js';
import { APP_ID, startApp, type ElectronModules } from '../../main/app/wire-app.js';
import * as electron from '../fakes/electron.js';
import { appDirs, storeToken, until, type AppDirs } from '../helpers/app-harness.js';
import { useSimulator } from '../helpers/sim.js';
import { jobsOnDisk } from '../helpers/test-store.js';

const startSim = useSimulator();
const started: AppController[] = [];
afterEach(async () => {
  for (const controller of started.splice(0)) await controller.quit();
});

/** The entry's wiring (what main/index.ts runs) on the fake Electron, in temp folders. */
function launch(dirs: AppDirs, argv: string[] = []) {
  electron.app.paths = { userData: dirs.userData, downloads: path.join(dirs.root, 'Downloads') };
  const logs: string[] = [];
  const running = startApp(electron as unknown as ElectronModules, {
    argv: ['/opt/PixVerse Tray/pixverse-tray', ...argv],
    root: dirs.root,
    preload: '/app/preload.cjs',
    platform: 'linux',
    log: (line) => logs.push(line),
  });
  const ready = running.ready.then((controller) => {
    if (controller) started.push(controller);
    return controller;
  });
  return { running, ready, logs };
}

/** A user with a token and settings that point at a local simulator (never the real API). */
async function userWithToken() {
  const sim = await startSim({ timeScale: 100, token: 'tok-wired-app-1234' });
  const dirs = appDirs();
  storeToken(dirs, 'tok-wired-app-1234');
  const settings = { apiBaseUrl: sim.apiUrl, pollIntervalSec: 3600, autoDiscovery: false };
  fs.writeFileSync(path.join(dirs.userData, 'settings.json'), JSON.stringify(settings));
  return { sim, dirs };
}

const tracked = (controller: AppController | undefined) =>
  (controller?.session?.store.all() ?? []).map((j) => j.jobid).sort();

describe('the Electron entry (startApp on the fake Electron)', () => {
  it('registers the app id, the protocol and a tray, with no window until asked', async () => {
    const { dirs } = await userWithToken();
    const { ready } = launch(dirs);
    const controller = await ready;
    expect(controller).toBeDefined();
    expect(electron.app.appUserModelId).toBe(APP_ID);
    expect(electron.app.protocols).toEqual(['pixverse-tray']);
    expect(electron.app.dock.hidden).toBe(true);
    expect(electron.Tray.all).toHaveLength(1);
    expect(electron.BrowserWindow.all).toHaveLength(0);
  });

  it("runs the demo in a folder of its own: the user's jobs.db stays byte-identical", async () => {
    const { dirs } = await userWithToken();
    const first = await launch(dirs, ['--track', 'user:1-job:mine']).ready;
    expect(tracked(first)).toEqual(['user:1-job:mine']);
    await first!.quit();
    started.length = 0;
    const jobsFile = path.join(dirs.userData, 'jobs.db');
    const before = fs.readFileSync(jobsFile);

    const demo = await launch(dirs, ['--demo']).ready;
    expect(demo!.state().demo).toBe(true);
    // The demo's jobs reach its own database (every track is written at once).
    await until(() => Object.keys(jobsOnDisk(path.join(dirs.userData, 'demo'))).length === 6);
    await demo!.quit();
    started.length = 0;
    expect(fs.readFileSync(jobsFile).equals(before)).toBe(true);

    const after = await launch(dirs).ready;
    expect(tracked(after)).toEqual(['user:1-job:mine']);
  });

  it('says why it could not start (log and dialog) and quits, instead of idling in the tray', async () => {
    const dirs = appDirs();
    const blocker = path.join(dirs.root, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    dirs.userData = path.join(blocker, 'userData'); // settings.json cannot be created there
    const { ready, logs } = launch(dirs);
    await expect(ready).resolves.toBeUndefined();
    expect(electron.dialog.errorBoxes).toEqual([
      { title: 'PixVerse Tray could not start', content: expect.stringMatching(/ENOTDIR|not a directory/) },
    ]);
    expect(logs.join('\n')).toMatch(/PixVerse Tray could not start: .*(ENOTDIR|not a directory)/);
    expect(electron.app.quitCalls).toBe(1);
  });

  it('stops what had started when start-up fails half-way (no tray), says why and quits', async () => {
    const { dirs } = await userWithToken();
    electron.Tray.failWith = new Error('No system tray is available');
    const { ready, logs } = launch(dirs, ['--track', 'user:1-job:kept']);
    await expect(ready).resolves.toBeUndefined();
    expect(electron.dialog.errorBoxes).toEqual([
      { title: 'PixVerse Tray could not start', content: 'No system tray is available' },
    ]);
    expect(logs.join('\n')).toMatch(/could not start: Error: No system tray is available/);
    expect(electron.ipcMain.handlers.size).toBe(0); // the handlers it had registered are gone
    expect(electron.app.quitCalls).toBeGreaterThanOrEqual(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    const dirs = appDirs();
    electron.app.singleInstance = false;
    const { ready } = launch(dirs, ['--track', 'job-for-the-first']);
    await expect(ready).resolves.toBeUndefined();
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.Tray.all).toHaveLength(0);
    expect(fs.readdirSync(dirs.userData)).toEqual([]);
  });

  it("tracks a second instance's --track job and brings the window up", async () => {
    const { dirs } = await userWithToken();
    const controller = await launch(dirs).ready;
    electron.app.fire('second-instance', [
      '/opt/PixVerse Tray/pixverse-tray',
      '--track',
      'user:1-job:second',
    ]);
    expect(tracked(controller)).toEqual(['user:1-job:second']);
    expect(electron.BrowserWindow.all).toHaveLength(1);
    electron.app.fire('second-instance', ['/opt/PixVerse Tray/pixverse-tray']);
    expect(electron.BrowserWindow.all).toHaveLength(1);
    expect(electron.BrowserWindow.all[0]!.focused).toBe(1);
  });

  it('tracks pixverse-tray://track/<jobid> links: at launch, and from the OS (even before start-up is done)', async () => {
    const { dirs } = await userWithToken();
    const { ready } = launch(dirs, ['pixverse-tray://track/user%3A1-job%3Aat-launch']);
    // macOS hands a cold start's link over as open-url, before the app is ready.
    const early = electron.app.fire('open-url', 'pixverse-tray://track/user%3A1-job%3Aearly');
    expect(early.defaultPrevented).toBe(true);
    const controller = await ready;
    expect(tracked(controller)).toEqual(['user:1-job:at-launch', 'user:1-job:early']);
    const later = electron.app.fire('open-url', 'pixverse-tray://track/user%3A1-job%3Alater');
    expect(later.defaultPrevented).toBe(true);
    expect(tracked(controller)).toEqual(['user:1-job:at-launch', 'user:1-job:early', 'user:1-job:later']);
    electron.app.fire('open-url', 'pixverse-tray://evil/user%3A1-job%3Anope');
    expect(tracked(controller)).toHaveLength(3);
    expect(electron.BrowserWindow.all).toHaveLength(1);
  });
});
