import { LitElement, html, nothing } from 'lit';
import type { AppState, JobView } from '../../main/ipc/contract.js';
import { banners } from './banners.js';
import { bridge } from './bridge.js';
import type { StateFilter } from './format.js';
import { JobPages } from './job-pages.js';
import { JobCounts } from './job-counts.js';
import { loadSettingsView, loadWhenIdle } from './later-parts.js';
import { listFilters } from './list-filters.js';
import { mayMove, moveTarget, SEARCH_DEBOUNCE_MS, UNSEEN_RELOAD_MS } from './list-moves.js';
import type { JobList } from './job-list.js';
import type { JobRow } from './job-row.js';
import './add-job-form.js';
import './cancel-dialog.js';
import { listen, openingState, queryJobs } from './opening.js';
import './job-list.js';

type View = 'jobs' | 'add' | 'settings';

/** The window: banners, toolbar (add, filter, search), the job list, and the settings view. */
export class PixverseApp extends LitElement {
  static override properties = {
    view: { state: true },
    state: { state: true },
    revision: { state: true },
    filter: { state: true },
    search: { state: true },
    selected: { state: true },
    undo: { state: true },
    cancelling: { state: true },
  };
  declare view: View;
  declare state: AppState | undefined;
  declare filter: StateFilter;
  declare search: string;
  /** The selected job's id: selection follows the job when others arrive or leave. */
  declare selected: string | undefined;
  /** The last removed job, for Undo. */
  declare undo: { job: JobView } | undefined;
  /** The job whose cancel is being confirmed. */
  declare cancelling: JobView | undefined;
  /** Bumped whenever the cached pages change: the list renders again. */
  declare revision: number;
  /** The rows the list shows, asked from the main process page by page. */
  readonly #pages = new JobPages(
    (query) => queryJobs(query),
    () => this.#pagesChanged(),
  );
  /** How many jobs each filter holds, asked of main as the list reloads. */
  readonly #counts = new JobCounts(this);
  /** Where the selected job last was: its neighbour there takes the selection when it leaves. */
  #selectedAt = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts key moves: a page that arrives after a later move selects nothing. */
  #moves = 0;

  constructor() {
    super();
    this.view = 'jobs';
    this.filter = 'all';
    this.search = '';
    this.selected = undefined;
    this.revision = 0;
  }

  protected override createRenderRoot() {
    return this;
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    listen({
      jobChanged: (job) => this.#changed(job),
      jobRemoved: () => void this.#reload(),
      stateChanged: (state) => (this.state = state),
      showView: (view) => (this.view = view),
    });
    const [state] = await Promise.all([openingState(), this.#reload()]);
    this.state = state;
    loadWhenIdle();
  }

  protected override willUpdate(): void {
    if (this.view === 'settings') void loadSettingsView();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#reloadTimer);
  }

  #pagesChanged(): void {
    this.revision++;
    if (this.selected === undefined) return;
    const index = this.#pages.indexOf(this.selected);
    if (index >= 0) return void (this.#selectedAt = index);
    // The selected job is gone from where it was, and that place is loaded: it left the list (removed,
    // or no longer matching), and its neighbour takes the selection.
    const at = Math.min(this.#selectedAt, this.#pages.total - 1);
    const neighbour = this.#pages.at(at);
    if (at < 0) this.selected = undefined;
    else if (neighbour) this.selected = neighbour.jobid;
  }

  #reload(): Promise<void> {
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = undefined;
    this.#counts.refresh(this.#pages.query.search);
    return this.#pages.invalidate().catch(() => {}); // the rows on screen stay; the next change asks again
  }

  /** Updates of jobs out of view come in bursts (a poll, a download's progress): one reload for a burst. */
  #reloadSoon(): void {
    this.#reloadTimer ??= setTimeout(() => void this.#reload(), UNSEEN_RELOAD_MS);
  }

  /**
   * A pushed update: a cached row is patched in place (only that row renders again). When the job
   * may have joined or left the list, or moved in it (finishing, changed where a filter or search
   * looks), the pages and the total are asked for again; a job not cached may be new, so likewise.
   */
  #changed(job: JobView): void {
    const index = this.#pages.indexOf(job.jobid);
    const before = index >= 0 ? this.#pages.at(index) : undefined;
    if (!before) return this.#reloadSoon();
    this.#pages.patch(job);
    this.#counts.changed(before, job);
    const { filter, search } = this.#pages.query;
    if (mayMove(before, job, filter, search)) void this.#reload();
  }

  #query(): void {
    clearTimeout(this.#searchTimer);
    this.querySelector<JobList>('job-list')?.scrollToIndex(0);
    this.#counts.refresh(this.search);
    void this.#pages.setQuery(this.filter, this.search).catch(() => {});
  }

  readonly #filterControls = {
    filter: (value: StateFilter) => ((this.filter = value), this.#query()),
    search: (text: string) => this.#typed(text),
  };

  /** Typing asks the main process once the keys pause, not on every key. */
  #typed(search: string): void {
    this.search = search;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#query(), SEARCH_DEBOUNCE_MS);
  }

  #selectedIndex(): number {
    return this.#pages.indexOf(this.selected);
  }

  async #removeJob(job: JobView): Promise<void> {
    if (!(await bridge().removeJob(job.jobid))) return;
    this.undo = { job };
    await this.#reload();
  }

  /** Main puts the job back as it was, in its old place: the list asks for its pages again. */
  async #undoRemove(): Promise<void> {
    const undo = this.undo;
    this.undo = undefined;
    if (undo && (await bridge().restoreJob(undo.job.jobid))) await this.#reload();
  }

  /** A key acts on the row it was pressed in (a row's button included), else on the selected row. */
  #onListKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const row = target.closest<JobRow>('job-row');
    const job = row?.job ?? this.#pages.at(this.#selectedIndex());
    // Enter and Space on a row's button are that button's own: they press it, nothing else.
    const onControl = target !== event.currentTarget && target.matches('button, a, input, select, textarea');
    const list = this.querySelector<JobList>('job-list');
    const to = list ? moveTarget(event.key, this.#current(), this.#pages.total, list.rowsInView) : undefined;
    if (to !== undefined) {
      event.preventDefault();
      void this.#select(to);
    } else if (event.key === 'Enter' && !onControl) {
      const saved = job?.downloads.find((d) => d.state === 'saved');
      if (job && saved) void bridge().openFile(job.jobid, saved.key);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      if (job) void this.#removeJob(job);
    }
  }

  /** Where the keys move from: the selected row, or where it last was when its page is not cached. */
  #current(): number {
    const index = this.#selectedIndex();
    if (index >= 0) return index;
    return this.selected === undefined ? -1 : this.#selectedAt;
  }

  /** Selects the row at `index`, its page fetched when needed, and brings it into view. */
  async #select(index: number): Promise<void> {
    const move = ++this.#moves;
    this.querySelector<JobList>('job-list')?.scrollToIndex(index);
    const job = await this.#pages.load(index).catch(() => undefined);
    if (!job || move !== this.#moves) return; // a later key press has moved on
    this.#selectedAt = index;
    this.selected = job.jobid;
  }

  /** Focus on a row's button selects that row: the selection is where the keys act. */
  #onListFocus(event: FocusEvent): void {
    const row = (event.target as HTMLElement).closest<JobRow>('job-row');
    if (row?.job) this.selected = row.job.jobid;
    else if (this.selected === undefined) this.selected = this.#pages.at(0)?.jobid;
  }

  override render() {
    return html`${banners(this.state, () => (this.view = 'settings'))}
      <header class="toolbar">
        <nav aria-label="Views">
          <button type="button" aria-pressed=${this.view !== 'settings'} @click=${() => (this.view = 'jobs')}>
            Jobs
          </button>
          <button
            type="button"
            aria-pressed=${this.view === 'settings'}
            @click=${() => (this.view = 'settings')}
          >
            Settings
          </button>
        </nav>
        ${this.view === 'settings' ? nothing : listFilters(this.filter, this.search, this.#filterControls, this.#counts.value)}
      </header>
      ${this.view === 'settings' ? html`<settings-view .state=${this.state}></settings-view>` : this.#jobsView()}
      ${
        this.undo
          ? html`<div class="snackbar" role="status">
              Removed ${this.undo.job.prompt || this.undo.job.jobid}.
              <button type="button" @click=${() => this.#undoRemove()}>Undo</button>
              <button type="button" aria-label="Dismiss" @click=${() => (this.undo = undefined)}>×</button>
            </div>`
          : nothing
      }
      <cancel-dialog
        .job=${this.cancelling}
        @cancel-dialog-closed=${() => (this.cancelling = undefined)}
      ></cancel-dialog>`;
  }

  #jobsView() {
    return html`<add-job-form
        ?focus-on-open=${this.view === 'add'}
        @job-added=${() => (this.view = 'jobs')}
      ></add-job-form>
      ${
        this.#pages.loaded && this.#pages.total === 0
          ? html`<p class="empty">
              ${this.filter === 'all' && !this.search.trim() ? 'No jobs yet. Add one above, or copy a jobid and use the tray menu.' : 'No job matches.'}
            </p>`
          : nothing
      }
      <job-list
        role="listbox"
        tabindex="0"
        aria-label="Jobs"
        aria-activedescendant=${this.#selectedIndex() >= 0 ? `row-${this.#selectedIndex()}` : ''}
        .pages=${this.#pages}
        .revision=${this.revision}
        .selectedIndex=${this.#selectedIndex()}
        @keydown=${(e: KeyboardEvent) => this.#onListKey(e)}
        @focusin=${(e: FocusEvent) => this.#onListFocus(e)}
        @cancel-request=${(e: CustomEvent<JobView>) => (this.cancelling = e.detail)}
      ></job-list>`;
  }
}
customElements.define('pixverse-app', PixverseApp);
