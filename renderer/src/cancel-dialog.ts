import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { JobView } from '../../main/ipc/contract.js';
import { cancelWording } from '../../main/ipc/cancel-wording.js';
import { bridge } from './bridge.js';

/**
 * Confirms a cancel in the page's own modal dialog (never `confirm()`), in the words of the job's
 * API: v1 cancels the job, v2 only stops useapi's tracking while PixVerse goes on. Fires
 * `cancel-dialog-closed` when it closes, whatever the choice.
 */
export class CancelDialog extends LitElement {
  static override properties = { job: { attribute: false }, error: { state: true }, busy: { state: true } };
  declare job: JobView | undefined;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.querySelector('dialog');
    if (changed.has('job') && this.job && dialog && !dialog.open) dialog.showModal();
  }

  async #confirm(job: JobView): Promise<void> {
    this.busy = true;
    const result = await bridge()
      .cancelJob(job.jobid)
      .catch((error: unknown) => ({ ok: false as const, reason: (error as Error).message }));
    this.busy = false;
    if (result.ok) this.querySelector('dialog')?.close();
    else this.error = result.reason;
  }

  #closed(): void {
    this.error = '';
    this.dispatchEvent(new CustomEvent('cancel-dialog-closed', { bubbles: true, composed: true }));
  }

  override render() {
    const job = this.job;
    if (!job) return nothing;
    const words = cancelWording(job.source);
    // The job ended behind the dialog (the app passes its updates in): nothing is left to confirm.
    const ended = job.state !== 'active';
    const close = () => this.querySelector('dialog')?.close();
    return html`<dialog
      class="cancel-dialog"
      aria-labelledby="cancel-title"
      aria-describedby="cancel-explain"
      @close=${() => this.#closed()}
    >
      <h2 id="cancel-title">${words.title}</h2>
      <p class="prompt">${job.prompt || job.jobid}</p>
      <p id="cancel-explain">
        ${ended ? `It ended meanwhile (${job.state}): there is nothing to cancel.` : words.explain}
      </p>
      <p class="error" role="alert">${ended ? '' : this.error}</p>
      <div class="buttons">
        ${
          ended
            ? html`<button type="button" autofocus @click=${close}>Close</button>`
            : html`<button type="button" autofocus @click=${close}>${words.keep}</button>
                <button
                  type="button"
                  class="danger"
                  ?disabled=${this.busy}
                  @click=${() => this.#confirm(job)}
                >
                  ${words.confirm}
                </button>`
        }
      </div>
    </dialog>`;
  }
}
customElements.define('cancel-dialog', CancelDialog);
