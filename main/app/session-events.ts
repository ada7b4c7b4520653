import type { TrackedJob } from '../core/store/job-store-schema.js';
import type { JobView } from '../ipc/contract.js';
import { pausedOf } from './app-state.js';
import { toJobView } from './job-view.js';
import type { Session } from './session.js';
import type { TrayState } from './tray-menu.js';

/** What the app does when a session's engine or downloads report something. */
export interface SessionHooks {
  jobChanged(view: JobView): void;
  renderTray(): void;
  stateChanged(): void;
  finished(job: TrackedJob): void;
  saved(job: TrackedJob, key: string, file: string): void;
  saveFailed(job: TrackedJob, key: string, message: string): void;
  credentialsProblem(message: string): void;
  /** v2's 596: one PixVerse account must be added again at useapi.net (once per held account). */
  accountProblem(problem: { account: string; message: string }): void;
  log(message: string): void;
}

/** Subscribes the hooks to a session; returns the unsubscribe functions. */
export function wireSession(session: Session, hooks: SessionHooks): (() => void)[] {
  const { scheduler, downloads, store } = session;
  const running = new Set<string>();
  const changed = (jobid: string, tray = true) => {
    const job = store.get(jobid);
    if (job) hooks.jobChanged(toJobView(job, session));
    if (tray) hooks.renderTray();
  };
  const ended = (jobid: string, key: string) => {
    running.delete(`${jobid}\n${key}`);
    changed(jobid);
  };
  return [
    scheduler.on('job-added', (job) => changed(job.jobid)),
    scheduler.on('job-updated', ({ job }) => changed(job.jobid)),
    scheduler.on('job-finished', (job) => {
      changed(job.jobid);
      hooks.finished(job); // the engine queues its videos
    }),
    scheduler.on('credentials-problem', ({ message }) => hooks.credentialsProblem(message)),
    scheduler.on('account-problem', ({ account, message }) => hooks.accountProblem({ account, message })),
    scheduler.on('state', () => (hooks.stateChanged(), hooks.renderTray())),
    scheduler.on('warning', ({ message, job }) => hooks.log(job ? `${job.jobid}: ${message}` : message)),
    // After the first one (the tray counts running downloads), progress reaches the window only.
    downloads.on('download-progress', ({ jobid, key }) => {
      const first = !running.has(`${jobid}\n${key}`);
      running.add(`${jobid}\n${key}`);
      changed(jobid, first);
    }),
    downloads.on('download-failed', ({ jobid, key, message }) => {
      ended(jobid, key);
      const job = store.get(jobid);
      if (job) hooks.saveFailed(job, key, message);
    }),
    downloads.on('download-saved', ({ jobid, key, file }) => {
      ended(jobid, key);
      const job = store.get(jobid);
      if (job) hooks.saved(job, key, file);
    }),
  ];
}

/** The tray's view of a session (or of no session). */
export function trayStateOf(session: Session | undefined, tokenSet: boolean): TrayState {
  const store = session?.store;
  const engine = session?.scheduler.state;
  // Counted in the database: the tray never reads every job.
  return {
    paused: pausedOf(engine),
    offline: engine?.offline ?? false,
    tokenSet,
    demo: session?.simulator !== undefined,
    recent: store?.query({ filter: 'all', search: '', offset: 0, limit: 5 }).rows ?? [],
    running: store?.query({ filter: 'active', search: '', offset: 0, limit: 0 }).total ?? 0,
    downloading: store?.countDownloading() ?? 0,
  };
}
