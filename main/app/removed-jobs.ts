import { dropForgottenParts } from '../core/downloads/forgotten-parts.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import type { Session } from './session.js';

const KEPT = 50;

/**
 * The records of the jobs removed in this session, so Undo puts back the job exactly as it was:
 * its place (addedAt), what was announced and notified, where its video was saved. Tracking it
 * afresh would poll it again, notify it again and save a second copy of the video.
 */
export class RemovedJobs {
  readonly #records = new Map<string, TrackedJob>();

  /** Removes a job from the session, keeping its record for `restore`. */
  remove(session: Session, jobid: string): boolean {
    const record = session.store.get(jobid);
    if (!record || !session.scheduler.untrack(jobid)) return false;
    session.downloads.cancel(jobid); // its .part stays while Undo can resume it
    this.#records.delete(jobid);
    this.#records.set(jobid, structuredClone(record));
    if (this.#records.size > KEPT) {
      const oldest = this.#records.keys().next().value!;
      this.#forget(session, oldest);
    }
    return true;
  }

  /** Puts a removed job back as it was; false when it is unknown here or tracked again meanwhile. */
  restore(session: Session, jobid: string, autoDownload: boolean): TrackedJob | undefined {
    const record = this.#records.get(jobid);
    if (!record || session.store.get(jobid)) return undefined;
    this.#records.delete(jobid);
    const { jobid: _same, ...fields } = record;
    session.store.add(jobid);
    const job = session.store.update(jobid, fields, { durable: true });
    session.scheduler.track(jobid); // an active job is polled again; a finished one stays as it is
    const interrupted = Object.values(job.downloads ?? {}).some(
      (d) => d.state === 'pending' || d.state === 'downloading',
    );
    if (job.state === 'completed' && interrupted && autoDownload) session.downloads.enqueue(jobid);
    return job;
  }

  /**
   * The session ends (quit, or another one for new settings, token, demo): its removals cannot come
   * back, so the `.part` files their downloads left are deleted.
   */
  clear(session: Session | undefined): void {
    for (const jobid of [...this.#records.keys()]) this.#forget(session, jobid);
  }

  /** A removal past Undo: its record goes, and its unfinished `.part` files with it. */
  #forget(session: Session | undefined, jobid: string): void {
    const record = this.#records.get(jobid);
    this.#records.delete(jobid);
    if (record && session) dropForgottenParts(record, session.store.get(jobid), Date.now());
  }
}
