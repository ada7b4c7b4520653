import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Notification, shell } from '../fakes/electron.js';
import { openJobStore } from '../../main/core/engine.js';
import { appDirs, makeApp, storeToken, until } from '../helpers/app-harness.js';
import { useSimulator } from '../helpers/sim.js';
import { v1Job } from '../helpers/v1-jobs.js';

const startSim = useSimulator();

/** The app with a job whose download record says it saved `name` (a real file), as an older version may have. */
async function appWithSavedFile(name: string) {
  const token = 'tok-open-file-5521';
  const sim = await startSim({ timeScale: 100, token });
  const dirs = appDirs();
  storeToken(dirs, token);
  fs.mkdirSync(dirs.downloads, { recursive: true });
  const file = path.join(dirs.downloads, name);
  fs.writeFileSync(file, 'not a video');
  const { store } = openJobStore({ storeDir: dirs.userData });
  const jobid = 'user:1-pixverse:ann@example.com-job:42';
  store.add(jobid);
  const downloads = { k: { state: 'saved' as const, file, bytes: 11 } };
  const job = v1Job(jobid, {
    status: 'completed',
    prompt: 'A harbour at dawn',
    created: new Date().toISOString(),
  });
  store.update(jobid, { state: 'completed', job, downloads }, { durable: true });
  const app = makeApp(dirs, { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1, autoDiscovery: false });
  await app.controller.start();
  await until(() =>
    app
      .tray()
      .labels()
      .some((l) => l.includes('A harbour at dawn')),
  );
  return { app, file, jobid };
}

/** The queue's announcement of a saved file, the way the notification of an older version's save came. */
function announceSaved(app: ReturnType<typeof makeApp>, jobid: string, file: string) {
  const downloads = app.controller.session!.downloads as unknown as {
    emit(event: 'download-saved', payload: { jobid: string; key: string; file: string; bytes: number }): void;
  };
  downloads.emit('download-saved', { jobid, key: 'k', file, bytes: 11 });
}

describe('opening saved files', () => {
  it.each(['evil.exe', 'run.desktop', 'x.mp4.lnk', 'noext'])(
    'never opens %s: not from the window, the tray or a notification',
    async (name) => {
      const { app, file, jobid } = await appWithSavedFile(name);
      app.controller.openWindow();
      expect(await app.invoke('openFile', jobid, 'k')).toMatchObject({ ok: false });

      app.tray().click(/A harbour at dawn/, 'Play Video');
      announceSaved(app, jobid, file);
      Notification.shown.find((n) => n.options.title === 'Video saved')?.emit('click');
      expect(shell.opened).toEqual([]);
    },
  );

  it('opens a saved video from the window, the tray and a notification', async () => {
    const { app, file, jobid } = await appWithSavedFile('clip.mp4');
    app.controller.openWindow();
    expect(await app.invoke('openFile', jobid, 'k')).toEqual({ ok: true });
    app.tray().click(/A harbour at dawn/, 'Play Video');
    announceSaved(app, jobid, file);
    const saved = Notification.shown.find((n) => n.options.title === 'Video saved');
    expect(saved).toBeDefined();
    saved!.emit('click');
    expect(shell.opened).toEqual([file, file, file]);
  });
});
