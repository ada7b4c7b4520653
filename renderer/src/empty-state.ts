import { html } from 'lit';

/**
 * What the list says when it has no row: that nothing matches a filter or search, or, with no job
 * at all, how to add one, and the demo (a local simulator, no account needed) as a button.
 */
export function emptyState(
  filtered: boolean,
  demoRunning: boolean,
  startDemo: () => void,
  showAll: () => void,
) {
  if (filtered)
    return html`<div class="empty">
      <p>No job matches. <button type="button" @click=${showAll}>Show all jobs</button></p>
    </div>`;
  return html`<div class="empty">
    <p>No jobs yet. Paste a jobid or a video id in the field above, or copy one and use the tray menu.</p>
    ${
      demoRunning
        ? html`<p>The demo's jobs appear in a moment.</p>`
        : html`<p>
            <button type="button" @click=${startDemo}>Try the demo</button>
            A local simulator shows how jobs run, finish and are saved; no account needed.
          </p>`
    }
  </div>`;
}
