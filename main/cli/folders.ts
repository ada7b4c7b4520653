import { assertCanCreateFiles, makeFolderSync } from '../core/files/make-folder.js';
import { UsageError } from './args.js';

/** Creates `dir` if needed and checks a file can be made in it; a clear usage error otherwise. */
export function prepareFolder(dir: string, what: string, purpose: string): void {
  try {
    makeFolderSync(dir);
    assertCanCreateFiles(dir);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${what} ${dir} cannot be used as ${purpose} (${why}).`);
  }
}
