import type { JobView } from '../../main/ipc/contract.js';
import { cancelWording } from '../../main/ipc/cancel-wording.js';
import { bridge } from './bridge.js';
import { rowNote, setRowNote } from './row-notes.js';

export type JobActionKind =
  'open' | 'reveal' | 'download' | 'cancel' | 'copyJobid' | 'copyVideoUrl' | 'remove';

export interface JobAction {
  kind: JobActionKind;
  label: string;
  /** Shown as a button on the row (the others are in its menu only). */
  onRow: boolean;
}

/** What the window does for the actions that are not one IPC call: the confirmation, the Undo. */
export interface ActionHost {
  remove(job: JobView): void;
  confirmCancel(job: JobView): void;
}

/** A job as its buttons name it: the prompt (short), else the jobid. */
export function jobName(job: JobView): string {
  const name = (job.prompt ?? '').replace(/\s+/g, ' ').trim() || job.jobid;
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

export const savedDownload = (job: JobView) => job.downloads.find((d) => d.state === 'saved');

/** The actions that apply to the job as it is now, in the order the row and its menu show them. */
export function jobActions(job: JobView): JobAction[] {
  // Gone by what an action learned (the row's note) or by what main saw when it built the view.
  const missing = rowNote(job.jobid)?.missing === true || job.downloads.some((d) => d.missing);
  const saved = missing ? undefined : savedDownload(job);
  const busy = job.downloads.some((d) => d.state === 'pending' || d.state === 'downloading');
  const failed = job.downloads.some((d) => d.state === 'failed');
  const actions: JobAction[] = [];
  if (saved) actions.push({ kind: 'open', label: 'Open', onRow: true });
  if (saved) actions.push({ kind: 'reveal', label: 'Show in folder', onRow: true });
  if (job.state === 'completed' && !busy && (missing || failed || !saved)) {
    const label = missing ? 'Download again' : failed ? 'Retry download' : 'Download';
    actions.push({ kind: 'download', label, onRow: true });
  }
  if (job.state === 'active')
    actions.push({ kind: 'cancel', label: cancelWording(job.source).action, onRow: true });
  actions.push({ kind: 'copyJobid', label: 'Copy jobid', onRow: false });
  if (job.state === 'completed' || job.videoUrl)
    actions.push({ kind: 'copyVideoUrl', label: 'Copy video URL', onRow: false });
  actions.push({ kind: 'remove', label: 'Remove', onRow: false });
  return actions;
}

/** Runs an action; a refusal from main is said on the row (a saved file gone offers Download again). */
export async function runJobAction(kind: JobActionKind, job: JobView, host: ActionHost): Promise<void> {
  const api = bridge();
  const saved = savedDownload(job);
  const said = (result: { ok: true } | { ok: false; reason: string; missing?: true }) =>
    setRowNote(job.jobid, result.ok ? undefined : { text: result.reason, missing: result.missing === true });
  switch (kind) {
    case 'open':
      // Enter and double-click "open" any row: one whose video is not saved gets it saved, if it can.
      if (saved) return said(await api.openFile(job.jobid, saved.key));
      if (jobActions(job).some((action) => action.kind === 'download'))
        return said(await api.downloadJob(job.jobid));
      return setRowNote(job.jobid, { text: noVideoYet(job), missing: false });
    case 'reveal':
      if (saved) said(await api.revealFile(job.jobid, saved.key));
      return;
    case 'download':
      return said(await api.downloadJob(job.jobid));
    case 'cancel':
      return host.confirmCancel(job);
    case 'copyJobid':
      return said(await api.copyJobText(job.jobid, 'jobid'));
    case 'copyVideoUrl':
      return said(await api.copyJobText(job.jobid, 'videoUrl'));
    case 'remove':
      return host.remove(job);
  }
}

/** Why Enter or a double-click opened nothing. */
const noVideoYet = (job: JobView): string =>
  job.state === 'active'
    ? 'The video is not made yet.'
    : job.state === 'completed'
      ? 'The video is being saved.'
      : 'This job has no video to open.';

/** Asks the window to run an action on a job (the row's buttons and the menu send it; the window runs it). */
export const jobActionEvent = (kind: JobActionKind, job: JobView) =>
  new CustomEvent<{ kind: JobActionKind; job: JobView }>('job-action', {
    detail: { kind, job },
    bubbles: true,
    composed: true,
  });
