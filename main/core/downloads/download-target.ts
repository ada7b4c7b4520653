import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { makeFolderSync } from '../make-folder.js';
import { uniquePath } from './filename.js';

export interface DownloadTarget {
  file: string;
  /** True when nothing from an earlier attempt is kept: the download starts from byte 0. */
  fresh: boolean;
}

/**
 * Where a download's file goes. The folder is the one chosen now: when it changed since the
 * download started (another `--out`, or another folder picked because the old one was full or
 * read-only), the `.part` is carried over if it can be moved, else the download starts afresh there.
 */
export async function downloadTarget(
  folder: string,
  previous: string | undefined,
  name: string,
): Promise<DownloadTarget> {
  if (previous && path.dirname(previous) === folder && fs.existsSync(folder))
    return { file: previous, fresh: false };
  makeFolderSync(folder);
  if (!previous || path.dirname(previous) === folder) return { file: uniquePath(folder, name), fresh: true };
  const file = uniquePath(folder, path.basename(previous));
  try {
    await fsp.rename(`${previous}.part`, `${file}.part`);
    return { file, fresh: false };
  } catch {
    // Not there, or on another disk: what was fetched is fetched again, and no .part is left behind.
    await fsp.rm(`${previous}.part`, { force: true }).catch(() => {});
    return { file, fresh: true };
  }
}
