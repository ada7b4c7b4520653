import type { PixverseBridge } from '../../main/ipc/contract.js';

declare global {
  interface Window {
    pixverse: PixverseBridge;
  }
}

/** The preload's named verbs: the window's only way to the main process. */
export const bridge = (): PixverseBridge => window.pixverse;

/**
 * What a call the main process refused says, in its own words: without Electron's "Error invoking
 * remote method '…': Error: " and the channel's name ("Refused setToken: ").
 */
export function refusalReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '')
    .replace(/^Refused \w+: /, '');
}
