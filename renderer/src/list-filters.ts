import { html } from 'lit';
import type { StateFilter } from './format.js';
import type { FilterCounts } from './job-counts.js';

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

const FILTERS: [StateFilter, string][] = [
  ['all', 'All'],
  ['active', 'Active'],
  ['finished', 'Finished'],
  ['problems', 'Problems'],
];

/** The toolbar's filter buttons, each with its count once known, and the search field; what they ask for is the caller's. */
export function listFilters(
  filter: StateFilter,
  search: string,
  on: { filter(value: StateFilter): void; search(text: string): void },
  counts?: FilterCounts,
) {
  return html`<div class="filters" role="group" aria-label="Filter jobs">
      ${FILTERS.map(
        ([value, label]) =>
          html`<button type="button" aria-pressed=${filter === value} @click=${() => on.filter(value)}>
            ${label}${counts ? html` <span class="count">${thousands(counts[value])}</span>` : ''}
          </button>`,
      )}
    </div>
    <input
      type="search"
      aria-label="Search by prompt or jobid"
      placeholder="Search prompt or jobid"
      .value=${search}
      @input=${(e: InputEvent) => on.search((e.target as HTMLInputElement).value)}
    />`;
}
