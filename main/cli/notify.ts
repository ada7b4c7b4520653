import type { TrackedJob } from '../core/store/job-store-schema.js';
import type { Announcement } from './output.js';
import type { RunReport } from './run-report.js';

export interface DesktopNotification {
  title: string;
  message: string;
}

/** Shows a desktop notification; resolves once it was handed over (or could not be). Never rejects. */
export interface Notifier {
  show(notification: DesktopNotification): Promise<void>;
}

// A notification that has not gone out by then is dropped, so a hung helper cannot hold the run open.
const SETTLE_MS = 3000;

/**
 * node-notifier: notify-send on Linux, Notification Center on macOS, toasts on Windows. Loaded only
 * when a run asks for notifications. Where no notification service exists (no notify-send, no
 * session bus) it says nothing: a missing desktop is no reason to disturb a terminal or fail a run.
 */
export function desktopNotifier(): Notifier {
  let loaded: Promise<typeof import('node-notifier') | undefined> | undefined;
  return {
    async show({ title, message }) {
      loaded ??= import('node-notifier').then(
        (module) => module.default,
        () => undefined,
      );
      const notifier = await loaded;
      if (!notifier) return;
      await new Promise<void>((resolve) => {
        try {
          notifier.notify({ title, message, wait: false }, () => resolve());
        } catch {
          resolve();
        }
      });
    },
  };
}

const TITLES: Partial<Record<TrackedJob['state'], string>> = {
  completed: 'PixVerse video ready',
  failed: 'PixVerse job failed',
  moderated: 'PixVerse job moderated',
};

/** `--notify`: one notification per job this run saw finish completed, failed or moderated. */
export class JobNotifications implements Pick<RunReport, 'job'> {
  readonly #pending = new Set<Promise<void>>();

  constructor(
    private readonly notifier: Notifier,
    private readonly clean: (text: string) => string = (text) => text,
  ) {}

  job(kind: Announcement, job: TrackedJob): void {
    const title = TITLES[job.state];
    // A job that ended before this run is old news; only this run's finishes are announced.
    if (kind !== 'finished' || !title) return;
    const model = job.job;
    const what = this.clean(model?.prompt ?? job.jobid);
    const why = job.state === 'completed' ? undefined : (model?.error?.message ?? job.lastError);
    const message = why ? `${what}\n${this.clean(why)}` : what;
    const shown = this.notifier.show({ title, message }).catch(() => undefined);
    this.#pending.add(shown);
    void shown.then(() => this.#pending.delete(shown));
  }

  /** Waits (a few seconds at most) for the notifications still being handed over. */
  async settled(): Promise<void> {
    if (this.#pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_MS)));
    await Promise.race([Promise.all(this.#pending), limit]);
    clearTimeout(timer);
  }
}
