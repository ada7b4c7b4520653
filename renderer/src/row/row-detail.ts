import { html } from 'lit';
import type { JobView } from '../../../main/ipc/contract.js';
import { bytes, queueLine } from '../format.js';

export type DownloadView = JobView['downloads'][number];

/** The row's third line: what is happening to the job or its video, in words. */
export function rowDetail(job: JobView, download: DownloadView | undefined) {
  if (download?.state === 'downloading' || download?.state === 'pending') {
    const pct = download.total ? Math.floor((download.bytes / download.total) * 100) : undefined;
    return html`<progress max="100" .value=${pct ?? 0} aria-label="Download progress"></progress>
      <span class="dl-text"
        >${bytes(download.bytes)}${download.total ? html` of ${bytes(download.total)} (${pct}%)` : ''}${
          download.rate ? html` · ${bytes(download.rate)}/s` : ''
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
