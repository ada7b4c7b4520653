import { html, nothing } from 'lit';
import type { JobView } from '../../../main/ipc/contract.js';
import { cancelWording } from '../../../main/ipc/cancel-wording.js';
import { bridge } from '../bridge.js';
import type { DownloadView } from './row-detail.js';

/**
 * The row's buttons. Cancel never acts by itself: `requestCancel` asks the window to confirm it.
 */
export function rowActions(job: JobView, download: DownloadView | undefined, requestCancel: () => void) {
  const api = bridge();
  if (download?.state === 'saved') {
    return html`<button type="button" @click=${() => api.openFile(job.jobid, download.key)}>Open</button>
      <button type="button" @click=${() => api.revealFile(job.jobid, download.key)}>Show in folder</button>`;
  }
  if (download?.state === 'failed') {
    return html`<button type="button" @click=${() => api.downloadJob(job.jobid)}>Retry download</button>`;
  }
  if (job.state === 'active') {
    return html`<button type="button" class="cancel" @click=${requestCancel}>
      ${cancelWording(job.source).action}
    </button>`;
  }
  return nothing;
}
