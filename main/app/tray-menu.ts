import type { MenuItemConstructorOptions } from 'electron';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import { cancelWording } from '../ipc/cancel-wording.js';

export interface TrayState {
  /** As the window tells them apart: `subscription` is a 402 (renew, then Resume), not the token. */
  paused: 'user' | 'credentials' | 'subscription' | null;
  offline: boolean;
  tokenSet: boolean;
  demo: boolean;
  /** Newest first. */
  recent: TrackedJob[];
  running: number;
  downloading: number;
}

export interface TrayActions {
  addFromClipboard(): void;
  openAddForm(): void;
  /** The window, with the job selected. */
  openJob(jobid: string): void;
  /** The job's saved video, in the system's player. */
  playVideo(jobid: string): void;
  /** v1: cancel at the API; v2: stop useapi's tracking (PixVerse goes on). */
  cancelJob(jobid: string): void;
  pause(): void;
  resume(): void;
  openDownloads(): void;
  openWindow(): void;
  openSettings(): void;
  startDemo(): void;
  quit(): void;
}

export type TrayIconKind = 'normal' | 'paused' | 'problem';

const RECENT = 5;

export function trayIconKind(state: TrayState): TrayIconKind {
  if (state.paused === 'credentials' || state.paused === 'subscription' || (!state.tokenSet && !state.demo))
    return 'problem';
  if (state.paused === 'user' || state.offline) return 'paused';
  return 'normal';
}

export function trayTooltip(state: TrayState): string {
  const parts = [`${state.running} running`];
  if (state.downloading > 0) parts.push(`${state.downloading} downloading`);
  if (state.paused === 'user') parts.push('paused');
  if (state.paused === 'credentials') parts.push('token problem');
  if (state.paused === 'subscription') parts.push('subscription problem');
  if (state.offline) parts.push('offline');
  return `PixVerse Tray — ${parts.join(' · ')}`;
}

/** A v2 video without a prompt goes by its number: its id carries the account's email. */
const unnamed = (job: TrackedJob): string => {
  const videoNumber = job.source === 'v2' ? /-video:(\d+)$/.exec(job.jobid)?.[1] : undefined;
  return videoNumber ? `PixVerse video ${videoNumber}` : job.jobid;
};

function jobLabel(job: TrackedJob): string {
  const prompt = job.job?.prompt?.replace(/\s+/g, ' ').trim() || unnamed(job);
  const short = prompt.length > 40 ? `${prompt.slice(0, 39)}…` : prompt;
  const status = job.state === 'active' ? (job.job?.state ?? 'tracking') : job.state;
  const saved = Object.values(job.downloads ?? {}).some((d) => d.state === 'saved');
  // Menu labels treat & specially on some platforms.
  return `${short.replace(/&/g, '&&')} — ${saved ? 'saved' : status}`;
}

/** The context menu, rebuilt from state. Every action is here: Linux trays may never deliver clicks. */
export function buildTrayMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [
    { label: 'Add Job from Clipboard', click: () => actions.addFromClipboard() },
    { label: 'Add Job…', click: () => actions.openAddForm() },
    { type: 'separator' },
  ];
  const recent = state.recent.slice(0, RECENT);
  if (recent.length === 0) items.push({ label: 'No jobs yet', enabled: false });
  for (const job of recent) items.push(recentJobItem(job, actions));
  items.push({ type: 'separator' });
  if (state.paused === 'credentials') {
    items.push({ label: 'Polling stopped: set a new API token…', click: () => actions.openSettings() });
  } else if (state.paused === 'subscription') {
    items.push({ label: 'Resume Polling (after renewing the subscription)', click: () => actions.resume() });
  } else if (state.paused === 'user') {
    items.push({ label: 'Resume Polling', click: () => actions.resume() });
  } else {
    items.push({ label: 'Pause Polling', click: () => actions.pause() });
  }
  if (!state.tokenSet && !state.demo)
    items.push({ label: 'Try the Demo (no account needed)', click: () => actions.startDemo() });
  items.push(
    { label: 'Open Downloads Folder', click: () => actions.openDownloads() },
    { type: 'separator' },
    { label: 'Open PixVerse Tray', click: () => actions.openWindow() },
    { label: 'Settings…', click: () => actions.openSettings() },
    { type: 'separator' },
    { label: 'Quit PixVerse Tray', click: () => actions.quit() },
  );
  return items;
}

/**
 * A recent job shows in the window, selected, on click. One with a saved video can also play it, and
 * one still running can be cancelled, named as the window names it ("Stop tracking at useapi" for
 * v2, whose generation goes on at PixVerse): those are submenus.
 */
function recentJobItem(job: TrackedJob, actions: TrayActions): MenuItemConstructorOptions {
  const show = { label: 'Show in Window', click: () => actions.openJob(job.jobid) };
  if (job.state === 'active') {
    const cancel = job.source === 'v2' ? 'Stop Tracking at useapi (PixVerse Keeps Generating)' : 'Cancel Job';
    const item = {
      label: cancel,
      toolTip: cancelWording(job.source).explain,
      click: () => actions.cancelJob(job.jobid),
    };
    return { label: jobLabel(job), submenu: [show, item] };
  }
  const saved = Object.values(job.downloads ?? {}).some((d) => d.state === 'saved');
  if (!saved) return { label: jobLabel(job), click: show.click };
  return {
    label: jobLabel(job),
    submenu: [show, { label: 'Play Video', click: () => actions.playVideo(job.jobid) }],
  };
}
