import { LitElement, html, nothing } from 'lit';
import type { Settings } from '../../main/core/settings.js';
import type { AppState } from '../../main/ipc/contract.js';
import { TOKEN_MIN_LENGTH, TOKEN_TOO_SHORT } from '../../main/ipc/token-words.js';
import { bridge, refusalReason } from './bridge.js';
import type { ClearTokenDialog } from './settings/clear-token-dialog.js';
import './settings/clear-token-dialog.js';

/** The settings a message can stand next to; `page` is any other, said at the top. */
type Place = 'token' | 'folder' | 'interval' | 'page';
/** Which place the main process's `field` of a refusal is shown at. */
const PLACE_OF: Partial<Record<string, Place>> = { pollIntervalSec: 'interval', downloadFolder: 'folder' };
const failed = (error: unknown) => ({ ok: false as const, reason: refusalReason(error) });

/** The token as Settings says it: set or not, and rejected when useapi.net refused it (401). */
function tokenState(state: AppState | undefined): string {
  const token = state?.token;
  if (!token?.set) return 'Not set';
  const set = `Set, ends in …${token.last4}`;
  return state?.paused === 'credentials' ? `${set}: useapi.net rejected it (401).` : set;
}

/**
 * Token, download folder and the other settings; each change is validated by the main process, and
 * a refusal is said next to the field it is about, while the field shows again the value in force.
 */
export class SettingsView extends LitElement {
  static override properties = {
    state: { attribute: false },
    focusToken: { type: Boolean, attribute: 'focus-token' },
    settings: { state: true },
    message: { state: true },
    errors: { state: true },
  };
  declare state: AppState | undefined;
  /** Opened for the token (a banner's "Open Settings"): its field takes the focus once shown. */
  declare focusToken: boolean;
  #tokenFocused = false;
  declare settings: Settings | undefined;
  /** What the last change did, when it did it; the next change clears it (never stale). */
  declare message: string;
  declare errors: Partial<Record<Place, string>>;

  constructor() {
    super();
    this.message = '';
    this.errors = {};
    this.focusToken = false;
  }

  protected override updated(): void {
    if (!this.focusToken || this.#tokenFocused || !this.settings) return;
    this.#tokenFocused = true;
    this.querySelector<HTMLInputElement>('#token')?.focus();
  }

  protected override createRenderRoot() {
    return this;
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    this.settings = await bridge().getSettings();
  }

  /** Starts a change at `place`: the messages of the previous one go. */
  #begin(place: Place): void {
    this.message = '';
    this.errors = { ...this.errors, [place]: undefined, page: undefined };
  }

  #refused(place: Place, reason: string): void {
    this.errors = { ...this.errors, [place]: reason };
  }

  /** Saves a change made in `input`; refused, the input shows again the value in force. */
  async #save(patch: Partial<Settings>, input: HTMLInputElement, place: Place = 'page'): Promise<void> {
    this.#begin(place);
    const result = await bridge().setSettings(patch).catch(failed);
    if (result.ok) {
      this.settings = result.settings;
      this.message = 'Saved.';
      return;
    }
    const field = 'field' in result ? result.field : undefined;
    this.#refused((field ? PLACE_OF[field] : undefined) ?? place, result.reason);
    this.settings = await bridge().getSettings();
    this.#showInForce(input);
  }

  /** Lit sets an input only when the value it renders changes: a refused value is put back here. */
  #showInForce(input: HTMLInputElement): void {
    if (input.type === 'checkbox') input.checked = !input.checked;
    else input.value = String(this.settings?.pollIntervalSec ?? '');
  }

  #intervalChanged(input: HTMLInputElement): void {
    const seconds = input.valueAsNumber;
    if (Number.isFinite(seconds)) return void this.#save({ pollIntervalSec: seconds }, input, 'interval');
    this.#begin('interval');
    this.#refused('interval', 'Enter a number of seconds.');
    this.#showInForce(input);
  }

  async #setToken(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.elements.namedItem('token') as HTMLInputElement;
    const weak = (form.elements.namedItem('weak') as HTMLInputElement | null)?.checked ?? false;
    this.#begin('token');
    // Said under the field, as every refusal (the browser's own bubble reaches no screen reader).
    const typed = input.value.trim();
    if (typed.length < TOKEN_MIN_LENGTH) {
      input.focus();
      return this.#refused('token', typed ? TOKEN_TOO_SHORT : 'Paste your useapi.net API token first.');
    }
    const result = await bridge().setToken(typed, weak).catch(failed);
    input.value = '';
    if (result.ok) this.message = 'Token saved.';
    else this.#refused('token', result.reason);
  }

  async #clearToken(): Promise<void> {
    this.#begin('token');
    await bridge().clearToken();
    this.message = 'Token cleared.';
    // The Clear token button goes with the token: the focus goes to the field for a new one.
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#token')?.focus();
  }

  async #chooseFolder(): Promise<void> {
    this.#begin('folder');
    const result = await bridge().chooseFolder().catch(failed);
    if (!result.ok && 'canceled' in result && result.canceled) return; // closed without a choice
    if (!result.ok) return this.#refused('folder', result.reason);
    this.settings = await bridge().getSettings();
    this.message = 'Saved.';
  }

  /** The message under a field, which the field names as its description. */
  #note(place: Place) {
    return html`<p id=${`${place}-error`} class="error field-error">${this.errors[place] ?? ''}</p>`;
  }

  #invalid(place: Place): 'true' | 'false' {
    return this.errors[place] ? 'true' : 'false';
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
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            return this.#save(patch(input.checked), input);
          }}
        />
        ${label}</label
      >`;
    return html`<section class="settings" aria-labelledby="settings-title">
      <h2 id="settings-title" class="visually-hidden">Settings</h2>
      <p class="status" role="status">${this.message}</p>
      <p class="error" role="alert">${this.errors.page ?? ''}</p>
      <fieldset>
        <legend>useapi.net API token</legend>
        <p class="token-state">${tokenState(this.state)}</p>
        <form novalidate @submit=${(e: SubmitEvent) => this.#setToken(e)}>
          <label for="token">${token?.set ? 'Replace the token' : 'Token'}</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            spellcheck="false"
            aria-invalid=${this.#invalid('token')}
            aria-describedby="token-error"
          />
          ${this.#note('token')}
          ${
            token?.weakBackend
              ? html`<label class="check"
                  ><input type="checkbox" name="weak" /> No keyring found: store the token with weaker
                  protection</label
                >`
              : nothing
          }
          <div class="buttons">
            <button type="submit">Save token</button>
            ${
              token?.set
                ? html`<button
                    type="button"
                    @click=${() => this.querySelector<ClearTokenDialog>('clear-token-dialog')?.open()}
                  >
                    Clear token
                  </button>`
                : nothing
            }
          </div>
        </form>
        <clear-token-dialog @clear-token=${() => this.#clearToken()}></clear-token-dialog>
      </fieldset>
      <fieldset>
        <legend>Downloads</legend>
        <p class="folder">Save videos to <code>${s.downloadFolder}</code></p>
        <button
          type="button"
          aria-describedby="folder-error"
          aria-invalid=${this.#invalid('folder')}
          @click=${() => this.#chooseFolder()}
        >
          Choose folder…
        </button>
        ${this.#note('folder')}
        ${check('Download finished videos automatically', s.autoDownload, (v) => ({ autoDownload: v }))}
      </fieldset>
      <fieldset>
        <legend>Polling</legend>
        <label for="interval">Poll each job every (seconds)</label>
        <input
          id="interval"
          type="number"
          min="1"
          max="3600"
          step="1"
          aria-invalid=${this.#invalid('interval')}
          aria-describedby="interval-error"
          .value=${String(s.pollIntervalSec)}
          @change=${(e: Event) => this.#intervalChanged(e.target as HTMLInputElement)}
        />
        ${this.#note('interval')}
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
