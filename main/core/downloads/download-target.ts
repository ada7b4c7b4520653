import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { candidatePaths, isMediaFile, nameTaken } from './filename.js';
import { reservePart } from './part-file.js';
import { makeFolderSync } from '../files/make-folder.js';

export interface DownloadTarget {
  file: string;
  /** True when nothing from an earlier attempt is kept: the download starts from byte 0. */
  fresh: boolean;
}

/**
 * The folder a download goes to: the configured one, or (`keepChosen`) the folder of the name chosen
 * for it earlier, while that folder exists.
 */
export function downloadFolder(
  previous: string | undefined,
  keepChosen: boolean,
  configured: string,
): string {
  const chosen = keepChosen && previous !== undefined ? path.dirname(previous) : undefined;
  return chosen !== undefined && fs.existsSync(chosen) ? chosen : path.resolve(configured);
}

/**
 * Where a download's file goes, with its `<file>.part` reserved (created exclusively) before any
 * byte is fetched. `previous` is the file the job store gave this download earlier (this run or one
 * before a restart): its `.part` is still this download's unless another running download holds the
 * same name (`inUse`). When the folder changed since the download started (another `--out`, or
 * another folder picked because the old one was full or read-only), the `.part` is carried over if
 * it can be moved, else the download starts afresh there.
 *
 * `recordName` is called with each new name before its `.part` is created, and must make it durable
 * (or throw to stop): a run ended in between (a kill, a closed stdout) then leaves a `.part` the next
 * run knows as its own and resumes, never an orphan that pushes it to `name (2)`.
 */
export async function downloadTarget(
  folder: string,
  previous: string | undefined,
  name: string,
  inUse: ReadonlySet<string> = new Set(),
  recordName: (file: string) => void = () => {},
): Promise<DownloadTarget> {
  const own = previous !== undefined && isMediaFile(previous) && !inUse.has(previous) ? previous : undefined;
  if (own && path.dirname(own) === folder && fs.existsSync(folder))
    return { file: own, fresh: await reservePart(own) };
  makeFolderSync(folder);
  if (!own || path.dirname(own) === folder)
    return { file: await reserveName(folder, name, recordName), fresh: true };
  const file = await reserveName(folder, path.basename(own), recordName);
  try {
    await fsp.rename(`${own}.part`, `${file}.part`); // over the empty .part just reserved for it
    return { file, fresh: false };
  } catch {
    // Not there, or on another disk: what was fetched is fetched again, and no .part is left behind.
    await fsp.rm(`${own}.part`, { force: true }).catch(() => {});
    return { file, fresh: true };
  }
}

/**
 * The first of `name`, `name (2)`… with no file and no `.part`, claimed by creating its `.part`. A
 * name whose `.part` is there is passed over before it is recorded: recorded, a run killed before the
 * next name would leave this download naming another one's `.part`, and the next run resume it.
 */
async function reserveName(
  folder: string,
  name: string,
  recordName: (file: string) => void,
): Promise<string> {
  for (const candidate of candidatePaths(folder, name)) {
    if (nameTaken(candidate) || nameTaken(`${candidate}.part`)) continue;
    recordName(candidate);
    if (await reservePart(candidate)) return candidate;
  }
  throw new Error(`Could not find a free file name for ${name} in ${folder}.`);
}
