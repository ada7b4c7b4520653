import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openExternalSafely, SECURE_WEB_PREFERENCES } from '../../main/app/main-window.js';
import { registerIpcHandlers, type IpcHandlers } from '../../main/app/ipc-handlers.js';
import { isAllowedExternalUrl } from '../../main/app/url-policy.js';
import { clipboard, dialog, FakeWebContents, ipcMain, shell } from '../fakes/electron.js';
import { appDirs, EVERY_JOB, makeApp, until } from '../helpers/app-harness.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();

const HOSTILE_URLS = [
  'http://useapi.net/',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'file://C:/Windows/win.ini',
  'vbscript:msgbox(1)',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'ftp://useapi.net/x',
  'smb://attacker/share',
  'ms-msdt:/id PCWDiagnostic',
  'https://evil.example/',
  'https://useapi.net.evil.example/',
  'https://evil.example/https://useapi.net/',
  'https://useapi.net@evil.example/',
  'https://user:pass@useapi.net/',
  'https://useapi.net:8443/',
  'https://xn--useapi-9ya.net/',
  'https://discord.com.evil.example/',
  '//evil.example/',
  ' https://useapi.net/',
  'https://127.0.0.1/',
  'https://[::1]/',
  '',
  'not a url',
];

describe('URLs that leave the app', () => {
  it.each(HOSTILE_URLS)('refuses %j for openExternal', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
    expect(openExternalSafely(shell, url)).toBe(false);
    expect(shell.external).toEqual([]);
  });

  it('opens allow-listed https links', () => {
    expect(openExternalSafely(shell, 'https://useapi.net/docs/api-pixverse-v1')).toBe(true);
    expect(shell.external).toEqual(['https://useapi.net/docs/api-pixverse-v1']);
  });
});

describe('the main window', () => {
  async function openedWindow() {
    const app = makeApp(appDirs());
    await app.controller.start();
    app.controller.openWindow();
    return app;
  }

  it('is created hidden, sandboxed, isolated, without Node, with only the preload', async () => {
    const app = await openedWindow();
    const { options } = app.window();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/preload.cjs' });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(app.window().loadedUrl).toBe(app.page);
  });

  it.each(HOSTILE_URLS.filter(Boolean))('blocks navigation and new windows to %j', async (url) => {
    const app = await openedWindow();
    const contents = app.window().webContents;
    expect(contents.navigate(url)).toBe(true);
    expect(contents.navigate(url, 'will-redirect')).toBe(true);
    expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    expect(shell.external).toEqual([]);
  });

  it('lets the window reload its own page, and denies every permission', async () => {
    const app = await openedWindow();
    const contents = app.window().webContents;
    expect(contents.navigate(app.page)).toBe(false);
    let granted: boolean | undefined;
    contents.permissionRequestHandler!(contents, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(contents.permissionCheckHandler!()).toBe(false);
  });

  it('hides instead of closing, so the app stays in the tray', async () => {
    const app = await openedWindow();
    app.window().emit('ready-to-show');
    expect(app.window().tryClose()).toBe(true);
    expect(app.window().visible).toBe(false);
  });
});

describe('IPC', () => {
  it('refuses a sender that is not the app window, or a frame showing another page', async () => {
    const app = makeApp(appDirs());
    await app.controller.start();
    app.controller.openWindow();
    const stranger = new FakeWebContents();
    await expect(ipcMain.invoke('pixverse:queryJobs', stranger, app.page, EVERY_JOB)).rejects.toThrow(
      /did not come from the PixVerse Tray window/,
    );
    await expect(
      ipcMain.invoke('pixverse:queryJobs', app.window().webContents, 'https://evil.example/', EVERY_JOB),
    ).rejects.toThrow(/did not come from/);
    await expect(app.invoke('queryJobs', EVERY_JOB)).resolves.toEqual({ total: 0, rows: [] });
  });

  it.each([
    ['downloadJob', ['user:1-job:x']],
    ['copyJobText', ['user:1-job:x', 'jobid']],
    ['indexOfJob', ['user:1-job:x', { filter: 'all', search: '' }]],
  ])('refuses %s from a stranger or another page, and copies nothing', async (channel, args) => {
    const app = makeApp(appDirs());
    await app.controller.start();
    app.controller.openWindow();
    clipboard.text = 'untouched';
    const stranger = new FakeWebContents();
    await expect(ipcMain.invoke(`pixverse:${channel}`, stranger, app.page, ...args)).rejects.toThrow(
      /did not come from the PixVerse Tray window/,
    );
    const frame = 'https://evil.example/';
    await expect(
      ipcMain.invoke(`pixverse:${channel}`, app.window().webContents, frame, ...args),
    ).rejects.toThrow(/did not come from/);
    expect(clipboard.text).toBe('untouched');
  });

  it.each([
    ['addJob', [123]],
    ['addJob', []],
    ['removeJob', ['has spaces']],
    ['removeJob', [{ jobid: 'x' }]],
    ['restoreJob', [{ jobid: 'x', notified: [] }]],
    ['restoreJob', ['has spaces']],
    ['openFile', ['job', '']],
    ['setSettings', [{ pollIntervalSec: 'soon' }]],
    ['setSettings', [{ shell: 'rm -rf /' }]],
    ['setSettings', [{ downloadFolder: '' }]],
    ['setSettings', [{ downloadFolder: '/home/user/.ssh' }]],
    ['setSettings', [{ apiBaseUrl: 'https://token-thief.example' }]],
    ['setToken', ['short', false]],
    ['setToken', ['a-long-enough-token', 'yes']],
    ['queryJobs', [EVERY_JOB, 'extra']],
    ['queryJobs', [{ ...EVERY_JOB, limit: 1_000_000 }]],
    ['downloadJob', []],
    ['downloadJob', ['has spaces']],
    ['downloadJob', [{ jobid: 'x' }]],
    ['copyJobText', ['user:1-job:x']],
    ['copyJobText', ['user:1-job:x', 'prompt']],
    ['copyJobText', ['user:1-job:x', 'free text for the clipboard']],
    ['copyJobText', ['has spaces', 'jobid']],
    ['copyJobText', ['user:1-job:x', 'jobid', 'extra']],
    ['indexOfJob', ['user:1-job:x']],
    ['indexOfJob', ['user:1-job:x', { filter: 'everything', search: '' }]],
    ['indexOfJob', ['user:1-job:x', { filter: 'all', search: 'x'.repeat(501) }]],
    ['indexOfJob', ['has spaces', { filter: 'all', search: '' }]],
  ])('rejects %s with invalid arguments %j', async (channel, args) => {
    const app = makeApp(appDirs());
    await app.controller.start();
    app.controller.openWindow();
    await expect(app.invoke(channel, ...args)).rejects.toThrow(/^Refused/);
  });

  it('passes on only what the contract allows a handler to return', async () => {
    const window = new FakeWebContents();
    const leaky = {
      getState: () => ({
        paused: null,
        offline: false,
        demo: false,
        token: { set: true, last4: '2e71', weakBackend: false, plain: 'tok-SECRET-5f3a9c2e71' },
        tokenFile: '/home/u/.config/PixVerse Tray/token.bin',
      }),
      removeJob: () => 'yes',
    } as unknown as IpcHandlers;
    registerIpcHandlers(ipcMain, leaky, (event) => (event.sender as unknown) === window);
    const reply = await ipcMain.invoke('pixverse:getState', window, 'file:///app/index.html');
    expect(reply).toEqual({
      paused: null,
      offline: false,
      demo: false,
      token: { set: true, last4: '2e71', weakBackend: false },
    });
    await expect(
      ipcMain.invoke('pixverse:removeJob', window, 'file:///app/index.html', 'job-1'),
    ).rejects.toThrow();
  });

  it('restores only a job removed in this session, and only while it is not tracked again', async () => {
    const app = makeApp(appDirs(), { pollIntervalSec: 3600, autoDiscovery: false });
    await app.controller.start();
    app.controller.openWindow();
    expect(await app.invoke('restoreJob', 'never-removed')).toBe(false);
    expect(await app.invoke('setToken', 'tok-restore-test-1', false)).toMatchObject({ ok: true });
    expect(await app.invoke('addJob', 'user:1-job:undo')).toMatchObject({ ok: true });
    expect(await app.invoke('removeJob', 'user:1-job:undo')).toBe(true);
    expect(await app.invoke('addJob', 'user:1-job:undo')).toMatchObject({ ok: true });
    expect(await app.invoke('restoreJob', 'user:1-job:undo')).toBe(false);
    expect(await app.invoke('removeJob', 'user:1-job:undo')).toBe(true);
    expect(await app.invoke('restoreJob', 'user:1-job:undo')).toBe(true);
    expect(await app.invoke('restoreJob', 'user:1-job:undo')).toBe(false);
    expect(app.window().webContents.sent.at(-1)).toMatchObject({
      channel: 'pixverse:jobChanged',
      payload: { jobid: 'user:1-job:undo' },
    });
  });

  it('changes the download folder only through the native folder picker', async () => {
    const dirs = appDirs();
    const app = makeApp(dirs);
    await app.controller.start();
    app.controller.openWindow();
    expect(await app.invoke('chooseFolder')).toEqual({
      ok: false,
      reason: 'No folder was chosen.',
      canceled: true,
    });
    const picked = path.join(dirs.root, 'Picked');
    dialog.next = { canceled: false, filePaths: [picked] };
    expect(await app.invoke('chooseFolder')).toEqual({ ok: true, folder: picked });
    expect(await app.invoke('getSettings')).toMatchObject({ downloadFolder: picked });
  });

  it('never lets the token cross IPC, nor appear in any file the app writes', async () => {
    const token = 'tok-SECRET-5f3a9c2e71';
    const sim = await startSim({ timeScale: 100, token });
    const dirs = appDirs();
    const job = sim.addJob({ durationMs: 10_000 });
    const app = makeApp(dirs, { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1, autoDiscovery: false });
    await app.controller.start();
    app.controller.openWindow();
    const replies: unknown[] = [];
    replies.push(await app.invoke('setToken', token, false));
    replies.push(await app.invoke('addJob', job.jobid));
    await until(() => app.controller.session?.store.get(job.jobid)?.downloads !== undefined);
    await until(
      () => Object.values(app.controller.session!.store.get(job.jobid)!.downloads!)[0]!.state === 'saved',
    );
    replies.push(await app.invoke('queryJobs', EVERY_JOB));
    for (const channel of ['getSettings', 'getState', 'pause', 'resume'])
      replies.push(await app.invoke(channel));
    replies.push(...app.window().webContents.sent.map((m) => m.payload));
    const wire = JSON.stringify(replies);
    expect(wire).not.toContain(token);
    expect(wire).toContain('"last4":"2e71"');
    app.controller.session!.store.flush();

    const written: string[] = [];
    const walk = (dir: string) =>
      fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else written.push(full);
      });
    walk(dirs.root);
    expect(written.some((f) => f.endsWith('token.bin'))).toBe(true);
    expect(written.some((f) => f.endsWith('jobs.db'))).toBe(true);
    for (const file of written) expect(fs.readFileSync(file).includes(Buffer.from(token)), file).toBe(false);
    expect(app.logs.join('\n')).not.toContain(token);
  });
});
