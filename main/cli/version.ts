import fs from 'node:fs';

/**
 * The version in package.json, read as text: `--version` must not wait for the modules a command
 * needs. The file sits three levels above this one, in the sources and in `dist/` alike.
 */
export function cliVersion(): string {
  const text = fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : 'unknown';
}
