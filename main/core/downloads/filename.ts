import fs from 'node:fs';
import path from 'node:path';
import sanitize from 'sanitize-filename';

// Leaves room for " (99)" and ".part" inside the 255-byte limit of most file systems.
const MAX_NAME_BYTES = 240;
const BIDI_AND_INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(text: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}

/**
 * A safe file name from a server-supplied one: sanitize-filename first, then what it leaves alone
 * (bidi overrides, leading dots, names too long once suffixed), then a fallback when nothing is left.
 */
export function safeFileName(serverName: string | undefined, fallback: string, defaultExt = '.mp4'): string {
  const cleaned = sanitize((serverName ?? '').normalize('NFC').replace(BIDI_AND_INVISIBLE, ''), {
    replacement: '_',
  })
    .replace(/^[.\s_]+/, '')
    .trim();
  let name = /[\p{L}\p{N}]/u.test(cleaned) ? cleaned : sanitize(fallback, { replacement: '_' });
  let ext = path.extname(name);
  if (!ext || ext.length > 10) ext = '';
  const base = ext ? name.slice(0, -ext.length) : name;
  const finalExt = ext || defaultExt;
  name = truncateBytes(base, MAX_NAME_BYTES - Buffer.byteLength(finalExt)) + finalExt;
  return name;
}

/** The file's path inside `folder`, or an error if it would land anywhere else. */
export function containedPath(folder: string, name: string): string {
  const root = path.resolve(folder);
  const target = path.resolve(root, name);
  const relative = path.relative(root, target);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative) || relative.includes(path.sep)) {
    throw new Error(`Refusing to save "${name}" outside the download folder.`);
  }
  return target;
}

/** `name.mp4`, else `name (2).mp4`, `name (3).mp4`…: never an existing file or another download's part. */
export function uniquePath(
  folder: string,
  name: string,
  taken: (file: string) => boolean = fs.existsSync,
): string {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let n = 1; n < 10_000; n++) {
    const candidate = containedPath(folder, n === 1 ? name : `${base} (${n})${ext}`);
    if (!taken(candidate) && !taken(`${candidate}.part`)) return candidate;
  }
  throw new Error(`Could not find a free file name for ${name} in ${folder}.`);
}
