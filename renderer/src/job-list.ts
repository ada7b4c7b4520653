import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { LitElement, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobPages } from './job-pages.js';
import './job-row.js';

export const ROW_HEIGHT = 96;

/**
 * The job list, virtualized over the jobs the main process counts: only the rows in view (plus a
 * few) exist in the DOM, and only their pages are asked for, whatever the count. A row whose page
 * has not arrived yet is an empty placeholder.
 */
export class JobList extends LitElement {
  static override properties = {
    pages: { attribute: false },
    revision: { type: Number },
    selectedIndex: { type: Number },
  };
  declare pages: JobPages | undefined;
  /** Bumped by the owner whenever `pages` changed: a new render. */
  declare revision: number;
  declare selectedIndex: number;
  #virtualizer: Virtualizer<HTMLElement, HTMLElement> | undefined;
  #cleanup: (() => void) | undefined;

  constructor() {
    super();
    this.pages = undefined;
    this.revision = 0;
    this.selectedIndex = -1;
  }

  protected override createRenderRoot() {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cleanup?.();
  }

  get #count(): number {
    return this.pages?.total ?? 0;
  }

  protected override firstUpdated(): void {
    const scroller = this.querySelector<HTMLElement>('.scroller')!;
    this.#virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: this.#count,
      getScrollElement: () => scroller,
      estimateSize: () => ROW_HEIGHT,
      overscan: 6,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      getItemKey: (index) => this.pages?.at(index)?.jobid ?? `row-${index}`,
      onChange: () => this.requestUpdate(),
    });
    this.#cleanup = this.#virtualizer._didMount();
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    const v = this.#virtualizer;
    if (!v) return;
    v.setOptions({ ...v.options, count: this.#count });
    v._willUpdate();
  }

  protected override updated(): void {
    const items = this.#virtualizer?.getVirtualItems() ?? [];
    if (items.length > 0) this.pages?.show(items[0]!.index, items.at(-1)!.index);
  }

  /** How many rows fit in view: what PageUp and PageDown move by. */
  get rowsInView(): number {
    const height = this.querySelector<HTMLElement>('.scroller')?.clientHeight ?? 0;
    return Math.max(1, Math.floor(height / ROW_HEIGHT));
  }

  scrollToIndex(index: number): void {
    this.#virtualizer?.scrollToIndex(index, { align: 'auto' });
  }

  override render() {
    const v = this.#virtualizer;
    const items = v?.getVirtualItems() ?? [];
    const total = v?.getTotalSize() ?? 0;
    return html`<div class="scroller">
      <div class="spacer" .style=${`height:${total}px`}>
        ${repeat(
          items,
          (item) => this.pages?.at(item.index)?.jobid ?? `row-${item.index}`,
          (item) => {
            const job = this.pages?.at(item.index);
            return html`<job-row
              role="option"
              id=${`row-${item.index}`}
              aria-selected=${item.index === this.selectedIndex ? 'true' : 'false'}
              aria-busy=${job ? 'false' : 'true'}
              ?selected=${item.index === this.selectedIndex}
              .job=${job}
              .style=${`transform:translateY(${item.start}px)`}
            ></job-row>`;
          },
        )}
      </div>
    </div>`;
  }
}
customElements.define('job-list', JobList);
