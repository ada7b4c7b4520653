import { LitElement, html, nothing } from 'lit';
import type { AppState, JobView } from '../../main/ipc/contract.js';
import { appHeader, type View } from './app-header.js';
import { banners } from './banners.js';
import { bridge } from './bridge.js';
import type { StateFilter } from './format.js';
import { JobPages } from './job-pages.js';
import { emptyState } from './empty-state.js';
import { JobCounts } from './job-counts.js';
import { loadSettingsView, loadWhenIdle } from './later-parts.js';
import { mayMove, SEARCH_DEBOUNCE_MS, UNSEEN_RELOAD_MS } from './list-moves.js';
import { JobAnnouncer } from './job-announcer.js';
import { onListClick, onListContextMenu, onListKey, type ListHost } from './list-input.js';
import { pollingControl } from './polling-control.js';
import { ListSelection } from './list-selection.js';
import { RowCommands } from './row-commands.js';
import type { JobList } from './job-list.js';
import './add-job-form.js';
import './cancel-dialog.js';
import './undo-snackbar.js';
import { listen, openingState, queryJobs } from './opening.js';
import './job-list.js';
import './job-menu.js';

/** The window: banners, toolbar (add, filter, search), the job list, and the settings view. */
export class PixverseApp extends LitElement {
  static override properties = {
    view: { state: true },
    state: { state: true },
    revision: { state: true },
    filter: { state: true },
    search: { state: true },
    undo: { state: true },
    cancelling: { state: true },
    announcement: { state: true },
  };
  declare view: View;
  declare state: AppState | undefined;
  declare filter: StateFilter;
  declare search: string;
  /** The last removed job, for Undo. */
  declare undo: JobView | undefined;
  /** The job whose cancel is being confirmed. */
  declare cancelling: JobView | undefined;
  /** The last job that ended, in one sentence, for the polite live region. */
  declare announcement: string;
  readonly #announcer = new JobAnnouncer();
  /** Bumped whenever the cached pages change: the list renders again. */
  declare revision: number;
  /** The rows the list shows, asked from the main process page by page. */
  readonly #pages = new JobPages(
    (query) => queryJobs(query),
    () => this.#pagesChanged(),
  );
  /** The selected job (list-selection.ts): the list shows it, the keys move it. */
  readonly #selection = new ListSelection(
    this.#pages,
    () => this.querySelector<JobList>('job-list'),
    () => this.requestUpdate(),
    () => this.#showAll(),
  );
  /** How many jobs each filter holds, asked of main as the list reloads. */
  readonly #counts = new JobCounts(this);
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Settings was opened for the token (a banner's button): its field takes the focus. */
  #tokenAsked = false;
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.view = 'jobs';
    this.filter = 'all';
    this.search = '';
    this.revision = 0;
    this.announcement = '';
  }

  protected override createRenderRoot() {
    return this;
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    listen({
      jobChanged: (job) => this.#changed(job),
      jobRemoved: () => void this.#reload(),
      stateChanged: (state) => this.#stateChanged(state),
      showView: (view) => this.#showView(view),
      selectJob: (jobid) => void this.#selection.selectJob(jobid),
    });
    const [state] = await Promise.all([openingState(), this.#reload()]);
    // A change pushed while the opening state was on its way is newer than it.
    this.state ??= state;
    loadWhenIdle();
  }

  protected override willUpdate(): void {
    if (this.view === 'settings') void loadSettingsView();
    else this.#tokenAsked = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#reloadTimer);
  }

  /**
   * Paused or resumed, an account held or released: the rows' "Next try in …" and "Waiting for its
   * PixVerse account" come or go with it (main words them from the state).
   */
  #stateChanged(state: AppState): void {
    const heldOf = (s: AppState | undefined) => (s?.heldAccounts ?? []).map((held) => held.account).join();
    const [pausedBefore, heldBefore] = [this.state?.paused ?? null, heldOf(this.state)];
    this.state = state;
    if (pausedBefore !== state.paused || heldBefore !== heldOf(state)) void this.#reload();
  }

  #pagesChanged(): void {
    this.revision++;
    this.#selection.pagesChanged();
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
    if (this.cancelling?.jobid === job.jobid) this.cancelling = job; // its dialog sees it end
    const index = this.#pages.indexOf(job.jobid);
    const before = index >= 0 ? this.#pages.at(index) : undefined;
    this.#announce(job, before);
    if (!before) return this.#reloadSoon();
    this.#counts.changed(before, job);
    const { filter, search } = this.#pages.query;
    if (!mayMove(before, job, filter, search)) return void this.#pages.patch(job);
    // Asked for again, not patched first: a selected job leaving the filter is hidden by it, not
    // replaced by a neighbour the user never picked (a patch would show it in place a moment longer).
    this.#selection.jobMayLeave(job.jobid);
    void this.#reload();
  }

  #query(): void {
    clearTimeout(this.#searchTimer);
    this.querySelector<JobList>('job-list')?.scrollToIndex(0);
    this.#counts.refresh(this.search);
    this.#selection.queryChanged();
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

  async #removeJob(job: JobView): Promise<void> {
    if (!(await bridge().removeJob(job.jobid))) return;
    this.undo = job;
    await this.#reload();
    await this.updateComplete;
    // The focus was in the removed row (its ⋯ or a button, or the menu that gave it back there):
    // the list takes it, so the keys go on from the row that took the selection.
    const focused = document.activeElement;
    if (!focused || focused === document.body || !focused.isConnected)
      this.querySelector<JobList>('job-list')?.focus({ preventScroll: true });
  }

  /** Undo put the job back: it is selected again, and the keys act on the list as before the Delete. */
  async #restored(job: JobView): Promise<void> {
    await this.#reload();
    await this.#selection.selectIfShown(job.jobid);
    this.querySelector<JobList>('job-list')?.focus({ preventScroll: true });
  }

  /** What the list's keys and pointer act through (list-input.ts). */
  readonly #listHost: ListHost = {
    list: () => this.querySelector<JobList>('job-list'),
    total: () => this.#pages.total,
    current: () => this.#selection.current(),
    selectedJob: () => this.#selection.job(),
    select: (index) => void this.#selection.select(index),
    selectJob: (job) => (this.#selection.jobid = job.jobid),
    act: (kind, job) => this.#commands.act(kind, job),
    openMenu: (job, at) => this.#commands.openMenu(job, at),
  };
  readonly #commands = new RowCommands(this, {
    remove: (job) => void this.#removeJob(job),
    confirmCancel: (job) => (this.cancelling = job),
    select: (job) => (this.#selection.jobid = job.jobid),
  });

  /** Shows every job: the filter and search reset (for a job named from outside the window). */
  #showAll(): Promise<void> {
    clearTimeout(this.#searchTimer); // a search still being typed is dropped with the rest
    [this.filter, this.search] = ['all', ''];
    this.#counts.refresh('');
    return this.#pages.setQuery('all', '').catch(() => {});
  }

  /** A job that ended is said in the polite live region (job-announcer.ts). */
  #announce(job: JobView, before: JobView | undefined): void {
    const sentence = this.#announcer.heard(job, before?.state);
    if (sentence) this.announcement = sentence;
  }

  /** A banner's "Open Settings" (a token to set or replace): Settings, with the token field focused. */
  #openSettingsAtToken(): void {
    this.#tokenAsked = true;
    this.view = 'settings';
  }

  /** Escape leaves Settings for the jobs, as it closes the window's other layers (not its own dialog's). */
  #settingsKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented || (event.target as Element).closest('dialog'))
      return;
    this.view = 'jobs';
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('job-list')?.focus());
  }

  /** The tray's "Add Job…" shows the jobs with the add field focused. */
  #showView(view: View): void {
    this.view = view;
    if (view === 'add')
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('#add-job')?.focus());
  }

  override render() {
    const settings = this.view === 'settings';
    return html`${appHeader({
        view: this.view,
        filter: this.filter,
        search: this.search,
        filterControls: this.#filterControls,
        counts: this.#counts.value,
        addForm: html`<add-job-form
          ?focus-on-open=${this.view === 'add'}
          @job-added=${() => (this.view = 'jobs')}
          @select-job=${(e: CustomEvent<string>) => void this.#selection.selectJob(e.detail)}
        ></add-job-form>`,
        showView: (view) => (this.view = view),
        pauseControl: pollingControl(this.state, (state) => this.#stateChanged(state)),
      })}
      <main>
        ${banners(this.state, settings ? undefined : () => this.#openSettingsAtToken())}
        <section class=${settings ? 'jobs-view away' : 'jobs-view'} aria-label="Jobs" ?inert=${settings}>
          ${this.#jobsView()}
        </section>
        ${
          settings
            ? html`<settings-view
                .state=${this.state}
                ?focus-token=${this.#tokenAsked}
                @keydown=${(e: KeyboardEvent) => this.#settingsKey(e)}
              ></settings-view>`
            : nothing
        }
        <p id="job-announcements" class="visually-hidden" role="status">${this.announcement}</p>
        <undo-snackbar
          .removed=${this.undo}
          @undo-restored=${(e: CustomEvent<JobView>) => void this.#restored(e.detail)}
          @undo-closed=${() => (this.undo = undefined)}
        ></undo-snackbar>
        <cancel-dialog
          .job=${this.cancelling}
          @cancel-dialog-closed=${() => (this.cancelling = undefined)}
        ></cancel-dialog>
      </main>`;
  }

  /** The list stays in the page while Settings shows (hidden): its scroll position and selection are kept. */
  #jobsView() {
    const filtered = this.filter !== 'all' || this.search.trim() !== '';
    return html`${
        this.#pages.loaded && this.#pages.total === 0
          ? emptyState(
              filtered,
              this.state?.demo ?? false,
              () => void bridge().startDemo(),
              () => void this.#showAll(),
            )
          : nothing
      }
      <job-list
        tabindex="0"
        aria-label="Jobs"
        .pages=${this.#pages}
        .revision=${this.revision}
        .selectedIndex=${this.#selection.index()}
        @keydown=${(e: KeyboardEvent) => onListKey(e, this.#listHost)}
        @click=${(e: MouseEvent) => onListClick(e, this.#listHost)}
        @contextmenu=${(e: MouseEvent) => onListContextMenu(e, this.#listHost)}
        @focusin=${(e: FocusEvent) => this.#selection.focused(e)}
      ></job-list>
      <job-menu></job-menu>`;
  }
}
customElements.define('pixverse-app', PixverseApp);
