import path from 'node:path';
import { isHttpsUrl } from '../core/api/https-url.js';
import { reopenMissingDownloads, savedFileMissing, savedFileOf } from '../core/downloads/missing-saved.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import type { AppCommands } from './app-commands.js';
import type { IpcHandlers } from './ipc-handlers.js';
import { openMediaFile } from './open-media.js';

type JobActionChannel = 'downloadJob' | 'copyJobText' | 'indexOfJob' | 'openFile' | 'revealFile';

const refuse = (reason: string) => ({ ok: false as const, reason });
type FileRefusal = ReturnType<typeof refuse> & { missing?: true };
const NOT_TRACKED = 'That job is not tracked any more.';

const isWebUrl = (url: string | undefined): url is string =>
  url !== undefined && URL.canParse(url) && ['https:', 'http:'].includes(new URL(url).protocol);

/**
 * The video's link from main's own record, https first. Only the window's pages are limited to https
 * (they load what they show); a link on the clipboard is loaded by nobody until the user pastes it.
 */
const videoUrlOf = (job: TrackedJob): string | undefined => {
  const video = job.job?.results[0];
  const links = [video?.url, video?.altUrl];
  return links.find((url) => isHttpsUrl(url)) ?? links.find(isWebUrl);
};

/** What the window's row buttons and context menu ask of one job. */
export function jobActionHandlers(app: AppCommands): Pick<IpcHandlers, JobActionChannel> {
  const job = (jobid: string) => app.session?.store.get(jobid);
  /** The saved file to open or show, or why there is none (`missing`: it was saved, then deleted or moved). */
  const savedFile = (jobid: string, key: string): { file: string } | { refusal: FileRefusal } => {
    const record = job(jobid)?.downloads?.[key];
    const file = savedFileOf(record);
    if (file) return { file };
    if (record && savedFileMissing(record)) {
      const reason = `The saved file ${path.basename(record.file ?? '')} is no longer there.`;
      return { refusal: { ...refuse(reason), missing: true } };
    }
    return { refusal: refuse('That video is not saved.') };
  };
  return {
    downloadJob: (jobid) => {
      const session = app.session;
      const tracked = session?.store.get(jobid);
      if (!session || !tracked) return refuse(NOT_TRACKED);
      if (tracked.state !== 'completed') return refuse('Only a completed job has a video to download.');
      // Asked for by the user: a saved video whose file is gone is fetched again under the same name.
      reopenMissingDownloads(session.store, jobid);
      const queued = session.downloads.enqueue(jobid);
      return queued > 0 ? { ok: true as const, queued } : refuse('Its video is already saved or on its way.');
    },
    copyJobText: (jobid, what) => {
      const tracked = job(jobid);
      if (!tracked) return refuse(NOT_TRACKED);
      const text = what === 'jobid' ? tracked.jobid : videoUrlOf(tracked);
      if (!text) return refuse('This job has no video link yet.');
      app.electron.clipboard.writeText(text);
      return { ok: true as const };
    },
    indexOfJob: (jobid, { filter, search }) =>
      app.session?.store.query({ filter, search, offset: 0, limit: 0 }, jobid).index ?? -1,
    openFile: async (jobid, key) => {
      const saved = savedFile(jobid, key);
      if ('refusal' in saved) return saved.refusal;
      const error = await openMediaFile(app.electron.shell, saved.file);
      return error ? refuse(error) : { ok: true as const };
    },
    revealFile: (jobid, key) => {
      const saved = savedFile(jobid, key);
      if ('refusal' in saved) return saved.refusal;
      app.electron.shell.showItemInFolder(saved.file);
      return { ok: true as const };
    },
  };
}
