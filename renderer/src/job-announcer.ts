import type { JobView } from '../../main/ipc/contract.js';
import { jobName } from './job-actions.js';

type TrackedState = JobView['state'];

const SAID: Partial<Record<TrackedState, (name: string) => string>> = {
  completed: (name) => `‘${name}’ is finished.`,
  failed: (name) => `‘${name}’ failed.`,
  moderated: (name) => `‘${name}’ was moderated.`,
};

/**
 * The sentence a screen reader hears (from the window's polite live region) when a job ends: one
 * per job that went from active to finished, failed or moderated, from the pushed `jobChanged`
 * events. It remembers what each event said, so a job whose row is not loaded is announced too,
 * once it was seen running; a job put back by Undo, already final, is not.
 */
export class JobAnnouncer {
  readonly #last = new Map<string, TrackedState>();

  /** The sentence for this update, if it is an end worth saying. `before`: the state the list showed. */
  heard(job: JobView, before: TrackedState | undefined): string | undefined {
    const was = this.#last.get(job.jobid) ?? before;
    this.#last.set(job.jobid, job.state);
    if (was !== 'active' || job.state === 'active') return undefined;
    return SAID[job.state]?.(jobName(job));
  }
}
