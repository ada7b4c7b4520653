import { LitElement, html, nothing } from 'lit';
import type { JobView } from '../../main/ipc/contract.js';
import { jobActionEvent, jobActions, jobName } from './job-actions.js';

/** Kept between the menu and the window's edges. */
const MARGIN = 4;

/**
 * A job's actions as an in-page menu (role=menu of menuitems): opened by a right-click, Shift+F10,
 * the Menu key or a row's "More actions" button. Arrow keys, Home and End move; Escape (or Tab)
 * closes it and gives the focus back to where it was; a click outside, a scroll or a resize closes
 * it. It is placed at the pointer (or under the row) and moved back inside the window when it would
 * overflow. An item sends `job-action` and closes the menu.
 */
export class JobMenu extends LitElement {
  static override properties = { job: { state: true } };
  declare job: JobView | undefined;
  #at = { x: 0, y: 0 };
  #returnFocus: HTMLElement | undefined;
  readonly #outside = (event: Event) => {
    if (!this.contains(event.target as Node)) this.close(false);
  };
  readonly #closeNow = () => this.close(false);

  protected override createRenderRoot() {
    return this;
  }

  /** Opens the menu of `job` with its top left corner at (x, y); the focus goes back to `returnFocus`. */
  open(job: JobView, at: { x: number; y: number }, returnFocus: HTMLElement | undefined): void {
    this.#at = at;
    this.#returnFocus = returnFocus;
    this.job = job;
    document.addEventListener('pointerdown', this.#outside, true);
    document.addEventListener('scroll', this.#closeNow, true);
    window.addEventListener('resize', this.#closeNow);
    window.addEventListener('blur', this.#closeNow);
  }

  get isOpen(): boolean {
    return this.job !== undefined;
  }

  close(giveFocusBack = true): void {
    if (!this.job) return;
    this.job = undefined;
    document.removeEventListener('pointerdown', this.#outside, true);
    document.removeEventListener('scroll', this.#closeNow, true);
    window.removeEventListener('resize', this.#closeNow);
    window.removeEventListener('blur', this.#closeNow);
    if (giveFocusBack) this.#returnFocus?.focus({ preventScroll: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close(false);
  }

  protected override updated(): void {
    const menu = this.querySelector<HTMLElement>('[role=menu]');
    if (!menu) return;
    // Measured once drawn: the menu never opens off-screen, whatever its size and the window's.
    const { width, height } = menu.getBoundingClientRect();
    const x = Math.max(MARGIN, Math.min(this.#at.x, window.innerWidth - width - MARGIN));
    const fitsBelow = this.#at.y + height + MARGIN <= window.innerHeight;
    const y = Math.max(MARGIN, fitsBelow ? this.#at.y : window.innerHeight - height - MARGIN);
    menu.style.left = `${x}px`;
    menu.style.top = `${y}px`;
    if (!menu.contains(document.activeElement)) this.#items()[0]?.focus();
  }

  #items(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[role=menuitem]')];
  }

  #onKey(event: KeyboardEvent): void {
    const items = this.#items();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const to: Record<string, number> = {
      ArrowDown: (at + 1) % items.length,
      ArrowUp: (at - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key in to) {
      event.preventDefault();
      items[to[event.key]!]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    }
  }

  #choose(job: JobView, kind: Parameters<typeof jobActionEvent>[0]): void {
    this.close();
    this.dispatchEvent(jobActionEvent(kind, job));
  }

  override render() {
    const job = this.job;
    if (!job) return nothing;
    // An item under the pointer takes the focus, as in a native menu: one item is highlighted, and
    // the arrow keys go on from it.
    return html`<div
      class="job-menu"
      role="menu"
      aria-label=${`Actions for ‘${jobName(job)}’`}
      @keydown=${(e: KeyboardEvent) => this.#onKey(e)}
      @contextmenu=${(e: Event) => e.preventDefault()}
    >
      ${jobActions(job).map(
        (action) =>
          html`${action.kind === 'remove' ? html`<hr role="separator" />` : nothing}<button
              type="button"
              role="menuitem"
              tabindex="-1"
              @pointermove=${(e: PointerEvent) => (e.currentTarget as HTMLElement).focus()}
              @click=${() => this.#choose(job, action.kind)}
            >
              ${action.label}
            </button>`,
      )}
    </div>`;
  }
}
customElements.define('job-menu', JobMenu);
