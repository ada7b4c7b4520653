import fs from 'node:fs';
import { boundedText } from '../core/bounded-text.js';
import { ECHO_CHARS } from './command-line.js';
import { assertFolderCanBeMade } from '../core/files/folder-check.js';
import { assertCanCreateFiles, makeFolderSync } from '../core/files/make-folder.js';
import { UsageError } from './args.js';

/** A folder a run needs, and how to name it if it cannot be used. */
export interface FolderUse {
  dir: string;
  /** What the user set it with (`--out`, `PIXVERSE_TRAY_HOME`). */
  what: string;
  purpose: string;
  mode?: number;
  /** Checked like the others, but made only when something is saved into it (the default download folder). */
  whenUsed?: boolean;
}

/**
 * Checks every folder before creating any (a refused one leaves nothing behind), then creates the
 * missing ones (but those made only when used) and checks a file can be made in each; a clear
 * usage error otherwise.
 */
export function prepareFolders(uses: FolderUse[]): void {
  for (const use of uses) asUsageError(use, () => assertFolderCanBeMade(use.dir));
  for (const use of uses)
    asUsageError(use, () => {
      if (use.whenUsed && !fs.existsSync(use.dir)) return; // the check above says it can be made
      makeFolderSync(use.dir, use.mode);
      assertCanCreateFiles(use.dir);
    });
}

function asUsageError({ dir, what, purpose }: FolderUse, attempt: () => void): void {
  try {
    attempt();
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${what} ${boundedText(dir, ECHO_CHARS)} cannot be used as ${purpose} (${why}).`);
  }
}
