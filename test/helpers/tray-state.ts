import type { TrayState } from '../../main/app/tray-menu.js';
import type { TrackedJob } from '../../main/core/store/job-store-schema.js';
import { v1Job } from './v1-jobs.js';

/** The tray with a token, polling, nothing running: each test changes what it is about. */
export const TRAY_BASE: TrayState = {
  paused: null,
  offline: false,
  tokenSet: true,
  demo: false,
  recent: [],
  running: 0,
  downloading: 0,
};

/** A tracked v1 job the tray lists ("prompt of <jobid>", running), with `patch` over it. */
export const trayJob = (jobid: string, patch: Partial<TrackedJob> = {}): TrackedJob => ({
  jobid,
  addedAt: 0,
  source: 'v1',
  state: 'active',
  finishAnnounced: false,
  notified: [],
  job: v1Job(jobid, { status: 'progress', prompt: `prompt of ${jobid}` }),
  ...patch,
});
