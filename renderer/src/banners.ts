import { html, nothing } from 'lit';
import type { AppState, HoldView } from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';
import './clock-text.js';

/** When the next request goes out, counting down each second. */
const nextIn = (until: string | undefined, lead: string) =>
  until
    ? html`${lead} <clock-text kind="countdown" datetime=${until}></clock-text>.`
    : html`${lead.replace(/ in$/, '')} soon.`;

/** Why every request waits, in one sentence and when the next one goes. */
function holdBanner(hold: HoldView) {
  const words = {
    'rate-limit': html`Rate limited by useapi.net. ${nextIn(hold.until, 'Next request in')}`,
    'queue-full': html`Your useapi.net account is running as many jobs as it can.
    ${nextIn(hold.until, 'Next request in')}`,
    server: html`useapi.net is overloaded. ${nextIn(hold.until, 'Next request in')}`,
    network: html`<span class="api-text">${hold.message.replace(/[.;\s]+$/, '')}</span>.
      ${nextIn(hold.until, 'Retrying in')}`,
  }[hold.kind];
  // One span: the banner is a flex box, whose loose text and countdown would be set apart as items.
  return html`<div class="banner warn hold" role="status"><span>${words}</span></div>`;
}

/** v2's 596: one banner per PixVerse account to add again (a few named, the rest counted). */
function heldAccountBanners(s: AppState) {
  const held = s.heldAccounts ?? [];
  const named = held.slice(0, 2).map(
    ({ account, until }) =>
      html`<div class="banner problem" role="alert">
        <span
          >The PixVerse account <bdi class="api-text">${account}</bdi> needs attention: add it again at
          useapi.net, then press Resume. Its videos wait; ${nextIn(until, 'checked again in')}</span
        >
        <button type="button" @click=${() => bridge().resume()}>Resume</button>
      </div>`,
  );
  if (held.length > 2)
    named.push(
      html`<div class="banner problem" role="alert">
        ${
          held.length === 3
            ? '1 more PixVerse account needs attention at useapi.net (its jobs name it).'
            : `${held.length - 2} more PixVerse accounts need attention at useapi.net (their jobs name them).`
        }
      </div>`,
    );
  return named;
}

/**
 * The state of polling as banners above the list: token problems, offline, holds, pause, demo.
 * `openSettings` is left out while Settings shows: no button offers what is open.
 */
export function banners(s: AppState | undefined, openSettings: (() => void) | undefined) {
  if (!s) return nothing;
  const settingsButton = openSettings
    ? html`<button type="button" @click=${openSettings}>Open Settings</button>`
    : nothing;
  const shown = [];
  if (s.paused === 'credentials') {
    shown.push(
      html`<div class="banner problem" role="alert">
        <span
          ><strong>Polling stopped.</strong> useapi.net rejected the API token: set a new one in
          Settings.</span
        >
        ${settingsButton}
      </div>`,
    );
  } else if (s.paused === 'subscription') {
    shown.push(
      html`<div class="banner problem" role="alert">
        <span
          ><strong>Polling stopped.</strong> Your useapi.net subscription needs attention: renew it, then
          press Resume.</span
        >
        <button type="button" @click=${() => bridge().resume()}>Resume</button>
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
        ${settingsButton}
      </div>`,
    );
  }
  if (!s.paused) shown.push(...heldAccountBanners(s));
  if (s.offline)
    shown.push(html`<div class="banner warn" role="status">Offline: waiting for the network.</div>`);
  else if (s.hold) shown.push(holdBanner(s.hold));
  // Anything else the engine says while it goes on.
  else if (s.message && !s.paused)
    shown.push(html`<div class="banner warn" role="status"><span class="api-text">${s.message}</span></div>`);
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
