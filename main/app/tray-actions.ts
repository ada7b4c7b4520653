import { isMediaFile } from '../core/downloads/filename.js';
import { savedFileOf } from '../core/downloads/missing-saved.js';
import { parseJobidInput } from '../core/api/jobid-input.js';
import { makeFolderSync } from '../core/files/make-folder.js';
import type { AppCommands } from './app-commands.js';
import { openMediaFile } from './open-media.js';
import type { TrayActions } from './tray-menu.js';

/** What each tray menu item does. Async ones report a failure instead of losing it. */
export function trayActions(app: AppCommands, log: (message: string) => void): TrayActions {
  const { electron } = app;
  const notify = (title: string, body: string) => electron.createNotification({ title, body }).show();
  const attempt = (what: string, action: () => Promise<void>) =>
    action().catch((error: unknown) => {
      const message = `Could not ${what}: ${(error as Error).message}`;
      log(message);
      notify('PixVerse Tray', message);
    });
  return {
    addFromClipboard() {
      const parsed = parseJobidInput(electron.clipboard.readText());
      if (!parsed.ok) return notify('No jobid on the clipboard', parsed.reason);
      if (!app.session)
        return notify('Set your API token first', 'Open Settings to add your useapi.net API token.');
      app.session.scheduler.track(parsed.jobid, parsed.source);
      notify('Tracking job', parsed.jobid);
    },
    openAddForm: () => app.openWindow('add'),
    openJob: (jobid) => app.openWindow('jobs', jobid),
    /** The saved video, if its file is still there; else the window says what became of it. */
    playVideo(jobid) {
      const downloads = Object.values(app.session?.store.get(jobid)?.downloads ?? {});
      const file = downloads.map(savedFileOf).find((saved) => saved !== undefined && isMediaFile(saved));
      if (file) void openMediaFile(electron.shell, file);
      else app.openWindow('jobs', jobid);
    },
    cancelJob(jobid) {
      const job = app.session?.store.get(jobid);
      if (!job) return;
      void attempt('cancel the job', async () => {
        const outcome = await app.session?.scheduler.cancel(jobid);
        if (outcome && outcome.kind !== 'ok') throw new Error(outcome.message);
        if (job.source === 'v2')
          notify(
            'Stopped tracking at useapi',
            'The generation goes on at PixVerse: the video still appears in your PixVerse account.',
          );
        else notify('Job cancelled', job.job?.prompt ?? jobid);
      });
    },
    pause: () => app.session?.scheduler.pause(),
    resume: () => app.session?.scheduler.resume(),
    openDownloads() {
      makeFolderSync(app.settings.downloadFolder);
      void electron.shell.openPath(app.settings.downloadFolder);
    },
    openWindow: () => app.openWindow('jobs'),
    openSettings: () => app.openWindow('settings'),
    startDemo: () => void attempt('start the demo', () => app.startDemo()),
    quit: () => void attempt('quit', () => app.quit()),
  };
}
