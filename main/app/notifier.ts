import type { Notification, NotificationConstructorOptions } from 'electron';
import type { JobStore } from '../core/store/job-store.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import type { NotifyKind, Settings } from '../core/settings.js';

type NotificationLike = Pick<Notification, 'show' | 'on' | 'close'>;

export interface NotifierDeps {
  create: (options: NotificationConstructorOptions) => NotificationLike;
  /** The store of the session running now (the real one or the demo's). */
  store: () => Pick<JobStore, 'get' | 'update'> | undefined;
  settings: () => Settings;
  openFile: (file: string) => void;
  revealFile: (file: string) => void;
  showJob: (jobid: string) => void;
  /** The jobs window (an account's problem concerns all its jobs). */
  showJobs: () => void;
  showSettings: () => void;
}

/** v2's 596: one PixVerse account must be added again at useapi.net (the engine's `account-problem`). */
export interface AccountProblem {
  account: string;
  message: string;
}

/**
 * Native notifications, each shown once per job and transition, ever: what was shown is written to
 * the job store before it appears, so a restart cannot show it again.
 */
export class Notifier {
  // Electron drops click handlers of notifications that were garbage-collected: keep them until closed.
  readonly #live = new Set<NotificationLike>();
  #credentialsShown = false;
  /** Accounts whose problem was shown: one notification per account, however many of its jobs wait. */
  readonly #accountsShown = new Set<string>();

  constructor(private readonly deps: NotifierDeps) {}

  get liveCount(): number {
    return this.#live.size;
  }

  jobFinished(job: TrackedJob): void {
    const kind: NotifyKind | undefined =
      job.state === 'completed' || job.state === 'failed' || job.state === 'moderated'
        ? job.state
        : undefined;
    if (!kind || !this.#claim(job, 'finished')) return;
    if (!this.deps.settings().notify[kind]) return;
    const prompt = jobName(job);
    const reason = job.job?.error?.message ?? job.lastError;
    const title = { completed: 'Video ready', failed: 'Generation failed', moderated: 'Prompt moderated' }[
      kind
    ];
    const body = kind === 'completed' ? prompt : `${prompt}${reason ? `\n${shorten(reason, 120)}` : ''}`;
    this.#show({ title, body }, () => this.deps.showJob(job.jobid));
  }

  saved(job: TrackedJob, key: string, file: string): void {
    if (!this.#claim(job, `saved:${key}`) || !this.deps.settings().notify.completed) return;
    this.#show({ title: 'Video saved', body: `Saved to ${file}` }, () => this.deps.openFile(file));
  }

  /** A video that could not be saved: once per video, with the reason; a click shows the job (and its Retry). */
  saveFailed(job: TrackedJob, key: string, message: string): void {
    if (!this.#claim(job, `save-failed:${key}`) || !this.deps.settings().notify.completed) return;
    const prompt = jobName(job);
    this.#show({ title: 'Video not saved', body: `${prompt}\n${shorten(message, 160)}` }, () =>
      this.deps.showJob(job.jobid),
    );
  }

  /** Once per problem: shown again only after the token was fixed and broke again. */
  credentialsProblem(message: string): void {
    if (this.#credentialsShown) return;
    this.#credentialsShown = true;
    if (!this.deps.settings().notify.credentials) return;
    this.#show({ title: 'PixVerse Tray stopped polling', body: message }, () => this.deps.showSettings());
  }

  /** Once per account: its jobs all wait on the same fix (adding the account again at useapi.net). */
  accountProblem(problem: AccountProblem): void {
    if (this.#accountsShown.has(problem.account)) return;
    this.#accountsShown.add(problem.account);
    if (!this.deps.settings().notify.credentials) return;
    this.#show({ title: 'PixVerse account needs attention', body: shorten(problem.message, 240) }, () =>
      this.deps.showJobs(),
    );
  }

  credentialsFixed(): void {
    this.#credentialsShown = false;
  }

  #claim(job: TrackedJob, what: string): boolean {
    const store = this.deps.store();
    const current = store?.get(job.jobid);
    if (!store || !current || current.notified.includes(what)) return false;
    store.update(job.jobid, { notified: [...current.notified, what] }, { durable: true });
    return true;
  }

  #show(options: NotificationConstructorOptions, onClick: () => void): void {
    const notification = this.deps.create(options);
    this.#live.add(notification);
    notification.on('click', () => onClick());
    notification.on('close', () => this.#live.delete(notification));
    notification.show();
  }
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * How a notification names a job: its prompt (a v2 video without one by its number, never the raw id
 * with the account's email), and for v2 the model and quality it was made with.
 */
function jobName(job: TrackedJob): string {
  const model = job.job;
  const videoNumber = /-video:(\d+)$/.exec(job.jobid)?.[1];
  const fallback = job.source === 'v2' && videoNumber ? `PixVerse video ${videoNumber}` : job.jobid;
  const prompt = shorten(model?.prompt?.replace(/\s+/g, ' ').trim() || fallback, 90);
  const made = [model?.model && `PixVerse ${model.model}`, model?.quality].filter(Boolean).join(' · ');
  return job.source === 'v2' && made ? `${prompt}\n${made}` : prompt;
}
