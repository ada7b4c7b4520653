import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Notification, clipboard, dialog, shell } from '../fakes/electron.js';
import { appDirs, makeApp, storeToken, until } from '../helpers/app-harness.js';
import { forwardProxy } from '../helpers/forward-proxy.js';
import { useSimulator } from '../helpers/sim.js';
import { jobsOnDisk } from '../helpers/test-store.js';

const startSim = useSimulator();
const titles = () => Notification.shown.map((n) => n.options.title);

async function running(token = 'tok-app-flow-1234') {
  const sim = await startSim({ timeScale: 100, token });
  const dirs = appDirs();
  storeToken(dirs, token);
  const settings = { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1, autoDiscovery: false };
  return { sim, dirs, settings };
}

describe('the tray app with the real engine behind it', () => {
  it('tracks a job from the clipboard, notifies once, saves the video and offers it in the tray', async () => {
    const { sim, dirs, settings } = await running();
    const job = sim.addJob({ durationMs: 30_000, prompt: 'A lighthouse in a storm' });
    const app = makeApp(dirs, settings);
    await app.controller.start();
    clipboard.text = `  https://api.useapi.net/v1/pixverse/jobs/?jobid=${encodeURIComponent(job.jobid)}  `;
    app.tray().click('Add Job from Clipboard');
    expect(Notification.shown.at(-1)?.options).toMatchObject({ title: 'Tracking job', body: job.jobid });

    await until(() => titles().includes('Video saved'));
    expect(titles().filter((t) => t === 'Video ready')).toHaveLength(1);
    const saved = Notification.shown.find((n) => n.options.title === 'Video saved')!;
    expect(saved.options.body).toMatch(new RegExp(`^Saved to ${dirs.downloads}`));
    const file = saved.options.body!.replace('Saved to ', '');
    expect(fs.existsSync(file)).toBe(true);

    await until(() =>
      app
        .tray()
        .labels()
        .some((l) => l.includes('A lighthouse in a storm — saved')),
    );
    expect(app.tray().tooltip).toBe('PixVerse Tray — 0 running');
    app.tray().click(/A lighthouse/, 'Play Video');
    expect(shell.opened).toEqual([file]);
    saved.emit('click');
    expect(shell.opened).toEqual([file, file]);
  });

  it('notifies failed and moderated jobs with their reason, and never again after a restart', async () => {
    // Every video link is dead: the completed job's download fails, and fails again after the restart.
    const token = 'tok-app-flow-1234';
    const sim = await startSim({ timeScale: 100, token, linkTtlMs: 0 });
    const dirs = appDirs();
    storeToken(dirs, token);
    const settings = { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1, autoDiscovery: false };
    const failed = sim.addJob({ durationMs: 20_000, outcome: 'failed' });
    const moderated = sim.addJob({ durationMs: 20_000, outcome: 'moderated' });
    const unsaved = sim.addJob({ durationMs: 20_000, prompt: 'A video behind a dead link' });
    const first = makeApp(dirs, settings);
    await first.controller.start([
      '--track',
      failed.jobid,
      `pixverse-tray://track/${encodeURIComponent(moderated.jobid)}`,
      `--track=${unsaved.jobid}`,
    ]);
    const expected = ['Generation failed', 'Prompt moderated', 'Video ready', 'Video not saved'];
    await until(() => expected.every((title) => titles().includes(title)));
    expect(Notification.shown.find((n) => n.options.title === 'Generation failed')?.options.body).toMatch(
      /PixVerse could not generate this video/,
    );
    expect(Notification.shown.find((n) => n.options.title === 'Prompt moderated')?.options.body).toMatch(
      /moderation/,
    );
    await first.controller.quit();

    // The restart retries the download (and polls again): what was shown is not shown again.
    const shownBefore = titles();
    const cdnBefore = sim.cdnRequests.length;
    const second = makeApp(dirs, settings);
    await second.controller.start();
    const retried = new Promise((resolve) =>
      second.controller.session!.downloads.on('download-failed', resolve),
    );
    await retried;
    expect(sim.cdnRequests.length).toBeGreaterThan(cdnBefore);
    expect(titles()).toEqual(shownBefore);
    expect(titles().sort()).toEqual([...expected].sort());
  });

  it('says when a video could not be saved, and saves it once another folder is chosen', async () => {
    const { sim, dirs, settings } = await running();
    const job = sim.addJob({ durationMs: 5_000, prompt: 'A fox in the snow' });
    fs.mkdirSync(dirs.root, { recursive: true });
    const blocker = path.join(dirs.root, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const app = makeApp(dirs, { ...settings, downloadFolder: path.join(blocker, 'Videos') });
    await app.controller.start();
    clipboard.text = job.jobid;
    app.tray().click('Add Job from Clipboard');

    await until(() => titles().includes('Video not saved'));
    const failed = Notification.shown.find((n) => n.options.title === 'Video not saved')!;
    expect(failed.options.body).toMatch(/^A fox in the snow\nThe download folder .* choose another one/);
    failed.emit('click');
    expect(app.window()).toBeDefined();

    const picked = path.join(dirs.root, 'Picked');
    dialog.next = { canceled: false, filePaths: [picked] };
    expect(await app.invoke('chooseFolder')).toEqual({ ok: true, folder: picked });
    await until(() => titles().includes('Video saved'));
    expect(fs.readdirSync(picked)).toEqual([expect.stringMatching(/\.mp4$/)]);
    expect(titles().filter((t) => t === 'Video not saved')).toHaveLength(1);
  });

  it('polls and downloads through the proxy the OS names for each URL', async () => {
    const { sim, dirs, settings } = await running();
    const proxy = await forwardProxy();
    const asked: string[] = [];
    const job = sim.addJob({ durationMs: 5_000 });
    const app = makeApp(dirs, settings, 'linux', undefined, {
      proxyFor: async (url) => (asked.push(url), proxy.url),
    });
    await app.controller.start();
    clipboard.text = job.jobid;
    app.tray().click('Add Job from Clipboard');
    await until(() => titles().includes('Video saved'));
    expect(proxy.seen.some((url) => url.startsWith(`${sim.apiUrl}/v1/pixverse/jobs/?jobid=`))).toBe(true);
    expect(proxy.seen.some((url) => url.startsWith(`${sim.cdnUrl}/attachments/`))).toBe(true);
    expect(asked).toEqual(proxy.seen);
  });

  it('says why when the clipboard holds no jobid', async () => {
    const { dirs, settings } = await running();
    const app = makeApp(dirs, settings);
    await app.controller.start();
    clipboard.text = 'hello world, no job here';
    app.tray().click('Add Job from Clipboard');
    expect(Notification.shown.at(-1)?.options).toMatchObject({
      title: 'No jobid on the clipboard',
      body: expect.stringMatching(/does not look like a jobid.*Paste a v1 jobid, a v2 video id/),
    });
  });

  it('stops polling on 401, says so once, and resumes when a new token is set', async () => {
    const { sim, dirs, settings } = await running('tok-good-token-99');
    fs.writeFileSync(
      path.join(dirs.userData, 'token.bin'),
      Buffer.from('tok-old-token-00').map((b) => b ^ 0xa5),
    );
    const job = sim.addJob({ durationMs: 20_000 });
    const app = makeApp(dirs, settings);
    await app.controller.start([`pixverse-tray://track/${encodeURIComponent(job.jobid)}`]);
    await until(() => app.controller.state().paused === 'credentials');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(titles().filter((t) => t === 'PixVerse Tray stopped polling')).toHaveLength(1);
    expect(app.tray().labels()).toContain('Polling stopped: set a new API token…');
    const result = await app.invoke('setToken', 'tok-good-token-99', false);
    expect(result).toMatchObject({ ok: true, token: { set: true, last4: 'n-99' } });
    await until(() => app.controller.session?.store.get(job.jobid)?.state === 'completed');
  });

  it('respects the notification toggles, and still records them as handled', async () => {
    const { sim, dirs, settings } = await running();
    const job = sim.addJob({ durationMs: 20_000 });
    const app = makeApp(dirs, {
      ...settings,
      notify: { completed: false, failed: true, moderated: true, credentials: true },
    });
    await app.controller.start([`pixverse-tray://track/${encodeURIComponent(job.jobid)}`]);
    await until(
      () =>
        app.controller.session?.store.get(job.jobid)?.downloads?.[job.attachments[0]!.id]?.state === 'saved',
    );
    expect(titles()).toEqual([]);
    expect(app.controller.session!.store.get(job.jobid)!.notified).toEqual([
      'finished',
      `saved:${job.attachments[0]!.id}`,
    ]);
  });

  it('forgets a removed job in the window and the tray menu', async () => {
    const { dirs, settings } = await running();
    const app = makeApp(dirs, { ...settings, pollIntervalSec: 3600 });
    await app.controller.start(['--track', 'job-to-remove']);
    await until(() =>
      app
        .tray()
        .labels()
        .some((l) => l.startsWith('job-to-remove')),
    );
    expect(await app.invoke('removeJob', 'job-to-remove')).toBe(true);
    await until(
      () =>
        !app
          .tray()
          .labels()
          .some((l) => l.startsWith('job-to-remove')),
    );
    expect(app.window().webContents.sent).toContainEqual({
      channel: 'pixverse:jobRemoved',
      payload: 'job-to-remove',
    });
  });

  it('keeps a job added just before a settings change, in the store and in the new session', async () => {
    const { dirs, settings } = await running();
    const app = makeApp(dirs, { ...settings, pollIntervalSec: 3600 });
    await app.controller.start();
    app.controller.openWindow();
    const before = app.controller.session;
    const [added, changed] = await Promise.all([
      app.invoke('addJob', 'user:1-job:just-before'),
      app.invoke('setSettings', { pollIntervalSec: 1800 }),
    ]);
    expect(added).toEqual({ ok: true, jobid: 'user:1-job:just-before', source: 'v1' });
    expect(changed).toMatchObject({ ok: true, settings: { pollIntervalSec: 1800 } });
    expect(app.controller.session).not.toBe(before); // a new engine for the new interval
    expect(app.controller.session!.store.get('user:1-job:just-before')).toBeDefined();
    await app.controller.quit();
    expect(Object.keys(jobsOnDisk(dirs.userData))).toEqual(['user:1-job:just-before']);
  });

  it('applies a changed discovery switch at once: website videos appear once the videos list is on', async () => {
    const { sim, dirs, settings } = await running();
    const video = sim.addVideo({ prompt: 'A kite over dunes', website: true });
    const app = makeApp(dirs, { ...settings, autoDiscovery: true, discoverV2Videos: false });
    await app.controller.start();
    app.controller.openWindow();
    const before = app.controller.session;
    const changed = await app.invoke('setSettings', { discoverV2Videos: true });
    expect(changed).toMatchObject({ ok: true, settings: { discoverV2Videos: true } });
    expect(app.controller.session).not.toBe(before);
    await until(() => app.controller.session?.store.get(video.id) !== undefined);
    expect(app.controller.session!.store.get(video.id)?.source).toBe('v2');
    await app.controller.quit();
  });

  it('opens no window at start-up unless asked to track a job', async () => {
    const { dirs, settings } = await running();
    const app = makeApp(dirs, settings);
    await app.controller.start(['.', '--some-chromium-switch']);
    expect(app.window()).toBeUndefined();
  });

  it('runs the demo without an account', async () => {
    const dirs = appDirs();
    const app = makeApp(dirs, {});
    await app.controller.start();
    expect(app.tray().labels()).toContain('Try the Demo (no account needed)');
    app.tray().click('Try the Demo (no account needed)');
    await until(() => app.controller.state().demo);
    expect(app.controller.session!.store.all()).toHaveLength(6);
    expect(app.window().visible).toBe(false); // shown once ready-to-show fires
    app.window().emit('ready-to-show');
    expect(app.window().visible).toBe(true);
  });
});
