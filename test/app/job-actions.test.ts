import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrowserWindow, clipboard, Notification, shell } from '../fakes/electron.js';
import { appDirs, EVERY_JOB, makeApp, storeToken, until } from '../helpers/app-harness.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-job-actions-7788';

/** The app on a simulator (100× time) with one job the simulator calls completed at once. */
async function appWithCompletedJob(settings: { autoDownload?: boolean } = {}) {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const dirs = appDirs();
  storeToken(dirs, TOKEN);
  const app = makeApp(dirs, {
    apiBaseUrl: sim.apiUrl,
    pollIntervalSec: 1,
    autoDiscovery: false,
    ...settings,
  });
  await app.controller.start();
  app.controller.openWindow();
  const job = sim.addJob({ prompt: 'A kite over dunes', timeline: [{ atMs: 0, status: 'completed' }] });
  expect(await app.invoke('addJob', job.jobid)).toMatchObject({ ok: true });
  await until(() => app.controller.session?.store.get(job.jobid)?.state === 'completed');
  const record = () => app.controller.session!.store.get(job.jobid)!;
  const savedFile = () => Object.values(record().downloads ?? {})[0]?.file;
  const saved = () => Object.values(record().downloads ?? {})[0]?.state === 'saved';
  return { sim, dirs, app, jobid: job.jobid, record, savedFile, saved };
}

describe('downloadJob', () => {
  it('saves a completed video to the download folder when downloads are not automatic', async () => {
    const { app, dirs, jobid, savedFile, saved } = await appWithCompletedJob({ autoDownload: false });
    expect(savedFile()).toBeUndefined();
    expect(await app.invoke('downloadJob', jobid)).toEqual({ ok: true, queued: 1 });
    await until(saved);
    expect(fs.readdirSync(dirs.downloads)).toHaveLength(1);
    expect(fs.existsSync(savedFile()!)).toBe(true);
    expect(await app.invoke('downloadJob', jobid)).toEqual({
      ok: false,
      reason: 'Its video is already saved or on its way.',
    });
  });

  it('says a deleted saved file is gone, and downloads it again under the same name on request', async () => {
    const { app, jobid, savedFile, saved } = await appWithCompletedJob();
    await until(saved);
    const file = savedFile()!;
    const key = Object.keys(app.controller.session!.store.get(jobid)!.downloads!)[0]!;
    fs.rmSync(file);
    for (const channel of ['openFile', 'revealFile'])
      expect(await app.invoke(channel, jobid, key)).toEqual({
        ok: false,
        reason: expect.stringMatching(/^The saved file .+ is no longer there\.$/),
        missing: true,
      });
    expect(shell.opened).toEqual([]);
    expect(await app.invoke('downloadJob', jobid)).toEqual({ ok: true, queued: 1 });
    await until(() => saved() && fs.existsSync(file));
    expect(savedFile()).toBe(file);
    expect(await app.invoke('openFile', jobid, key)).toEqual({ ok: true });
    expect(shell.opened).toEqual([file]);
  });

  it('refuses a job still running or not tracked', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const dirs = appDirs();
    storeToken(dirs, TOKEN);
    const app = makeApp(dirs, { apiBaseUrl: sim.apiUrl, pollIntervalSec: 3600 });
    await app.controller.start();
    app.controller.openWindow();
    await app.invoke('addJob', 'user:1-job:still-running');
    expect(await app.invoke('downloadJob', 'user:1-job:still-running')).toMatchObject({ ok: false });
    expect(await app.invoke('downloadJob', 'user:1-job:never-added')).toMatchObject({ ok: false });
  });
});

describe('copyJobText', () => {
  it("writes the jobid or the video's link from main's own record to the clipboard", async () => {
    const { app, jobid, record } = await appWithCompletedJob({ autoDownload: false });
    expect(await app.invoke('copyJobText', jobid, 'jobid')).toEqual({ ok: true });
    expect(clipboard.text).toBe(jobid);
    expect(await app.invoke('copyJobText', jobid, 'videoUrl')).toEqual({ ok: true });
    expect(clipboard.text).toBe(record().job!.results[0]!.url);
    expect(clipboard.text).toMatch(/^https?:\/\/127\.0\.0\.1:\d+\/.+\.mp4/);
  });

  it('refuses a job without a video link, and an untracked job, leaving the clipboard alone', async () => {
    const app = makeApp(appDirs(), { pollIntervalSec: 3600 });
    await app.controller.start();
    app.controller.openWindow();
    await app.invoke('setToken', TOKEN, false);
    await app.invoke('addJob', 'user:1-job:no-video-yet');
    clipboard.text = 'untouched';
    expect(await app.invoke('copyJobText', 'user:1-job:no-video-yet', 'videoUrl')).toEqual({
      ok: false,
      reason: 'This job has no video link yet.',
    });
    expect(await app.invoke('copyJobText', 'user:1-job:unknown', 'jobid')).toMatchObject({ ok: false });
    expect(clipboard.text).toBe('untouched');
  });
});

describe('indexOfJob', () => {
  it("answers a job's place in the list the filter and search give, as queryJobs pages it", async () => {
    const app = makeApp(appDirs(), { pollIntervalSec: 3600 });
    await app.controller.start();
    app.controller.openWindow();
    await app.invoke('setToken', TOKEN, false);
    const ids = Array.from({ length: 7 }, (_, i) => `user:1-job:place-${i}${i % 2 ? '-odd' : ''}`);
    for (const id of ids) await app.invoke('addJob', id);
    const { rows } = (await app.invoke('queryJobs', EVERY_JOB)) as { rows: { jobid: string }[] };
    for (const [index, { jobid }] of rows.entries())
      expect(await app.invoke('indexOfJob', jobid, { filter: 'all', search: '' })).toBe(index);
    const odd = (await app.invoke('queryJobs', { ...EVERY_JOB, search: 'ODD' })) as {
      rows: { jobid: string }[];
    };
    for (const [index, { jobid }] of odd.rows.entries())
      expect(await app.invoke('indexOfJob', jobid, { filter: 'all', search: 'ODD' })).toBe(index);
    expect(await app.invoke('indexOfJob', ids[0], { filter: 'all', search: 'odd' })).toBe(-1);
    expect(await app.invoke('indexOfJob', ids[1], { filter: 'finished', search: '' })).toBe(-1);
    expect(await app.invoke('indexOfJob', 'user:1-job:unknown', { filter: 'all', search: '' })).toBe(-1);
  });
});

describe('a tray "recent job" and a notification show the window with that job selected', () => {
  it('sends showView then selectJob to the window', async () => {
    const app = makeApp(appDirs(), { pollIntervalSec: 3600 });
    await app.controller.start();
    app.controller.openWindow();
    await app.invoke('setToken', TOKEN, false);
    await app.invoke('addJob', 'user:1-job:from-the-tray');
    await until(() =>
      app
        .tray()
        .labels()
        .some((l) => l.includes('from-the-tray')),
    );
    const sent = app.window().webContents.sent;
    sent.length = 0;
    // A running job's item is a submenu: its Open shows the job (a saved video would open instead).
    const item = app.tray().menu!.items.find((i) => i.label?.includes('from-the-tray')) as {
      submenu: { label: string; click(): void }[];
    };
    item.submenu.find((i) => i.label === 'Show in Window')!.click();
    expect(sent.map((m) => [m.channel, m.payload])).toEqual([
      ['pixverse:showView', 'jobs'],
      ['pixverse:selectJob', 'user:1-job:from-the-tray'],
    ]);
    expect(BrowserWindow.all.at(-1)!.visible).toBe(true);
  });

  it("a saved video's item shows the job in the window, and plays the video only when asked", async () => {
    const { app, jobid, saved, savedFile } = await appWithCompletedJob();
    await until(saved);
    await until(() =>
      app
        .tray()
        .labels()
        .some((l) => l.includes('A kite over dunes')),
    );
    const sent = app.window().webContents.sent;
    sent.length = 0;
    const item = app.tray().menu!.items.find((i) => i.label?.includes('A kite over dunes')) as {
      submenu: { label: string; click(): void }[];
    };
    expect(item.submenu.map((i) => i.label)).toEqual(['Show in Window', 'Play Video']);
    item.submenu[0]!.click();
    expect(sent.map((m) => [m.channel, m.payload])).toEqual([
      ['pixverse:showView', 'jobs'],
      ['pixverse:selectJob', jobid],
    ]);
    expect(shell.opened).toEqual([]);
    item.submenu[1]!.click();
    await until(() => shell.opened.length > 0);
    expect(shell.opened).toEqual([savedFile()]);
  });

  it('a click on "Video ready" selects that job in the window', async () => {
    const { app, jobid } = await appWithCompletedJob({ autoDownload: false });
    await until(() => Notification.shown.some((n) => n.options.title === 'Video ready'));
    const sent = app.window().webContents.sent;
    sent.length = 0;
    Notification.shown.find((n) => n.options.title === 'Video ready')!.emit('click');
    expect(sent.map((m) => [m.channel, m.payload])).toEqual([
      ['pixverse:showView', 'jobs'],
      ['pixverse:selectJob', jobid],
    ]);
  });
});

describe('removeJob and the .part of a download that stopped half way', () => {
  it('keeps the .part while Undo can bring the job back, and deletes it once the removal is final (quit)', async () => {
    const { app, dirs, jobid } = await appWithCompletedJob({ autoDownload: false });
    const file = path.join(dirs.downloads, 'kite.mp4');
    fs.mkdirSync(dirs.downloads, { recursive: true });
    fs.writeFileSync(`${file}.part`, 'half a video');
    const store = app.controller.session!.store;
    const key = store.get(jobid)!.job!.results[0]!.key;
    store.update(jobid, { downloads: { [key]: { state: 'downloading', file, bytes: 12 } } });
    expect(await app.invoke('removeJob', jobid)).toBe(true);
    expect(await app.invoke('restoreJob', jobid)).toBe(true);
    expect(fs.existsSync(`${file}.part`)).toBe(true); // Undo resumes it
    expect(await app.invoke('removeJob', jobid)).toBe(true);
    expect(fs.existsSync(`${file}.part`)).toBe(true);
    await app.controller.quit();
    expect(fs.existsSync(`${file}.part`)).toBe(false);
  });
});
