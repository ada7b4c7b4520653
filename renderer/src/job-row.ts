import { LitElement, html, nothing } from 'lit';
import type { JobView } from '../../main/ipc/contract.js';
import { jobMeta, localTime } from './format.js';
import { jobBadge, rowDownload } from './job-words.js';
import './clock-text.js';
import { rowActions } from './row/row-actions.js';
import { onRowNote } from './row-notes.js';
import { rowDetail, type DownloadView } from './row/row-detail.js';
import { rowThumbnail } from './row/row-thumbnail.js';

let rows = 0;

/**
 * One job. A row re-renders only when its own `job` object is replaced, so one job's update
 * touches one row. Everything from the API is rendered as text (Lit escapes it), never as HTML.
 */
export class JobRow extends LitElement {
  static override properties = {
    job: { attribute: false },
    selected: { type: Boolean, reflect: true },
    settled: { attribute: false },
    deadThumb: { state: true },
  };
  declare job: JobView | undefined;
  declare selected: boolean;
  /**
   * False while the window's first rows paint (the list says when it is idle): the row leaves out
   * what reading it does not need and whose first use is dear, the thumbnail (a media player and a
   * request each) and the local-time tooltips (locale data).
   */
  declare settled: boolean;
  /** A preview link that stopped working (v2's first-frame links expire): not asked for again. */
  declare deadThumb: string | undefined;
  #offNotes: (() => void) | undefined;
  /** Ids of its own for its name's parts: the list moves a row to another index, its name stays. */
  readonly #uid = `job-row-${++rows}`;

  constructor() {
    super();
    this.settled = true;
  }

  // Light DOM: the page's stylesheet (the CSP allows no other) styles the rows.
  protected override createRenderRoot() {
    return this;
  }

  protected override willUpdate(): void {
    if (this.job) this.setAttribute('aria-labelledby', `${this.#uid}-prompt ${this.#uid}-state`);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#offNotes = onRowNote((jobid) => jobid === this.job?.jobid && this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#offNotes?.();
  }

  /**
   * A row of the list's grid (see JobList): named by its prompt and state only (aria-labelledby),
   * not by all its text; its cells hold the thumbnail, the text, and the buttons.
   */
  override render() {
    const job = this.job;
    if (!job) return html`<div role="gridcell"></div>`;
    const download = rowDownload(job);
    const meta = jobMeta(job);
    const badge = jobBadge(job, download);
    return html`
      <div class="thumb" role="gridcell">${this.settled ? this.#thumbnail(job) : nothing}</div>
      <div class="main" role="gridcell">
        <div class="line">
          <span class="badge badge-${badge.tone}" id=${`${this.#uid}-state`}>${badge.label}</span>
          <span
            class=${job.prompt ? 'prompt' : 'prompt jobid'}
            id=${`${this.#uid}-prompt`}
            title=${job.prompt ?? ''}
            ><bdi>${job.prompt || job.jobid}</bdi></span
          >
        </div>
        <div class="line sub">
          ${meta ? html`<span class="meta">${meta}</span>` : nothing}
          ${job.prompt ? html`<span class="jobid">${job.jobid}</span>` : nothing}
          ${
            job.created
              ? html`<span title=${this.#localTime(job.created)}
                  >created <clock-text datetime=${job.created}></clock-text
                ></span>`
              : nothing
          }
          ${job.updated ? html`<span title=${this.#localTime(job.updated)}>updated <clock-text datetime=${job.updated}></clock-text></span>` : nothing}
        </div>
        <div class="line detail">${this.#detail(job, download)}</div>
      </div>
      <div class="actions" role="gridcell">${rowActions(this, job, this.selected)}</div>
    `;
  }

  #localTime(iso: string | undefined) {
    return this.settled ? localTime(iso) : nothing;
  }

  #thumbnail(job: JobView) {
    return rowThumbnail(job, this.deadThumb, (url) => (this.deadThumb = url));
  }

  #detail(job: JobView, download: DownloadView | undefined) {
    return rowDetail(job, download);
  }
}
customElements.define('job-row', JobRow);
