import { html, nothing } from 'lit';
import type { AppState } from '../../main/ipc/contract.js';
import { bridge } from './bridge.js';

/**
 * Pause or Resume polling, in the window's header as in the tray, from AppState.paused. Not offered
 * while polling cannot run anyway (no token, a rejected token: the banner says what to do).
 */
export function pollingControl(state: AppState | undefined, changed: (state: AppState) => void) {
  if (!state || state.paused === 'credentials' || (!state.token.set && !state.demo)) return nothing;
  // Stopped by the user or by a lapsed subscription (402): either way Resume is what starts it again.
  const paused = state.paused !== null;
  const toggle = async () => changed(await (paused ? bridge().resume() : bridge().pause()));
  return html`<button type="button" class="polling-control" @click=${() => void toggle()}>
    ${paused ? 'Resume polling' : 'Pause polling'}
  </button>`;
}
