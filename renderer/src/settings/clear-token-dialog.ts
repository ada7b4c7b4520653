import { LitElement, html } from 'lit';

/**
 * Asks before the token is cleared, in the page's own modal dialog (never `confirm()`): polling stops
 * until a token is set again. Fires `clear-token` when the user confirms.
 */
export class ClearTokenDialog extends LitElement {
  protected override createRenderRoot() {
    return this;
  }

  open(): void {
    this.querySelector('dialog')?.showModal();
  }

  #close(confirmed: boolean): void {
    this.querySelector('dialog')?.close();
    if (confirmed) this.dispatchEvent(new CustomEvent('clear-token', { bubbles: true, composed: true }));
  }

  override render() {
    return html`<dialog
      class="confirm-dialog"
      aria-labelledby="clear-token-title"
      aria-describedby="clear-token-why"
    >
      <h2 id="clear-token-title">Clear the API token?</h2>
      <p id="clear-token-why">PixVerse Tray stops checking your jobs until you set a token again.</p>
      <div class="buttons">
        <button type="button" autofocus @click=${() => this.#close(false)}>Keep the token</button>
        <button type="button" class="danger" @click=${() => this.#close(true)}>Clear the token</button>
      </div>
    </dialog>`;
  }
}
customElements.define('clear-token-dialog', ClearTokenDialog);
