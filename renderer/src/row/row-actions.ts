import { html, nothing } from 'lit';
import type { JobView } from '../../../main/ipc/contract.js';
import { jobActionEvent, jobActions, jobName } from '../job-actions.js';
import { rowNote } from '../row-notes.js';

/**
 * The row's buttons: the actions that apply to the job now, then "More actions" for its menu. Each
 * names its job for a screen reader ("Open ‘sunset over the sea’"). Only the selected row's buttons
 * are in the Tab order: the list is one Tab stop, then the actions of the row it is on.
 */
export function rowActions(host: HTMLElement, job: JobView, selected: boolean) {
  const name = jobName(job);
  const tabindex = selected ? 0 : -1;
  const note = shownNote(job);
  return html`${note ? html`<span class="row-note error" role="alert">${note.text}</span>` : nothing}
    ${jobActions(job)
      .filter((action) => action.onRow)
      .map(
        (action) =>
          html`<button
            type="button"
            class=${`row-action action-${action.kind}`}
            tabindex=${tabindex}
            aria-label=${`${action.label} ‘${name}’`}
            @click=${() => host.dispatchEvent(jobActionEvent(action.kind, job))}
          >
            ${action.label}
          </button>`,
      )}
    <button
      type="button"
      class="row-action more"
      tabindex=${tabindex}
      aria-haspopup="menu"
      aria-label=${`More actions for ‘${name}’`}
      @click=${(e: MouseEvent) => host.dispatchEvent(menuRequest(job, e.currentTarget as HTMLElement))}
    >
      ⋯
    </button>`;
}

/** The row's note, unless it says what the row's detail line says already (the saved file is gone). */
function shownNote(job: JobView) {
  const note = rowNote(job.jobid);
  return note?.missing && job.downloads.some((d) => d.missing) ? undefined : note;
}

/** Asks the window to open the job's menu under `anchor`. */
export const menuRequest = (job: JobView, anchor: HTMLElement) =>
  new CustomEvent<{ job: JobView; anchor: HTMLElement }>('menu-request', {
    detail: { job, anchor },
    bubbles: true,
    composed: true,
  });
