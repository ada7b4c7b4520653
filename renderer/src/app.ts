import { LitElement, html, nothing } from 'lit';
import type { AppState, JobView } from '../../main/ipc/contract.js';
import { parseJobidInput } from '../../main/core/api/jobid-input.js';
import { banners } from './banners.js';
import { bridge } from './bridge.js';
import { matchesFilter, type StateFilter } from './format.js';
import type { JobList } from './job-list.js';
import type { JobRow } from './job-row.js';
import './job-list.js';
import './settings-view.js';

type View = 'jobs' | 'add' | 'settings';
const FILTERS: [StateFilter, string][] = [
  ['all', 'All'],
  ['active', 'Active'],
  ['finished', 'Finished'],
  ['problems', 'Problems'],
];

/** The window: banners, toolbar (add, filter, search), the job list, and the settings view. */
export class PixverseApp extends LitElement {
  static override properties = {
    view: { state: true },
    state: { state: true },
    visible: { state: true },
    filter: { state: true },
    search: { state: true },
    selected: { state: true },
    addError: { state: true },
    undo: { state: true },
  };
  declare view: View;
  declare state: AppState | undefined;
  declare visible: JobView[];
  declare filter: StateFilter;
  declare search: string;
  /** The selected job's id: selection follows the job when others arrive or leave. */
  declare selected: string | undefined;
  declare addError: string;
  /** The last removed job and where it was, for Undo. */
  declare undo: { job: JobView; at: number } | undefined;
  /** Every job by id; `visible` is derived from it (newest first, filtered). */
  readonly #jobs = new Map<string, JobView>();
  #order: string[] = [];

  constructor() {
    super();
    this.view = 'jobs';
    this.visible = [];
    this.filter = 'all';
    this.search = '';
    this.selected = undefined;
    this.addError = '';
  }

  protected override createRenderRoot() {
    return this;
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    const api = bridge();
    api.onJobChanged((job) => this.#upsert(job));
    api.onJobRemoved((jobid) => this.#remove(jobid));
    api.onStateChanged((state) => (this.state = state));
    api.onShowView((view) => (this.view = view));
    const [jobs, state] = await Promise.all([api.listJobs(), api.getState()]);
    for (const job of jobs) this.#jobs.set(job.jobid, job);
    this.#order = jobs.map((j) => j.jobid); // newest first, as listed
    this.state = state;
    this.#refilter();
  }

  #upsert(job: JobView): void {
    const known = this.#jobs.has(job.jobid);
    this.#jobs.set(job.jobid, job);
    if (!known) this.#order.unshift(job.jobid);
    const index = this.visible.findIndex((v) => v.jobid === job.jobid);
    const shown = matchesFilter(job, this.filter, this.search.trim());
    if (!known || shown !== index >= 0) return this.#refilter();
    // Same place in the list: swap in the new object, so only that row re-renders.
    if (index >= 0) this.visible = this.visible.with(index, job);
  }

  #remove(jobid: string): void {
    this.#jobs.delete(jobid);
    this.#order = this.#order.filter((id) => id !== jobid);
    this.#refilter();
  }

  #refilter(): void {
    const search = this.search.trim();
    const before = this.#selectedIndex();
    this.visible = this.#order
      .map((id) => this.#jobs.get(id)!)
      .filter((job) => matchesFilter(job, this.filter, search));
    // The selected job left the list: its neighbour takes the selection.
    if (this.selected !== undefined && this.#selectedIndex() < 0)
      this.selected = this.visible[Math.min(before, this.visible.length - 1)]?.jobid;
  }

  #selectedIndex(): number {
    return this.selected === undefined ? -1 : this.visible.findIndex((job) => job.jobid === this.selected);
  }

  async #addJob(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('job') as HTMLInputElement;
    const parsed = parseJobidInput(input.value);
    if (!parsed.ok) {
      this.addError = parsed.reason;
      return;
    }
    const result = await bridge().addJob(input.value);
    if (!result.ok) {
      this.addError = result.reason;
      return;
    }
    this.addError = '';
    input.value = '';
    this.view = 'jobs';
  }

  async #removeJob(job: JobView): Promise<void> {
    const at = this.#order.indexOf(job.jobid);
    if (at < 0 || !(await bridge().removeJob(job.jobid))) return;
    this.#remove(job.jobid);
    this.undo = { job, at };
  }

  /** Main puts the job back as it was; here it goes back to its old place in the list. */
  async #undoRemove(): Promise<void> {
    const undo = this.undo;
    this.undo = undefined;
    if (!undo || this.#jobs.has(undo.job.jobid)) return;
    this.#jobs.set(undo.job.jobid, undo.job);
    this.#order.splice(Math.min(undo.at, this.#order.length), 0, undo.job.jobid);
    this.#refilter();
    if (!(await bridge().restoreJob(undo.job.jobid))) this.#remove(undo.job.jobid);
  }

  /** A key acts on the row it was pressed in (a row's button included), else on the selected row. */
  #onListKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const row = target.closest<JobRow>('job-row');
    const job = row?.job ?? this.visible[this.#selectedIndex()];
    // Enter and Space on a row's button are that button's own: they press it, nothing else.
    const onControl = target !== event.currentTarget && target.matches('button, a, input, select, textarea');
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const index = Math.max(0, Math.min(this.visible.length - 1, this.#selectedIndex() + step));
      this.selected = this.visible[index]?.jobid;
      this.querySelector<JobList>('job-list')?.scrollToIndex(index);
    } else if (event.key === 'Enter' && !onControl) {
      const saved = job?.downloads.find((d) => d.state === 'saved');
      if (job && saved) void bridge().openFile(job.jobid, saved.key);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      if (job) void this.#removeJob(job);
    }
  }

  /** Focus on a row's button selects that row: the selection is where the keys act. */
  #onListFocus(event: FocusEvent): void {
    const row = (event.target as HTMLElement).closest<JobRow>('job-row');
    if (row?.job) this.selected = row.job.jobid;
    else if (this.selected === undefined) this.selected = this.visible[0]?.jobid;
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
        ${this.view === 'settings' ? nothing : this.#filters()}
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
      }`;
  }

  #filters() {
    return html`<div class="filters" role="group" aria-label="Filter jobs">
        ${FILTERS.map(
          ([value, label]) =>
            html`<button
              type="button"
              aria-pressed=${this.filter === value}
              @click=${() => ((this.filter = value), this.#refilter())}
            >
              ${label}
            </button>`,
        )}
      </div>
      <input
        type="search"
        aria-label="Search by prompt or jobid"
        placeholder="Search prompt or jobid"
        .value=${this.search}
        @input=${(e: InputEvent) => ((this.search = (e.target as HTMLInputElement).value), this.#refilter())}
      />`;
  }

  #jobsView() {
    return html`<form class="add" @submit=${(e: SubmitEvent) => this.#addJob(e)} novalidate>
        <label for="add-job">Add a job</label>
        <input
          id="add-job"
          name="job"
          autocomplete="off"
          spellcheck="false"
          placeholder="jobid, URL with ?jobid=, or a JSON response"
          aria-invalid=${this.addError ? 'true' : 'false'}
          aria-describedby="add-error"
          ?autofocus=${this.view === 'add'}
        />
        <button type="submit">Add</button>
        <p id="add-error" class="error" role="alert">${this.addError}</p>
      </form>
      ${
        this.visible.length === 0
          ? html`<p class="empty">
              ${this.#order.length === 0 ? 'No jobs yet. Add one above, or copy a jobid and use the tray menu.' : 'No job matches.'}
            </p>`
          : nothing
      }
      <job-list
        role="listbox"
        tabindex="0"
        aria-label="Jobs"
        aria-activedescendant=${this.#selectedIndex() >= 0 ? `row-${this.#selectedIndex()}` : ''}
        .jobs=${this.visible}
        .selectedIndex=${this.#selectedIndex()}
        @keydown=${(e: KeyboardEvent) => this.#onListKey(e)}
        @focusin=${(e: FocusEvent) => this.#onListFocus(e)}
      ></job-list>`;
  }
}
customElements.define('pixverse-app', PixverseApp);
