import fsp from 'node:fs/promises';
import { Writable } from 'node:stream';

/** Where a download's bytes go: a `.part` file written from `start`, synced when the stream ends. */
export interface PartFile {
  stream: Writable;
  close(): Promise<void>;
}

export type OpenPart = (path: string, start: number) => Promise<PartFile>;

export const openPartFile: OpenPart = async (path, start) => {
  // r+ keeps the bytes already there; w starts the file afresh.
  const handle = await fsp.open(path, start > 0 ? 'r+' : 'w', 0o644);
  if (start === 0) await handle.truncate(0);
  let position = start;
  const stream = new Writable({
    highWaterMark: 1 << 20,
    writev(chunks, done) {
      const buffers = chunks.map((c) => c.chunk as Buffer);
      handle.writev(buffers, position).then(({ bytesWritten }) => {
        position += bytesWritten;
        done();
      }, done);
    },
    // Only synced bytes may be renamed into place: a crash must not leave a short video.
    final(done) {
      handle.sync().then(() => done(), done);
    },
  });
  return { stream, close: () => handle.close() };
};

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
