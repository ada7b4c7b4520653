import { savedFileOf } from '../core/downloads/missing-saved.js';
import { parseJobidInput } from '../core/api/jobid-input.js';
import type { IpcHandlers } from './ipc-handlers.js';
import { toJobView } from './job-view.js';
import { openMediaFile } from './open-media.js';
import type { AppCommands } from './app-commands.js';

const refuse = (reason: string) => ({ ok: false as const, reason });

/** What each IPC verb does; arguments arrive already validated against the contract. */
export function appIpcHandlers(app: AppCommands): IpcHandlers {
  const savedFile = (jobid: string, key: string): string | undefined =>
    savedFileOf(app.session?.store.get(jobid)?.downloads?.[key]);
  return {
    queryJobs: (query) => {
      const session = app.session;
      if (!session) return { total: 0, rows: [] };
      const page = session.store.query(query);
      return { total: page.total, rows: page.rows.map((job) => toJobView(job, session)) };
    },
    countJobs: (search) =>
      app.session?.store.count(search) ?? { all: 0, active: 0, finished: 0, problems: 0 },
    addJob: (text) => {
      const parsed = parseJobidInput(text);
      if (!parsed.ok) return refuse(parsed.reason);
      const session = app.session;
      if (!session) return refuse('Set your useapi.net API token in Settings first (or try the demo).');
      const alreadyTracked = session.store.get(parsed.jobid) !== undefined;
      session.scheduler.track(parsed.jobid, parsed.source);
      const { jobid, source } = parsed;
      return { ok: true as const, jobid, source, ...(alreadyTracked ? { alreadyTracked } : {}) };
    },
    removeJob: (jobid) => app.removeJob(jobid),
    restoreJob: (jobid) => app.restoreJob(jobid),
    cancelJob: async (jobid) => {
      const outcome = await app.session?.scheduler.cancel(jobid);
      if (!outcome) return refuse('Nothing is running.');
      return outcome.kind === 'ok' ? { ok: true as const } : refuse(outcome.message);
    },
    retryDownload: (jobid) => app.session?.downloads.enqueue(jobid) ?? 0,
    openFile: async (jobid, key) => {
      const file = savedFile(jobid, key);
      if (!file) return refuse('That video is not saved (any more).');
      const error = await openMediaFile(app.electron.shell, file);
      return error ? refuse(error) : { ok: true as const };
    },
    revealFile: (jobid, key) => {
      const file = savedFile(jobid, key);
      if (!file) return refuse('That video is not saved (any more).');
      app.electron.shell.showItemInFolder(file);
      return { ok: true as const };
    },
    getSettings: () => app.settings,
    setSettings: async (patch) => {
      try {
        return { ok: true as const, settings: await app.updateSettings(patch) };
      } catch (error) {
        return refuse((error as Error).message);
      }
    },
    getState: () => app.state(),
    setToken: async (token, acceptWeak) => {
      const result = await app.setToken(token, acceptWeak);
      return result.ok ? { ok: true as const, token: app.vault.status() } : refuse(result.reason);
    },
    clearToken: async () => {
      await app.clearToken();
      return app.vault.status();
    },
    chooseFolder: async () => {
      const choice = await app.electron.dialog.showOpenDialog({
        title: 'Choose where PixVerse Tray saves videos',
        defaultPath: app.settings.downloadFolder,
        properties: ['openDirectory', 'createDirectory'],
      });
      const folder = choice.filePaths[0];
      if (choice.canceled || !folder) return refuse('No folder was chosen.');
      await app.updateSettings({ downloadFolder: folder });
      return { ok: true as const, folder };
    },
    pause: () => {
      app.session?.scheduler.pause();
      return app.state();
    },
    resume: () => {
      app.session?.scheduler.resume();
      return app.state();
    },
  };
}
