import os from 'node:os';
import path from 'node:path';

/**
 * Expands a leading `~` or `~/…` to the user's home folder, as a shell would. A folder path typed
 * into settings.json or `--out=~/x` never passes through a shell, and a literal `./~` is never meant.
 * `~user` is refused rather than guessed: looking up another user's home is not portable.
 */
export function expandHome(raw: string, home = os.homedir()): string {
  if (raw === '~') return home;
  if (/^~[\\/]/.test(raw)) return path.join(home, raw.slice(2));
  if (raw.startsWith('~')) {
    const prefix = raw.split(/[\\/]/)[0];
    throw new Error(`"${prefix}" is not supported: use ~ for your own home folder, or write the full path.`);
  }
  return raw;
}
