import fsp from 'node:fs/promises';

/**
 * The size of a download that was already moved into place by a run stopped before it could record
 * it saved (a kill between the link and the store write), or undefined. Its name was reserved only
 * while no file had it, so once its `.part` is gone, a file of the expected size under that name is
 * this download's finished video, not someone else's.
 */
export async function finishedEarlier(
  file: string | undefined,
  expectedSize: number | undefined,
): Promise<number | undefined> {
  if (file === undefined || expectedSize === undefined) return undefined;
  if (await exists(`${file}.part`)) return undefined;
  try {
    const stat = await fsp.stat(file);
    return stat.isFile() && stat.size === expectedSize ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.lstat(file);
    return true;
  } catch {
    return false;
  }
}
