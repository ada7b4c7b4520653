import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI } from './cli.js';
import { tempDir } from './temp.js';

// A module resolve hook that writes every module the CLI loads to stderr (hooks run on their own
// thread, hence a synchronous write to the file descriptor).
const HOOKS = `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  writeSync(2, 'loaded ' + result.url + '\\n');
  return result;
}`;

/** Runs the built CLI with `args` and returns the URL of every module it loaded. */
export async function modulesLoadedBy(args: string[]): Promise<{ code: number | null; urls: string[] }> {
  const dir = tempDir('hooks');
  fs.writeFileSync(path.join(dir, 'hooks.mjs'), HOOKS);
  const register = path.join(dir, 'register.mjs');
  fs.writeFileSync(
    register,
    `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
  );
  const child = spawn(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], {
    env: { PATH: process.env.PATH, HOME: tempDir('home') },
    cwd: tempDir('cwd'),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const urls = [...stderr.matchAll(/^loaded (\S+)$/gm)].map((match) => match[1]!);
  return { code, urls };
}
