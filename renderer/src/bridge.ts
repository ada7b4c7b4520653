import type { PixverseBridge } from '../../main/ipc/contract.js';

declare global {
  interface Window {
    pixverse: PixverseBridge;
  }
}

/** The preload's named verbs: the window's only way to the main process. */
export const bridge = (): PixverseBridge => window.pixverse;
