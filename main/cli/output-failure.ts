import { getSystemErrorMap } from 'node:util';

/** Why stdout could not be written, as a reader of stderr wants it: "no space left on device". */
export function describeWriteError(error: NodeJS.ErrnoException): string {
  const known = typeof error.errno === 'number' ? getSystemErrorMap().get(error.errno)?.[1] : undefined;
  return known ?? error.code ?? error.message;
}

/** EPIPE: whoever read stdout went away (`| head -1`), a normal end; anything else is a failure. */
export const isReaderGone = (error: NodeJS.ErrnoException): boolean => error.code === 'EPIPE';
