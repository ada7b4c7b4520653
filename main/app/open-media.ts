import path from 'node:path';
import type { Shell } from 'electron';
import { isMediaFile } from '../core/downloads/filename.js';

/**
 * Opens a saved video or image with the system's viewer. Any other file is refused: `openPath` runs
 * what it is given (`.exe`, `.desktop`, `.lnk`), and a record written by an older version or edited
 * by hand may name one.
 */
export async function openMediaFile(shell: Pick<Shell, 'openPath'>, file: string): Promise<string> {
  if (!isMediaFile(file))
    return `PixVerse Tray opens only videos and images; ${path.basename(file)} was not opened.`;
  return shell.openPath(file);
}
