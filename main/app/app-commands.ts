import type { Clipboard, Dialog, Shell } from 'electron';
import type { Settings } from '../core/settings.js';
import type { ThumbnailCache } from '../core/thumbnails/thumbnail-cache.js';
import type { AppState, EventPayload } from '../ipc/contract.js';
import type { NotifierDeps } from './notifier.js';
import type { Session } from './session.js';
import type { SetTokenResult, TokenVault } from './token-vault.js';

/**
 * What the IPC handlers and the tray actions may do and read: the app's verbs, not the controller
 * that implements them (which imports the handlers and actions, so they cannot import it back).
 */
export interface AppCommands {
  readonly electron: {
    readonly shell: Pick<Shell, 'openPath' | 'showItemInFolder'>;
    readonly clipboard: Pick<Clipboard, 'readText' | 'writeText'>;
    readonly dialog: Pick<Dialog, 'showOpenDialog'>;
    readonly createNotification: NotifierDeps['create'];
  };
  /** The running engine, none before a token is set (or the demo started). */
  readonly session: Session | undefined;
  readonly settings: Settings;
  /** Stills of saved videos; none where no frame grabber was given. */
  readonly thumbnails: Pick<ThumbnailCache, 'forVideo'> | undefined;
  readonly vault: Pick<TokenVault, 'status'>;
  state(): AppState;
  removeJob(jobid: string): boolean;
  restoreJob(jobid: string): boolean;
  /** Shows the window on `view`; with `select`, that job selected. */
  openWindow(view?: EventPayload<'showView'>, select?: string): void;
  startDemo(): Promise<void>;
  setToken(token: string, acceptWeak: boolean): Promise<SetTokenResult>;
  clearToken(): Promise<void>;
  updateSettings(patch: unknown): Promise<Settings>;
  quit(): Promise<void>;
}
