import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppController } from '../../main/app/app-controller.js';
import { electronFrameGrabber } from '../../main/app/frame-grabber.js';
import { startApp, type ElectronModules } from '../../main/app/wire-app.js';
import * as electron from '../fakes/electron.js';
import { appDirs, storeToken, until } from '../helpers/app-harness.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const started: AppController[] = [];
afterEach(async () => {
  for (const controller of started.splice(0)) await controller.quit();
});

/** The app as main/index.ts wires it, on the fake Electron, with one job whose video is saved. */
async function appWithSavedVideo() {
  const sim = await startSim({ token: 'tok-thumbnails-1234' });
  const dirs = appDirs();
  storeToken(dirs, 'tok-thumbnails-1234');
  const settings = { apiBaseUrl: sim.apiUrl, pollIntervalSec: 3600, autoDiscovery: false };
  fs.writeFileSync(path.join(dirs.userData, 'settings.json'), JSON.stringify(settings));
  electron.app.paths = { userData: dirs.userData, downloads: path.join(dirs.root, 'Downloads') };
  const running = startApp(electron as unknown as ElectronModules, {
    argv: ['pixverse-tray'],
    root: dirs.root,
    preload: '/app/preload.cjs',
    platform: 'linux',
    log: () => {},
  });
  const controller = (await running.ready)!;
  started.push(controller);
  const video = path.join(dirs.root, 'Saved video.mp4');
  fs.writeFileSync(video, 'the bytes of a video');
  const session = controller.session!;
  session.scheduler.pause();
  session.store.add('user:1-job:saved', 'v1');
  session.store.update('user:1-job:saved', {
    downloads: { '#0': { state: 'saved', file: video, bytes: 20 } },
  });
  session.store.add('user:1-job:unsaved', 'v1');
  controller.openWindow();
  const main = electron.BrowserWindow.all[0]!;
  const page = pathToFileURL(path.join(dirs.root, 'dist', 'renderer', 'index.html')).href;
  const thumbnail = (jobid: string) =>
    electron.ipcMain.invoke('pixverse:thumbnail', main.webContents, page, jobid);
  const grabWindows = () => electron.BrowserWindow.all.slice(1);
  return { dirs, controller, video, thumbnail, grabWindows };
}

describe('stills of saved videos (the Electron wiring on the fake Electron)', () => {
  it("takes a saved video's first frame in a hidden, sandboxed, offscreen window, once, as a JPEG", async () => {
    const app = await appWithSavedVideo();
    const asked = app.thumbnail('user:1-job:saved');
    await until(() => app.grabWindows().length === 1);
    const grab = app.grabWindows()[0]!;
    expect(grab.options).toMatchObject({
      show: false,
      webPreferences: { offscreen: true, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(grab.options.webPreferences).not.toHaveProperty('preload');
    const loaded = new URL(grab.loadedUrl!);
    expect(`${loaded.protocol}//${loaded.pathname}`).toBe(
      pathToFileURL(path.join(app.dirs.root, 'dist', 'renderer', 'frame-grab.html')).href,
    );
    expect(loaded.searchParams.get('video')).toBe(pathToFileURL(app.video).href);
    // The page says it drew a 320×180 still: that rectangle of the window becomes the JPEG.
    grab.emit('page-title-updated', new electron.FakeEvent(), 'frame 320x180');
    const reply = await asked;
    expect(reply).toEqual({
      ok: true,
      mime: 'image/jpeg',
      bytes: Uint8Array.from([0xff, 0xd8, 0xff, 64, 180, 80]),
    });
    expect(grab.webContents.captures).toEqual([{ x: 0, y: 0, width: 320, height: 180 }]);
    expect(grab.destroyed).toBe(true);
    // Kept: asked again (a row scrolled back into view, the next start), no window is opened.
    expect(await app.thumbnail('user:1-job:saved')).toEqual(reply);
    expect(app.grabWindows()).toHaveLength(1);
    expect(fs.readdirSync(path.join(app.dirs.userData, 'thumbnails'))).toHaveLength(1);
  });

  it('says there is no still when the video gives no frame, and does not try that video again', async () => {
    const app = await appWithSavedVideo();
    const asked = app.thumbnail('user:1-job:saved');
    await until(() => app.grabWindows().length === 1);
    app.grabWindows()[0]!.emit('page-title-updated', new electron.FakeEvent(), 'no frame: cannot decode');
    expect(await asked).toEqual({ ok: false, reason: 'No still could be taken from the saved video.' });
    expect(app.grabWindows()[0]!.destroyed).toBe(true);
    expect(await app.thumbnail('user:1-job:saved')).toMatchObject({ ok: false });
    expect(app.grabWindows()).toHaveLength(1);
    expect(await app.thumbnail('user:1-job:unsaved')).toEqual({
      ok: false,
      reason: 'That job has no saved video.',
    });
  });

  it('gives up on a video that shows no frame in time, and closes its window', async () => {
    const windows: electron.BrowserWindow[] = [];
    const grabber = electronFrameGrabber({
      createWindow: (options) => {
        windows.push(new electron.BrowserWindow(options as never));
        return windows.at(-1) as never;
      },
      pageUrl: 'file:///app/dist/renderer/frame-grab.html',
      timeoutMs: 50,
    });
    await expect(grabber.grab('/videos/huge.mp4')).rejects.toThrow('the video gave no frame in time');
    expect(windows[0]!.destroyed).toBe(true);
  });
});
