import type { JobView } from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';
import type { JobList } from './job-list.js';
import type { JobPages } from './job-pages.js';
import type { JobRow } from './job-row.js';

/**
 * The selected job, by jobid: the selection follows the job when others arrive or leave, and when
 * it leaves the list its neighbour there takes it. Keys move it; pages are fetched as it goes.
 */
export class ListSelection {
  #jobid: string | undefined;
  /** Where the selected job last was: its neighbour there takes the selection when it leaves. */
  #at = 0;
  /** Counts moves: a page that arrives after a later move selects nothing. */
  #moves = 0;
  /**
   * Set by a new filter or search until the selected job is in the list again: hidden by the query
   * (not gone), it stays selected but out of reach (Delete and the keys ignore it) and takes the
   * selection back when it shows again. No neighbour the user never picked takes its place.
   */
  #hiddenByQuery = false;

  constructor(
    private readonly pages: JobPages,
    private readonly list: () => JobList | null,
    private readonly changed: () => void,
    /** Shows every job (the filter and search reset): a job named from outside may be hidden by them. */
    private readonly showAll: () => Promise<void>,
  ) {}

  get jobid(): string | undefined {
    return this.#jobid;
  }

  set jobid(jobid: string | undefined) {
    if (jobid === this.#jobid) return;
    this.#jobid = jobid;
    this.#hiddenByQuery = false;
    // A click selects too: its place is where a neighbour takes over if the job leaves.
    const index = this.pages.indexOf(jobid);
    if (index >= 0) this.#at = index;
    this.changed();
  }

  /** The selected row's index, when its page is cached; -1 otherwise. */
  index(): number {
    return this.pages.indexOf(this.#jobid);
  }

  job(): JobView | undefined {
    return this.pages.at(this.index());
  }

  /** Where the keys move from: the selected row, or where it last was when its page is not cached. */
  current(): number {
    const index = this.index();
    if (index >= 0) return index;
    return this.#jobid === undefined || this.#hiddenByQuery ? -1 : this.#at;
  }

  /** A new filter or search: the selected job may be hidden by it, not gone. */
  queryChanged(): void {
    if (this.#jobid !== undefined) this.#hiddenByQuery = true;
  }

  /**
   * A job changed in a way that may take it out of the filter or search (it finished under Active):
   * when it is the selected one, it is hidden by the query, not gone, as after a new filter.
   */
  jobMayLeave(jobid: string): void {
    if (jobid === this.#jobid) this.#hiddenByQuery = true;
  }

  /** The pages changed: the selection stays on its job, or goes to its neighbour when the job left. */
  pagesChanged(): void {
    if (this.#jobid === undefined) return;
    const index = this.index();
    if (index >= 0) {
      this.#hiddenByQuery = false;
      return void (this.#at = index);
    }
    if (this.#hiddenByQuery) return;
    // The selected job is gone from where it was, and that place is loaded: it left the list (removed,
    // or no longer matching), and its neighbour takes the selection.
    const at = Math.min(this.#at, this.pages.total - 1);
    const neighbour = this.pages.at(at);
    if (at < 0) this.jobid = undefined;
    else if (neighbour) this.jobid = neighbour.jobid;
  }

  /** Selects the row at `index`, its page fetched when needed, and brings it into view. */
  async select(index: number): Promise<void> {
    const move = ++this.#moves;
    this.list()?.scrollToIndex(index);
    const job = await this.pages.load(index).catch(() => undefined);
    if (!job || move !== this.#moves) return; // a later key press has moved on
    this.#at = index;
    this.jobid = job.jobid;
  }

  /** A job named from outside (a tray "recent job", a notification): selected, among all jobs if need be. */
  async selectJob(jobid: string): Promise<void> {
    if (await this.selectIfShown(jobid)) return;
    await this.showAll();
    await this.selectIfShown(jobid);
  }

  /** Selects the job where the list shows it, the filter and search untouched (Undo); false if it does not. */
  async selectIfShown(jobid: string): Promise<boolean> {
    const index = await bridge().indexOfJob(jobid, this.pages.query);
    if (index >= 0) await this.select(index);
    return index >= 0;
  }

  /** Focus on a row's button selects that row: the selection is where the keys act. */
  focused(event: FocusEvent): void {
    const row = (event.target as HTMLElement).closest<JobRow>('job-row');
    if (row?.job) this.jobid = row.job.jobid;
    else if (this.#jobid === undefined) this.jobid = this.pages.at(0)?.jobid;
  }
}
