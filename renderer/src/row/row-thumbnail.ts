import { html, nothing } from 'lit';
import type { JobView } from '../../../main/ipc/contract.js';
import { isHttps } from '../format.js';

/**
 * The preview image (v1's embed, v2's first frame) while its link works, else the first frame of
 * the video; https only (the CSP agrees). `deadThumb` is a preview link that stopped working (v2's
 * first-frame links expire): it is not asked for again, `onDead` reports one.
 */
export function rowThumbnail(job: JobView, deadThumb: string | undefined, onDead: (url: string) => void) {
  const preview = job.previewUrl;
  if (isHttps(preview) && preview !== deadThumb) {
    return html`<img
      alt=""
      src=${preview}
      loading="lazy"
      referrerpolicy="no-referrer"
      @error=${() => onDead(preview)}
    />`;
  }
  if (isHttps(job.videoUrl)) return html`<video muted preload="metadata" src=${job.videoUrl}></video>`;
  return nothing;
}
