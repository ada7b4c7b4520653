import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InvokeResult, JobView } from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';
import { matchesFilter } from './format.js';

export type FilterCounts = InvokeResult<'countJobs'>;

/** A burst of finishing jobs (a poll answers for many) is counted once. */
const RECOUNT_MS = 300;

const isProblem = (job: JobView) => matchesFilter(job, 'problems', '');

/**
 * How many jobs each filter holds, counted by the main process (the window holds only a page or
 * two): asked again when the list reloads, and when a shown job moves between filters.
 */
export class JobCounts implements ReactiveController {
  value: FilterCounts | undefined;
  #search = '';
  #asked = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Counts for `search`; an answer overtaken by a later question is dropped. */
  refresh(search: string): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#search = search;
    const asked = ++this.#asked;
    // Asked from a promise: a failure of any kind leaves the counts as they were, never the reload.
    Promise.resolve()
      .then(() => bridge().countJobs(search.slice(0, 500)))
      .then((counts) => {
        if (asked !== this.#asked) return;
        this.value = counts;
        this.host.requestUpdate();
      })
      .catch(() => {}); // the counts on screen stay; the next reload asks again
  }

  /** A pushed change to a job on screen: the counts move only when it changed filters. */
  changed(before: JobView, after: JobView): void {
    const moved =
      (before.state === 'active') !== (after.state === 'active') || isProblem(before) !== isProblem(after);
    if (moved) this.#timer ??= setTimeout(() => this.refresh(this.#search), RECOUNT_MS);
  }
}
