import fsp from 'node:fs/promises';

/**
 * The size of a download that was already moved into place by a run stopped before it could record
 * it saved (a kill between the link and the store write), or undefined. Its name was reserved only
 * while no file had it, so once its `.part` is gone, a file of the expected size under that name is
 * this download's finished video, not someone else's. A `.part` still linked to it (killed before
 * the `.part` was removed) tells the same with no size needed.
 */
export async function finishedEarlier(
  file: string | undefined,
  expectedSize: number | undefined,
): Promise<number | undefined> {
  if (file === undefined) return undefined;
  const linked = await linkedEarlier(file);
  if (linked !== undefined) return linked;
  if (expectedSize === undefined) return undefined;
  if (await exists(`${file}.part`)) return undefined;
  try {
    const stat = await fsp.stat(file);
    return stat.isFile() && stat.size === expectedSize ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The size of a video linked into place by a run killed before it removed the `.part`: both names
 * are one file, and only a verified, complete `.part` is ever linked, whatever the job says of its
 * size. The `.part` name is dropped; the video stays.
 */
async function linkedEarlier(file: string): Promise<number | undefined> {
  try {
    const [video, part] = await Promise.all([fsp.lstat(file), fsp.lstat(`${file}.part`)]);
    if (!video.isFile() || video.dev !== part.dev || video.ino !== part.ino) return undefined;
    await fsp.unlink(`${file}.part`);
    return video.size;
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
