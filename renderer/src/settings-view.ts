import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Settings } from '../../main/core/settings.js';
import type { AppState } from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';

/** Token, download folder and the other settings; each change is validated by the main process. */
export class SettingsView extends LitElement {
  static override properties = {
    state: { attribute: false },
    settings: { state: true },
    message: { state: true },
    error: { state: true },
  };
  declare state: AppState | undefined;
  declare settings: Settings | undefined;
  declare message: string;
  declare error: string;

  constructor() {
    super();
    this.message = '';
    this.error = '';
  }

  protected override createRenderRoot() {
    return this;
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    this.settings = await bridge().getSettings();
  }

  async #save(patch: Partial<Settings>): Promise<void> {
    const result = await bridge().setSettings(patch);
    if (result.ok) {
      this.settings = result.settings;
      this.error = '';
      this.message = 'Saved.';
    } else {
      this.error = result.reason;
      this.message = '';
      this.settings = { ...(await bridge().getSettings()) }; // show what is really in force
    }
  }

  async #setToken(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.elements.namedItem('token') as HTMLInputElement;
    const weak = (form.elements.namedItem('weak') as HTMLInputElement | null)?.checked ?? false;
    const result = await bridge().setToken(input.value.trim(), weak);
    input.value = '';
    if (result.ok) {
      this.error = '';
      this.message = 'Token saved.';
    } else {
      this.error = result.reason;
      this.message = '';
    }
  }

  async #chooseFolder(): Promise<void> {
    const result = await bridge().chooseFolder();
    if (result.ok) this.settings = await bridge().getSettings();
  }

  override render() {
    const s = this.settings;
    const token = this.state?.token;
    if (!s) return html`<p>Loading settings…</p>`;
    const check = (label: string, value: boolean, patch: (v: boolean) => Partial<Settings>) =>
      html`<label class="check"
        ><input
          type="checkbox"
          .checked=${value}
          @change=${(e: Event) => this.#save(patch((e.target as HTMLInputElement).checked))}
        />
        ${label}</label
      >`;
    return html`<section class="settings" aria-label="Settings">
      <p class="status" role="status">${this.message}</p>
      <p class="error" role="alert">${this.error}</p>
      <fieldset>
        <legend>useapi.net API token</legend>
        <p class="token-state">${token?.set ? `Set, ends in …${token.last4}` : 'Not set'}</p>
        <form @submit=${(e: SubmitEvent) => this.#setToken(e)}>
          <label for="token">${token?.set ? 'Replace the token' : 'Token'}</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            spellcheck="false"
            required
            minlength="8"
          />
          ${
            token?.weakBackend
              ? html`<label class="check"
                  ><input type="checkbox" name="weak" /> No keyring found: store the token with weaker
                  protection</label
                >`
              : nothing
          }
          <button type="submit">Save token</button>
          ${token?.set ? html`<button type="button" @click=${() => bridge().clearToken()}>Clear token</button>` : nothing}
        </form>
      </fieldset>
      <fieldset>
        <legend>Downloads</legend>
        <p class="folder">Save videos to <code>${s.downloadFolder}</code></p>
        <button type="button" @click=${() => this.#chooseFolder()}>Choose folder…</button>
        ${check('Download finished videos automatically', s.autoDownload, (v) => ({ autoDownload: v }))}
      </fieldset>
      <fieldset>
        <legend>Polling</legend>
        <label for="interval">Poll each job every (seconds)</label>
        <input
          id="interval"
          type="number"
          min="1"
          step="1"
          .value=${live(String(s.pollIntervalSec))}
          @change=${(e: Event) => this.#save({ pollIntervalSec: Number((e.target as HTMLInputElement).value) })}
        />
        ${check('Track jobs started elsewhere (auto-discovery)', s.autoDiscovery, (v) => ({ autoDiscovery: v }))}
        <fieldset class="sources" ?disabled=${!s.autoDiscovery}>
          <legend>Look for them in</legend>
          ${check('API v1: the jobs useapi.net runs (Discord)', s.discoverV1, (v) => ({ discoverV1: v }))}
          ${check('API v2: the videos useapi.net runs (its scheduler)', s.discoverV2Scheduler, (v) => ({ discoverV2Scheduler: v }))}
          ${check(
            'API v2: videos started on the pixverse.ai website (checked once a minute)',
            s.discoverV2Videos,
            (v) => ({ discoverV2Videos: v }),
          )}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>Notifications</legend>
        ${check('Video ready and saved', s.notify.completed, (v) => ({ notify: { ...s.notify, completed: v } }))}
        ${check('Generation failed', s.notify.failed, (v) => ({ notify: { ...s.notify, failed: v } }))}
        ${check('Prompt moderated', s.notify.moderated, (v) => ({ notify: { ...s.notify, moderated: v } }))}
        ${check('Token problems', s.notify.credentials, (v) => ({ notify: { ...s.notify, credentials: v } }))}
      </fieldset>
      <fieldset>
        <legend>System</legend>
        ${check('Start PixVerse Tray when I log in', s.launchAtLogin, (v) => ({ launchAtLogin: v }))}
      </fieldset>
    </section>`;
  }
}
customElements.define('settings-view', SettingsView);
