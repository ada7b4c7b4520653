import { LitElement, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobPages } from './job-pages.js';
import { OVERSCAN, rowsToDraw, scrollTopFor } from './row-window.js';
import './job-row.js';

export const ROW_HEIGHT = 72;
/** The rows settle by then even if the window is never idle (a stream of updates). */
const SETTLE_TIMEOUT_MS = 1000;

/**
 * The job list, windowed over the jobs the main process counts: only the rows in view (plus a few)
 * exist in the DOM, and only their pages are asked for, whatever the count. Every row has the same
 * height, so where each row goes is arithmetic: nothing is measured or kept per job, and 50,000 jobs
 * cost what 50 do. A row whose page has not arrived yet is an empty placeholder.
 *
 * For assistive technology it is a `grid` (the element itself, focusable, its selected row the
 * active descendant) of `row`s with `gridcell`s. Not a listbox: an option may not contain buttons
 * (nested interactive), and a row's buttons are reachable only through a role that may hold them.
 * Not a list with a roving tabindex: a grid's aria-rowcount / aria-rowindex say "row 4,200 of 10,000"
 * with only ~20 rows in the DOM, and aria-selected on a row is the selection the keys move.
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
  #scroller: HTMLElement | undefined;
  #scrollTop = 0;
  #viewHeight = 0;
  #resizes: ResizeObserver | undefined;
  /**
   * False until the window is idle after its first rows: the rows beyond the view's edges, and what
   * the rows leave out until then (see JobRow.settled), would hold up the frame that shows them.
   */
  #settled = false;
  #settling = false;

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
    this.#resizes?.disconnect();
  }

  get #count(): number {
    return this.pages?.total ?? 0;
  }

  protected override firstUpdated(): void {
    const scroller = this.querySelector<HTMLElement>('.scroller')!;
    this.#scroller = scroller;
    this.#viewHeight = scroller.clientHeight;
    scroller.addEventListener('scroll', () => this.#viewMoved(), { passive: true });
    this.#resizes = new ResizeObserver(() => this.#viewMoved());
    this.#resizes.observe(scroller);
  }

  #viewMoved(): void {
    const scroller = this.#scroller!;
    if (scroller.scrollTop === this.#scrollTop && scroller.clientHeight === this.#viewHeight) return;
    this.#scrollTop = scroller.scrollTop;
    this.#viewHeight = scroller.clientHeight;
    this.requestUpdate();
  }

  #drawn() {
    // The first rows paint alone: those beyond the view's edges are drawn once the window is idle.
    const overscan = this.#settled ? OVERSCAN : 0;
    return rowsToDraw(this.#scrollTop, this.#viewHeight, ROW_HEIGHT, this.#count, overscan);
  }

  protected override updated(): void {
    const drawn = this.#drawn();
    this.#describe(drawn);
    if (drawn) this.pages?.show(drawn.first, drawn.last);
    if (!this.#settling && drawn && this.pages?.at(drawn.first)) this.#settleWhenIdle();
  }

  /** The grid's own attributes; the active descendant only while that row exists in the DOM. */
  #describe(drawn: { first: number; last: number } | undefined): void {
    const selected = this.selectedIndex;
    const active = drawn && selected >= drawn.first && selected <= drawn.last ? `row-${selected}` : null;
    this.#attribute('role', 'grid');
    this.#attribute('aria-rowcount', String(this.#count));
    this.#attribute('aria-activedescendant', active);
  }

  /** Written only when it changes: one row's update touches that row alone. */
  #attribute(name: string, value: string | null): void {
    if (this.getAttribute(name) === value) return;
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  /** Idle comes after the frame that shows the first rows, and after the tasks waiting then. */
  #settleWhenIdle(): void {
    this.#settling = true;
    requestIdleCallback(
      () => {
        this.#settled = true;
        this.requestUpdate();
      },
      { timeout: SETTLE_TIMEOUT_MS },
    );
  }

  /** How many rows fit in view: what PageUp and PageDown move by. */
  get rowsInView(): number {
    return Math.max(1, Math.floor((this.#scroller?.clientHeight ?? 0) / ROW_HEIGHT));
  }

  scrollToIndex(index: number): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    const top = scrollTopFor(index, scroller.scrollTop, scroller.clientHeight, ROW_HEIGHT);
    if (top === undefined) return;
    scroller.scrollTop = top;
    this.#viewMoved(); // drawn now, not at the scroll event: the caller may look for the row at once
  }

  override render() {
    const drawn = this.#drawn();
    const indexes: number[] = [];
    if (drawn) for (let index = drawn.first; index <= drawn.last; index++) indexes.push(index);
    return html`<div class="scroller">
      <div class="spacer" .style=${`height:${this.#count * ROW_HEIGHT}px`}>
        ${repeat(
          indexes,
          (index) => this.pages?.at(index)?.jobid ?? `row-${index}`,
          (index) => {
            const job = this.pages?.at(index);
            return html`<job-row
              role="row"
              id=${`row-${index}`}
              aria-rowindex=${index + 1}
              aria-selected=${index === this.selectedIndex ? 'true' : 'false'}
              aria-busy=${job ? 'false' : 'true'}
              ?selected=${index === this.selectedIndex}
              .job=${job}
              .settled=${this.#settled}
              .style=${`transform:translateY(${index * ROW_HEIGHT}px)`}
            ></job-row>`;
          },
        )}
      </div>
    </div>`;
  }
}
customElements.define('job-list', JobList);
