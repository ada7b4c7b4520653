import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { JobView } from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';

/** How long the Undo offer stays, unless the pointer or the focus is on it. */
export const UNDO_SHOWN_MS = 8000;

/**
 * "Removed ‘…’. Undo": on one line, the prompt ellipsised. It goes by itself after UNDO_SHOWN_MS,
 * a wait that starts again whenever the pointer or the focus leaves it (never while it is read or
 * reached by keyboard). Undo asks main to put the job back; `undo-restored` tells the window, and
 * `undo-closed` that the offer is gone (Undo, ×, or the wait over).
 */
export class UndoSnackbar extends LitElement {
  static override properties = { removed: { attribute: false } };
  declare removed: JobView | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #held = { hover: false, focus: false };

  protected override createRenderRoot() {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('removed')) this.#wait();
  }

  #wait(): void {
    clearTimeout(this.#timer);
    if (this.removed && !this.#held.hover && !this.#held.focus)
      this.#timer = setTimeout(() => this.#dismiss(), UNDO_SHOWN_MS);
  }

  #hold(what: 'hover' | 'focus', held: boolean): void {
    this.#held[what] = held;
    this.#wait();
  }

  /** Gone, and said so: the window clears its offer (Lit sets an object property again at each render). */
  #dismiss(): void {
    this.removed = undefined;
    this.#held = { hover: false, focus: false };
    this.dispatchEvent(new CustomEvent('undo-closed', { bubbles: true }));
  }

  async #undo(job: JobView): Promise<void> {
    this.#dismiss();
    if (await bridge().restoreJob(job.jobid))
      this.dispatchEvent(new CustomEvent('undo-restored', { detail: job, bubbles: true }));
  }

  override render() {
    const job = this.removed;
    if (!job) return nothing;
    return html`<div
      class="snackbar"
      role="status"
      @pointerenter=${() => this.#hold('hover', true)}
      @pointerleave=${() => this.#hold('hover', false)}
      @focusin=${() => this.#hold('focus', true)}
      @focusout=${(e: FocusEvent) => this.#hold('focus', this.contains(e.relatedTarget as Node | null))}
    >
      <span class="snackbar-text">Removed ‘<bdi>${job.prompt || job.jobid}</bdi>’.</span>
      <button type="button" @click=${() => this.#undo(job)}>Undo</button>
      <button type="button" aria-label="Dismiss" @click=${() => this.#dismiss()}>×</button>
    </div>`;
  }
}
customElements.define('undo-snackbar', UndoSnackbar);
