import type { InvokeArgs, InvokeResult, JobView } from '../../main/ipc/contract.js';
import type { StateFilter } from './format.js';

type PageQuery = InvokeArgs<'queryJobs'>[0];
type QueryJobs = (query: PageQuery) => Promise<InvokeResult<'queryJobs'>>;

/**
 * About one screen of rows (with those drawn beyond its edges): the first page, the one the window
 * waits for at open, is no bigger than what it shows. Scrolling asks for more small pages.
 */
export const PAGE_SIZE = 25;
/** Pages kept beyond the ones in view: a short scroll back costs no request. */
const MAX_PAGES = 12;

/**
 * The window's share of the jobs database: the total that matches the filter and search, and a few
 * pages of rows around what the list shows. Rows are asked from the main process page by page; an
 * answer that arrives after the query changed or the pages were invalidated is dropped.
 */
export class JobPages {
  /** How many jobs match, as the main process last said. */
  total = 0;
  /** False until the first answer: the window says "no jobs" only when it knows. */
  loaded = false;
  #query: Pick<PageQuery, 'filter' | 'search'> = { filter: 'all', search: '' };
  /** Cached pages by number, least recently shown first. */
  #pages = new Map<number, JobView[]>();
  #loading = new Set<number>();
  #indexById: Map<string, number> | undefined;
  /** Bumped whenever cached pages stop being valid: older answers are then dropped. */
  #generation = 0;
  #shown: [first: number, last: number] = [0, 0];
  #reloading: Promise<void> | undefined;
  #reloadAgain = false;

  constructor(
    private readonly queryJobs: QueryJobs,
    private readonly onChange: () => void,
  ) {}

  /** The filter and search the cached pages answer. */
  get query(): Readonly<{ filter: StateFilter; search: string }> {
    return this.#query;
  }

  at(index: number): JobView | undefined {
    return this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** The job's place in the list, when its page is cached; -1 otherwise. */
  indexOf(jobid: string | undefined): number {
    if (jobid === undefined) return -1;
    if (!this.#indexById) {
      this.#indexById = new Map();
      for (const [page, rows] of this.#pages)
        rows.forEach((row, i) => this.#indexById!.set(row.jobid, page * PAGE_SIZE + i));
    }
    return this.#indexById.get(jobid) ?? -1;
  }

  /** How many rows the window holds right now. */
  get cachedRows(): number {
    let count = 0;
    for (const rows of this.#pages.values()) count += rows.length;
    return count;
  }

  /** The list shows rows first..last: their pages are fetched, pages far from them dropped. */
  show(first: number, last: number): void {
    this.#shown = [Math.max(0, first), Math.max(0, last)];
    for (const page of this.#shownPages()) {
      const rows = this.#pages.get(page);
      if (rows) {
        this.#pages.delete(page); // shown again: now the most recent
        this.#pages.set(page, rows);
      } else if (!this.#loading.has(page)) this.#fetch(page).catch(() => {}); // asked again when shown again
    }
  }

  /** The row at `index`, its page fetched first when needed. */
  async load(index: number): Promise<JobView | undefined> {
    const page = Math.floor(index / PAGE_SIZE);
    if (!this.#pages.has(page)) await this.#fetch(page);
    return this.at(index);
  }

  /** A new filter or search: the list starts over from the top. */
  setQuery(filter: StateFilter, search: string): Promise<void> {
    this.#query = { filter, search: search.trim() };
    this.#shown = [0, 0];
    return this.invalidate();
  }

  /**
   * Replaces a cached row by a newer version of its job. False when the job is not cached, so the
   * caller decides whether membership may have changed.
   */
  patch(job: JobView): boolean {
    const index = this.indexOf(job.jobid);
    const rows = this.#pages.get(Math.floor(index / PAGE_SIZE));
    if (index < 0 || !rows) return false;
    rows[index % PAGE_SIZE] = job;
    this.onChange();
    return true;
  }

  /**
   * Which jobs match, or their order, may have changed: the pages in view are fetched again and
   * replace the whole cache at once (the old rows stay on screen until then). Calls that arrive
   * during a reload are served by one more reload after it.
   */
  invalidate(): Promise<void> {
    this.#reloadAgain = true;
    this.#reloading ??= this.#reloadWhileAsked().finally(() => (this.#reloading = undefined));
    return this.#reloading;
  }

  async #reloadWhileAsked(): Promise<void> {
    while (this.#reloadAgain) {
      this.#reloadAgain = false;
      const generation = ++this.#generation;
      this.#loading.clear();
      const pages = this.#shownPages();
      const answers = await Promise.all(pages.map((page) => this.#ask(page)));
      if (generation !== this.#generation) continue;
      this.#pages = new Map(pages.map((page, i) => [page, answers[i]!.rows]));
      this.#indexById = undefined;
      this.total = answers.at(-1)!.total;
      this.loaded = true;
      this.onChange();
    }
  }

  async #fetch(page: number): Promise<void> {
    const generation = this.#generation;
    this.#loading.add(page);
    try {
      const answer = await this.#ask(page);
      if (generation !== this.#generation) return;
      this.#pages.set(page, answer.rows);
      this.total = answer.total;
      this.loaded = true;
      this.#dropStalePages();
      this.#indexById = undefined;
      this.onChange();
    } finally {
      if (generation === this.#generation) this.#loading.delete(page);
    }
  }

  #ask(page: number) {
    return this.queryJobs({ ...this.#query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  }

  #shownPages(): number[] {
    const [first, last] = this.#shown;
    const pages: number[] = [];
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++)
      pages.push(page);
    return pages;
  }

  /** Least recently shown pages go first; the pages in view always stay. */
  #dropStalePages(): void {
    const keep = new Set(this.#shownPages());
    for (const page of this.#pages.keys()) {
      if (this.#pages.size <= Math.max(MAX_PAGES, keep.size)) return;
      if (!keep.has(page)) this.#pages.delete(page);
    }
  }
}
