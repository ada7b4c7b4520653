import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { LitElement, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobView } from '../../main/ipc/contract.js';
import './job-row.js';

export const ROW_HEIGHT = 96;

/** The job list, virtualized: only the rows in view (plus a few) exist in the DOM, whatever the count. */
export class JobList extends LitElement {
  static override properties = { jobs: { attribute: false }, selectedIndex: { type: Number } };
  declare jobs: JobView[];
  declare selectedIndex: number;
  #virtualizer: Virtualizer<HTMLElement, HTMLElement> | undefined;
  #cleanup: (() => void) | undefined;

  constructor() {
    super();
    this.jobs = [];
    this.selectedIndex = -1;
  }

  protected override createRenderRoot() {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cleanup?.();
  }

  protected override firstUpdated(): void {
    const scroller = this.querySelector<HTMLElement>('.scroller')!;
    this.#virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: this.jobs.length,
      getScrollElement: () => scroller,
      estimateSize: () => ROW_HEIGHT,
      overscan: 6,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      getItemKey: (index) => this.jobs[index]?.jobid ?? index,
      onChange: () => this.requestUpdate(),
    });
    this.#cleanup = this.#virtualizer._didMount();
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    const v = this.#virtualizer;
    if (!v) return;
    v.setOptions({ ...v.options, count: this.jobs.length });
    v._willUpdate();
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
          (item) => this.jobs[item.index]?.jobid ?? item.index,
          (item) => {
            const job = this.jobs[item.index]!;
            return html`<job-row
              role="option"
              id=${`row-${item.index}`}
              aria-selected=${item.index === this.selectedIndex ? 'true' : 'false'}
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
