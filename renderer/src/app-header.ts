import { html, nothing, type TemplateResult } from 'lit';
import type { StateFilter } from './format.js';
import { listFilters } from './list-filters.js';

export type View = 'jobs' | 'add' | 'settings';

export interface HeaderParts {
  view: View;
  filter: StateFilter;
  search: string;
  filterControls: Parameters<typeof listFilters>[2];
  /** How many jobs each filter holds, once main has said. */
  counts: Parameters<typeof listFilters>[3];
  /** The add field (add-job-form.ts). */
  addForm: TemplateResult;
  showView: (view: 'jobs' | 'settings') => void;
  /** The Pause/Resume polling control, at the header's end. */
  pauseControl?: TemplateResult | typeof nothing;
}

/**
 * The window's one compact header: the views, then (on the jobs view) the filters, the search and
 * the add field, and a place at the end for the polling control. It wraps onto a second line in a
 * narrow window rather than pushing the list down by a block per part.
 */
export function appHeader(p: HeaderParts) {
  const jobs = p.view !== 'settings';
  return html`<header class="toolbar">
    <h1 class="visually-hidden">PixVerse Tray</h1>
    <nav aria-label="Views">
      <button type="button" aria-pressed=${jobs} @click=${() => p.showView('jobs')}>Jobs</button>
      <button type="button" aria-pressed=${!jobs} @click=${() => p.showView('settings')}>Settings</button>
    </nav>
    ${jobs ? html`${listFilters(p.filter, p.search, p.filterControls, p.counts)} ${p.addForm}` : nothing}
    <div class="toolbar-end">${p.pauseControl ?? nothing}</div>
  </header>`;
}
