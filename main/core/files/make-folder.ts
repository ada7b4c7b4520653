import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates a folder and its missing parents, one level at a time. Node's `mkdir({ recursive: true })`
 * loops forever when a level answers ENOENT although its parent exists (`/proc/foo`), pinning a CPU
 * and, in the sync form, the event loop, so that not even SIGTERM is handled.
 */
export function makeFolderSync(dir: string, mode?: number): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing) {
    try {
      fs.mkdirSync(level, { mode });
    } catch (error) {
      // Another process may have made it meanwhile; anything else is the real answer.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if (!fs.statSync(dir).isDirectory())
    throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
}

/** Throws unless a file can really be created in `dir` (access() says yes to root on procfs). */
export function assertCanCreateFiles(dir: string): void {
  const probe = path.join(dir, `.pixverse-tray-probe-${process.pid}`);
  fs.writeFileSync(probe, '', { flag: 'wx' });
  fs.rmSync(probe);
}
