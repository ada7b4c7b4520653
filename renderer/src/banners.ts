import { html, nothing } from 'lit';
import type { AppState } from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';

/** The state of polling as banners above the list: token problems, offline, holds, pause, demo. */
export function banners(s: AppState | undefined, openSettings: () => void) {
  if (!s) return nothing;
  const shown = [];
  if (s.paused === 'credentials') {
    shown.push(
      html`<div class="banner problem" role="alert">
        <strong>Polling stopped.</strong> ${s.message ?? 'useapi.net rejected the API token.'} Set a new token
        in Settings.
        <button type="button" @click=${openSettings}>Open Settings</button>
      </div>`,
    );
  } else if (!s.token.set && !s.demo) {
    shown.push(
      html`<div class="banner problem" role="alert">
        ${
          s.token.problem === 'undecryptable'
            ? 'The saved API token can no longer be read (the system keyring changed). Enter it again.'
            : 'Add your useapi.net API token in Settings to start tracking jobs.'
        }
        <button type="button" @click=${openSettings}>Open Settings</button>
      </div>`,
    );
  }
  if (s.offline)
    shown.push(html`<div class="banner warn" role="status">Offline: waiting for the network.</div>`);
  // Why nothing is being asked right now: a refused connection, a DNS or TLS error, a 429 or 504 hold.
  else if (s.message && !s.paused)
    shown.push(html`<div class="banner warn" role="status">${s.message}</div>`);
  if (s.paused === 'user') {
    shown.push(
      html`<div class="banner warn" role="status">
        Polling is paused. <button type="button" @click=${() => bridge().resume()}>Resume</button>
      </div>`,
    );
  }
  if (s.demo)
    shown.push(
      html`<div class="banner info" role="status">
        Demo mode: a local simulator, time running 30× faster.
      </div>`,
    );
  return shown;
}
