import { savedFileOf } from '../core/downloads/missing-saved.js';
import { SettingsRefusal } from '../core/settings.js';
import { parseJobidInput } from '../core/api/jobid-input.js';
import { downloadFolderProblem } from './download-folder.js';
import type { IpcHandlers } from './ipc-handlers.js';
import { toJobView } from './job-view.js';
import { jobActionHandlers } from './job-action-handlers.js';
import type { AppCommands } from './app-commands.js';

const refuse = (reason: string) => ({ ok: false as const, reason });

/** What each IPC verb does; arguments arrive already validated against the contract. */
export function appIpcHandlers(app: AppCommands): IpcHandlers {
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
      // What is wrong: the window's field says what to paste (its placeholder), and space is short there.
      if (!parsed.ok) return refuse(parsed.problem);
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
    ...jobActionHandlers(app),
    getSettings: () => app.settings,
    setSettings: async (patch) => {
      try {
        return { ok: true as const, settings: await app.updateSettings(patch) };
      } catch (error) {
        const field = error instanceof SettingsRefusal ? error.field : undefined;
        return { ...refuse((error as Error).message), ...(field ? { field } : {}) };
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
      if (choice.canceled || !folder) return { ...refuse('No folder was chosen.'), canceled: true as const };
      const problem = downloadFolderProblem(folder);
      if (problem) return refuse(problem);
      await app.updateSettings({ downloadFolder: folder });
      return { ok: true as const, folder };
    },
    thumbnail: async (jobid) => {
      const downloads = Object.values(app.session?.store.get(jobid)?.downloads ?? {});
      const file = downloads.map(savedFileOf).find((saved) => saved !== undefined);
      if (!file) return refuse('That job has no saved video.');
      const still = await app.thumbnails?.forVideo(file);
      if (!still) return refuse('No still could be taken from the saved video.');
      // A plain Uint8Array (not a Buffer): what IPC and the window's Blob take as bytes.
      return { ok: true as const, mime: still.mime, bytes: Uint8Array.from(still.bytes) };
    },
    startDemo: async () => {
      await app.startDemo();
      return { ok: true as const };
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
