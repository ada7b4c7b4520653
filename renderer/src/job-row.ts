import { LitElement, html, nothing } from 'lit';
import type { JobView } from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';
import { cancelWording } from '../../main/ipc/cancel-wording.js';
import { badge, badgeState, bytes, isHttps, jobMeta, localTime, queueLine, relativeTime } from './format.js';

/**
 * One job. A row re-renders only when its own `job` object is replaced, so one job's update
 * touches one row. Everything from the API is rendered as text (Lit escapes it), never as HTML.
 */
export class JobRow extends LitElement {
  static override properties = {
    job: { attribute: false },
    selected: { type: Boolean, reflect: true },
    media: { attribute: false },
    deadThumb: { state: true },
  };
  declare job: JobView | undefined;
  declare selected: boolean;
  /** Whether the thumbnail may load yet (the list says so once its first rows have painted). */
  declare media: boolean;
  /** A preview link that stopped working (v2's first-frame links expire): not asked for again. */
  declare deadThumb: string | undefined;

  constructor() {
    super();
    this.media = true;
  }

  // Light DOM: the page's stylesheet (the CSP allows no other) styles the rows.
  protected override createRenderRoot() {
    return this;
  }

  override render() {
    const job = this.job;
    if (!job) return nothing;
    const download = job.downloads.find((d) => d.state !== 'saved') ?? job.downloads[0];
    const meta = jobMeta(job);
    return html`
      <div class="thumb">${this.media ? this.#thumbnail(job) : nothing}</div>
      <div class="main">
        <div class="line">
          <span class="badge badge-${badgeState(job)}">${badge(job)}</span>
          <span class="prompt" title=${job.prompt ?? ''}>${job.prompt || job.jobid}</span>
        </div>
        <div class="line sub">
          ${meta ? html`<span>${meta}</span>` : nothing}
          <span class="jobid">${job.jobid}</span>
          <span title=${localTime(job.created)}>created ${relativeTime(job.created)}</span>
          ${job.updated ? html`<span title=${localTime(job.updated)}>updated ${relativeTime(job.updated)}</span>` : nothing}
        </div>
        <div class="line detail">${this.#detail(job, download)}</div>
      </div>
      <div class="actions">${this.#actions(job, download)}</div>
    `;
  }

  /**
   * The preview image (v1's embed, v2's first frame) while its link works, else the first frame of
   * the video; https only (the CSP agrees).
   */
  #thumbnail(job: JobView) {
    const preview = job.previewUrl;
    if (isHttps(preview) && preview !== this.deadThumb) {
      return html`<img
        alt=""
        src=${preview}
        loading="lazy"
        referrerpolicy="no-referrer"
        @error=${() => (this.deadThumb = preview)}
      />`;
    }
    if (isHttps(job.videoUrl)) return html`<video muted preload="metadata" src=${job.videoUrl}></video>`;
    return nothing;
  }

  #detail(job: JobView, download: JobView['downloads'][number] | undefined) {
    if (download?.state === 'downloading' || download?.state === 'pending') {
      const pct = download.total ? Math.floor((download.bytes / download.total) * 100) : undefined;
      return html`<progress max="100" .value=${pct ?? 0} aria-label="Download progress"></progress>
        <span class="dl-text"
          >${bytes(download.bytes)}${download.total ? html` of ${bytes(download.total)} (${pct}%)` : nothing}${
            download.rate ? html` · ${bytes(download.rate)}/s` : nothing
          }</span
        >`;
    }
    if (download?.state === 'failed')
      return html`<span class="error">Download failed: ${download.error}</span>`;
    if (download?.state === 'saved') return html`<span class="saved">Saved as ${download.fileName}</span>`;
    if (job.state !== 'active' && job.state !== 'completed' && job.error)
      return html`<span class="error">${job.error}</span>`;
    if (job.state === 'moderated') return html`<span class="error">${job.message ?? 'Moderated'}</span>`;
    if (job.notice) return html`<span class="notice">${job.notice}</span>`;
    const queue = queueLine(job);
    if (queue) return html`<span class="queue">${queue}</span>`;
    return html`<span class="content" title=${job.message ?? ''}>${job.message ?? ''}</span>`;
  }

  #actions(job: JobView, download: JobView['downloads'][number] | undefined) {
    const api = bridge();
    if (download?.state === 'saved') {
      return html`<button type="button" @click=${() => api.openFile(job.jobid, download.key)}>Open</button>
        <button type="button" @click=${() => api.revealFile(job.jobid, download.key)}>
          Show in folder
        </button>`;
    }
    if (download?.state === 'failed') {
      return html`<button type="button" @click=${() => api.retryDownload(job.jobid)}>Retry download</button>`;
    }
    if (job.state === 'active') {
      // The window confirms it (a `cancel-request` carrying the job): the row never cancels by itself.
      const request = () =>
        this.dispatchEvent(new CustomEvent('cancel-request', { detail: job, bubbles: true, composed: true }));
      return html`<button type="button" class="cancel" @click=${request}>
        ${cancelWording(job.source).action}
      </button>`;
    }
    return nothing;
  }
}
customElements.define('job-row', JobRow);
