import { assertFolderCanBeMade } from '../core/files/folder-check.js';

/** Why each errno means a folder cannot take the videos, in words. */
const REASONS: Record<string, string> = {
  EACCES: 'you are not allowed to create files there',
  EPERM: 'you are not allowed to create files there',
  EROFS: 'it is on a read-only disk',
  ENOSPC: 'its disk is full',
  ENOTDIR: 'part of that path is a file, not a folder',
  ENAMETOOLONG: 'its path is too long',
  // A folder that exists but refuses a new file as "not there" (procfs, sysfs): nothing can be saved.
  ENOENT: 'no file can be created there',
};

/**
 * Why a chosen download folder cannot be used, or undefined when it can: a probe file is created
 * and removed there (or in its nearest existing parent), as the CLI checks `--out`.
 */
export function downloadFolderProblem(folder: string): string | undefined {
  try {
    assertFolderCanBeMade(folder);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why = REASONS[code] ?? (error as Error).message;
    return `PixVerse Tray cannot save videos in ${folder}: ${why}.`;
  }
}
