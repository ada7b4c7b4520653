import fsp from 'node:fs/promises';
/** Where a download's bytes go: a `.part` file appended to from `start`, synced before it is renamed. */
export interface PartFile {
  /** Appends the buffers at the current end of what this download has written. */
  append(buffers: Buffer[]): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
  /** The file written (device and inode): the name must still be it when it is put in place. */
  readonly identity: FileIdentity;
}

export interface FileIdentity {
  dev: number;
  ino: number;
}

export type OpenPart = (path: string, start: number) => Promise<PartFile>;

/**
 * Gives a `.part` that is also another name's file (a run killed between linking the finished video
 * into place and removing its `.part` leaves one file under both names) a file of its own, so that
 * writing or truncating it can never touch the finished video. A copy renamed over the `.part`: the
 * other name keeps the original.
 */
async function ownPart(path: string): Promise<void> {
  let links: number;
  try {
    links = (await fsp.stat(path)).nlink;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (links <= 1) return;
  const copy = `${path}.copy`;
  await fsp.copyFile(path, copy);
  await fsp.rename(copy, path);
}

export const openPartFile: OpenPart = async (path, start) => {
  await ownPart(path);
  // r+ keeps the bytes already there; w starts the file afresh.
  const handle = await fsp.open(path, start > 0 ? 'r+' : 'w', 0o644);
  if (start === 0) await handle.truncate(0);
  const { dev, ino } = await handle.stat();
  let position = start;
  return {
    identity: { dev, ino },
    async append(buffers) {
      let offset = 0;
      const total = buffers.reduce((n, b) => n + b.length, 0);
      // writev may write less than asked: go on from where it stopped.
      while (offset < total) {
        const { bytesWritten } = await handle.writev(
          offset === 0 ? buffers : [Buffer.concat(buffers).subarray(offset)],
          position,
        );
        position += bytesWritten;
        offset += bytesWritten;
      }
    },
    sync: () => handle.sync(),
    close: () => handle.close(),
  };
};

/**
 * Claims `<file>.part` for one download by creating it only if no file has that name (O_EXCL): two
 * downloads can never write the same `.part`. True when it was created now, false when it was there.
 */
export async function reservePart(file: string): Promise<boolean> {
  try {
    await (await fsp.open(`${file}.part`, 'wx', 0o644)).close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Drops the bytes of a `.part` but keeps the file: the name stays this download's. */
export async function emptyPart(part: string): Promise<void> {
  await ownPart(part);
  try {
    await fsp.truncate(part, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export async function partSize(path: string): Promise<number> {
  try {
    return (await fsp.stat(path)).size;
  } catch {
    return 0;
  }
}

const DISK_ERRORS = new Set([
  'ENOSPC',
  'EDQUOT',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOENT',
  'EISDIR',
  'ENOTDIR',
  'EIO',
  'EMFILE',
]);
export const isDiskError = (error: unknown): error is NodeJS.ErrnoException =>
  typeof error === 'object' && error !== null && DISK_ERRORS.has((error as NodeJS.ErrnoException).code ?? '');

export function describeDiskError(error: NodeJS.ErrnoException, folder: string): string {
  switch (error.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `The disk holding ${folder} is full. Free some space, then retry the download.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `PixVerse Tray may not write to ${folder}. Choose another download folder or fix its permissions, then retry.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `The download folder ${folder} no longer exists. Create it or choose another one, then retry.`;
    default:
      return `Could not write to ${folder} (${error.code}). Retry the download.`;
  }
}

/**
 * Whether `part` is still the file a download wrote and holds `bytes` (or is gone): a folder replaced or moved
 * while the video downloaded leaves the name to another file (another download's `.part`), which
 * must never be put in place as this video.
 */
export async function partIsOurs(
  part: string,
  bytes: number,
  identity: FileIdentity | undefined,
): Promise<boolean> {
  let stat;
  try {
    stat = await fsp.lstat(part);
  } catch {
    return true; // gone (the folder deleted): putting it in place says so, in the words of the disk
  }
  if (!stat.isFile() || stat.size !== bytes) return false;
  return identity === undefined || (stat.dev === identity.dev && stat.ino === identity.ino);
}

export const folderChangedMessage = (folder: string): string =>
  `The folder ${folder} changed while the video was downloading (moved or replaced): ` +
  'the video was not put in place; download it again.';
