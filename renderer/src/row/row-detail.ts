import { html, nothing } from 'lit';
import type { JobView } from '../../../main/ipc/contract.js';
import { bytes } from '../format.js';
import { MISSING_FILE, stateSentence, type DownloadView } from '../job-words.js';
import '../clock-text.js';

export type { DownloadView } from '../job-words.js';

/**
 * The row's third line: what is happening to the job or its video, in words. Text from the API sits
 * in isolated spans (`.api-text`): a U+202E in it cannot reverse the rest of the line.
 */
export function rowDetail(job: JobView, download: DownloadView | undefined) {
  if (download?.state === 'downloading' || download?.state === 'pending') return downloadProgress(download);
  if (download?.state === 'failed')
    return html`<span class="error">Download failed: <span class="api-text">${download.error}</span></span>`;
  if (download?.missing) return html`<span class="error">${MISSING_FILE}</span>`;
  if (download?.state === 'saved')
    return html`<span class="saved">Saved as <bdi dir="ltr">${download.fileName}</bdi></span>`;
  if (job.state === 'active' && !job.notice) return generationProgress(job);
  const said = stateSentence(job);
  return html`<span class=${said.tone === 'problem' ? 'error' : said.tone} title=${said.details ?? said.text}
      ><span class="api-text">${said.text}</span>${
        said.details ? html` <span class="api-text details">${said.details}</span>` : nothing
      }</span
    >${
      job.state === 'active' && job.retryAt
        ? html` <span class="time-left"
            >Next try in <clock-text kind="countdown" datetime=${job.retryAt}></clock-text>.</span
          >`
        : nothing
    }`;
}

function downloadProgress(download: DownloadView) {
  if (download.state === 'pending' && download.bytes === 0)
    return html`<progress aria-label="Download progress"></progress>
      <span class="dl-text">Waiting to save the video.</span>`;
  const pct = download.total ? Math.floor((download.bytes / download.total) * 100) : undefined;
  return html`<progress max="100" .value=${pct ?? 0} aria-label="Download progress"></progress>
    <span class="dl-text"
      >${bytes(download.bytes)}${download.total ? html` of ${bytes(download.total)} (${pct}%)` : ''}${
        download.rate ? html` · ${bytes(download.rate)}/s` : ''
      }</span
    >`;
}

/**
 * A job on its way: a bar with v1's percentage, or an indeterminate one (v2 says only queued or
 * generating), then the words and the time left once estimated. The percentage comes first and
 * never shrinks: a long sentence after it is what gets cut.
 */
function generationProgress(job: JobView) {
  const running = job.status === 'running';
  const pct = running ? job.progress : undefined;
  const words = stateSentence(job).text;
  const label = running ? 'Generation progress' : 'Waiting to start';
  const bar =
    pct === undefined
      ? html`<progress class="gen-progress" aria-label=${label} aria-valuetext=${words}></progress>`
      : html`<progress
          class="gen-progress"
          max="100"
          .value=${pct}
          aria-label=${label}
          aria-valuetext=${`${pct}%`}
        ></progress>`;
  return html`${bar}${pct === undefined ? nothing : html`<span class="percent">${pct}%</span>`}
    <span class="queue">${words}</span>${
      job.endsAt
        ? html`<span class="time-left"><clock-text kind="left" datetime=${job.endsAt}></clock-text></span>`
        : nothing
    }`;
}
