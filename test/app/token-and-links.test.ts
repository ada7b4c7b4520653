import fs from 'node:fs';
import path from 'node:path';
// The token vault, and links that add jobs: what reaches the app from outside the window.
import { describe, expect, it } from 'vitest';
import { safeStorage } from '../fakes/electron.js';
import { appDirs, EVERY_JOB, makeApp, storeToken } from '../helpers/app-harness.js';

describe('the token vault', () => {
  const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

  it('keeps the token file readable by the user only (0600), whatever was there before', async () => {
    const dirs = appDirs();
    const tokenFile = path.join(dirs.userData, 'token.bin');
    // A copy restored from a backup at 0644, and a temp file left at 0644 by an interrupted save.
    fs.writeFileSync(tokenFile, safeStorage.encryptString('tok-from-a-backup-1'), { mode: 0o644 });
    fs.chmodSync(tokenFile, 0o644);
    fs.writeFileSync(`${tokenFile}.tmp`, 'stale', { mode: 0o644 });
    fs.chmodSync(`${tokenFile}.tmp`, 0o644);
    const app = makeApp(dirs);
    await app.controller.start();
    app.controller.openWindow();
    expect(await app.invoke('getState')).toMatchObject({ token: { set: true, last4: 'up-1' } });
    expect(modeOf(tokenFile)).toBe(0o600);
    expect(await app.invoke('setToken', 'tok-saved-by-the-window-2', false)).toMatchObject({ ok: true });
    expect(modeOf(tokenFile)).toBe(0o600);
    expect(fs.readdirSync(dirs.userData).filter((f) => f.startsWith('token'))).toEqual(['token.bin']);
    expect(safeStorage.decryptString(fs.readFileSync(tokenFile))).toBe('tok-saved-by-the-window-2');
  });

  it("refuses Linux's basic_text backend unless the user accepts weaker storage", async () => {
    safeStorage.backend = 'basic_text';
    const app = makeApp(appDirs(), {}, 'linux');
    await app.controller.start();
    app.controller.openWindow();
    expect(await app.invoke('getState')).toMatchObject({ token: { set: false, weakBackend: true } });
    expect(await app.invoke('setToken', 'tok-weak-backend-1', false)).toEqual({
      ok: false,
      reason: expect.stringMatching(/No keyring .* Accept weaker storage/),
    });
    expect(await app.invoke('setToken', 'tok-weak-backend-1', true)).toMatchObject({
      ok: true,
      token: { set: true },
    });
  });

  it('refuses to store the token when encryption is unavailable', async () => {
    safeStorage.available = false;
    const dirs = appDirs();
    const app = makeApp(dirs);
    await app.controller.start();
    app.controller.openWindow();
    expect(await app.invoke('setToken', 'tok-no-keychain-1', true)).toEqual({
      ok: false,
      reason: expect.stringMatching(/no secure storage/),
    });
    expect(fs.existsSync(path.join(dirs.userData, 'token.bin'))).toBe(false);
  });

  it('asks for the token again when it cannot be decrypted, losing nothing else', async () => {
    const dirs = appDirs();
    storeToken(dirs, 'tok-before-keyring-change');
    const first = makeApp(dirs, { pollIntervalSec: 30, autoDownload: false });
    await first.controller.start();
    first.controller.session!.scheduler.track('job-kept-1');
    await first.controller.quit();

    safeStorage.broken = true; // e.g. the keyring backend changed
    const app = makeApp(dirs);
    await app.controller.start();
    app.controller.openWindow();
    expect(await app.invoke('getState')).toMatchObject({ token: { set: false, problem: 'undecryptable' } });
    expect(await app.invoke('getSettings')).toMatchObject({ pollIntervalSec: 30, autoDownload: false });
    safeStorage.broken = false;
    expect(await app.invoke('setToken', 'tok-after-keyring-change', false)).toMatchObject({ ok: true });
    expect(((await app.invoke('queryJobs', EVERY_JOB)) as { rows: { jobid: string }[] }).rows).toEqual([
      expect.objectContaining({ jobid: 'job-kept-1' }),
    ]);
  });
});

describe('second instance and deep links', () => {
  it('tracks jobids from a pixverse-tray:// link or --track, and shows the window', async () => {
    const dirs = appDirs();
    storeToken(dirs, 'tok-deep-link-1234');
    const app = makeApp(dirs, { pollIntervalSec: 3600, autoDiscovery: false });
    await app.controller.start();
    app.controller.handleArgs([
      '/opt/PixVerse Tray/pixverse-tray',
      '--no-sandbox',
      'pixverse-tray://track/user%3A1-job%3Aabc',
    ]);
    app.controller.handleArgs([
      '/usr/bin/electron',
      '.',
      '--track=job-from-cli',
      '--track',
      'job-two',
      'not a flag',
    ]);
    app.controller.handleArgs([
      '/usr/bin/electron',
      'pixverse-tray://evil/x',
      'pixverse-tray://track/has%20space',
    ]);
    const tracked = app.controller
      .session!.store.all()
      .map((j) => j.jobid)
      .sort();
    expect(tracked).toEqual(['job-from-cli', 'job-two', 'user:1-job:abc']);
    expect(app.window()).toBeDefined();
  });
});
