import fs from 'node:fs';
import type { SafeStorage } from 'electron';
import type { TokenStatus } from '../ipc/contract.js';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export type SetTokenResult = { ok: true } | { ok: false; reason: string };

/**
 * The API token, kept only as safeStorage ciphertext in a 0600 file and decrypted in the main
 * process. The window learns "set / not set" and the last 4 characters, never the token.
 */
export class TokenVault {
  #plain: string | undefined;
  #undecryptable = false;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Linux without a keyring: Electron falls back to a hard-coded key. */
  get weakBackend(): boolean {
    return this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  }

  status(): TokenStatus {
    const token = this.get();
    if (token) return { set: true, last4: token.slice(-4), weakBackend: this.weakBackend };
    if (this.#undecryptable) return { set: false, problem: 'undecryptable', weakBackend: this.weakBackend };
    if (!this.safeStorage.isEncryptionAvailable())
      return { set: false, problem: 'unavailable', weakBackend: false };
    return { set: false, weakBackend: this.weakBackend };
  }

  /** The token, or undefined when none is stored or it can no longer be decrypted. */
  get(): string | undefined {
    if (this.#plain !== undefined) return this.#plain;
    let cipher: Buffer;
    try {
      cipher = fs.readFileSync(this.file);
      this.#keepPrivate();
    } catch {
      return undefined;
    }
    try {
      this.#plain = this.safeStorage.decryptString(cipher);
      this.#undecryptable = false;
      return this.#plain;
    } catch {
      // A changed keyring or OS user: ask for the token again; the file stays until replaced.
      this.#undecryptable = true;
      return undefined;
    }
  }

  set(token: string, acceptWeak: boolean): SetTokenResult {
    if (!this.safeStorage.isEncryptionAvailable()) {
      return { ok: false, reason: 'This system offers no secure storage, so the token cannot be saved.' };
    }
    if (this.weakBackend && !acceptWeak) {
      return {
        ok: false,
        reason:
          'No keyring (GNOME Keyring or KWallet) is available: the token would be stored with a fixed key that ' +
          'other programs could undo. Accept weaker storage to save it anyway.',
      };
    }
    const cipher = this.safeStorage.encryptString(token);
    const temp = `${this.file}.tmp`;
    // `mode` applies only to a file being created: a temp file left by an interrupted save goes first.
    fs.rmSync(temp, { force: true });
    fs.writeFileSync(temp, cipher, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, this.file);
    this.#plain = token;
    this.#undecryptable = false;
    return { ok: true };
  }

  /** A token file others can read (restored from a backup, copied by hand) is made private again. */
  #keepPrivate(): void {
    if (process.platform === 'win32') return; // NTFS ACLs, not mode bits, guard it there
    if ((fs.statSync(this.file).mode & 0o077) !== 0) fs.chmodSync(this.file, 0o600);
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
    this.#plain = undefined;
    this.#undecryptable = false;
  }
}
