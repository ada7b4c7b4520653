import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { JobView } from '../../../main/ipc/contract.js';
import { isHttps } from '../format.js';
import { savedStill, savedStillKey } from './saved-stills.js';

/** The shapes a video can have here; anything else (or nothing) is drawn 16:9. */
const RATIO = /^\s*(\d{1,3}(?:\.\d+)?)\s*[:/x]\s*(\d{1,3}(?:\.\d+)?)\s*$/;

/** Width over height of the job's video, from the API's "9:16"; 16:9 when unknown or absurd. */
export function aspectOf(ratio: string | undefined): number {
  const match = ratio ? RATIO.exec(ratio) : null;
  const shape = match ? Number(match[1]) / Number(match[2]) : NaN;
  return shape >= 0.25 && shape <= 4 ? shape : 16 / 9;
}

/**
 * The row's picture, in a box of the video's shape (nothing is cropped): the first frame of the
 * saved video (made by the main process, so it works offline and after the link expired), else the
 * preview while its link works (`deadThumb` is one that stopped: not asked for again, `onDead`
 * reports one), else a placeholder of the same shape.
 */
export function rowThumbnail(job: JobView, deadThumb: string | undefined, onDead: (url: string) => void) {
  return html`<job-thumbnail .job=${job} .deadThumb=${deadThumb} .onDead=${onDead}></job-thumbnail>`;
}

export class JobThumbnail extends LitElement {
  static override properties = {
    job: { attribute: false },
    deadThumb: { attribute: false },
    still: { state: true },
    stillAsked: { state: true },
  };
  declare job: JobView | undefined;
  declare deadThumb: string | undefined;
  declare onDead: (url: string) => void;
  /** The saved video's still (a blob: URL), once the main process answered. */
  declare still: string | undefined;
  /** Which saved video the still is being asked for (or was): its answer is awaited before the preview. */
  declare stillAsked: string | undefined;
  #stillAnswered = false;

  protected override createRenderRoot() {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('job') || !this.job) return;
    const key = savedStillKey(this.job);
    if (key === this.stillAsked && this.hasUpdated) return;
    this.stillAsked = key;
    this.still = undefined;
    this.#stillAnswered = key === undefined;
    if (key)
      void savedStill(this.job, key).then((url) => {
        if (this.stillAsked !== key) return; // the row shows another video now
        this.#stillAnswered = true;
        this.still = url;
        this.requestUpdate();
      });
  }

  override render() {
    const job = this.job;
    if (!job) return nothing;
    return html`<div class="thumb-frame" .style=${`--ratio: ${aspectOf(job.aspectRatio).toFixed(4)}`}>
      ${this.#picture(job)}
    </div>`;
  }

  #picture(job: JobView) {
    if (this.still) return html`<img alt="" src=${this.still} />`;
    const preview = job.previewUrl;
    // A saved video's still is preferred: the preview is not fetched until the main process said it has none.
    if (this.#stillAnswered && isHttps(preview) && preview !== this.deadThumb) {
      return html`<img
        alt=""
        src=${preview}
        loading="lazy"
        referrerpolicy="no-referrer"
        @error=${() => this.onDead(preview)}
      />`;
    }
    // A play mark drawn by the stylesheet: rows hold no svg of their own, so one there would be injected.
    return html`<div class="thumb-placeholder"><span class="play-mark"></span></div>`;
  }
}
customElements.define('job-thumbnail', JobThumbnail);
