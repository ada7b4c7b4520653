import fs from 'node:fs';
import path from 'node:path';
import sanitize from 'sanitize-filename';

// Leaves room for " (99)" and ".part" inside the 255-byte limit of most file systems.
const MAX_NAME_BYTES = 240;
// Control and format characters (bidi overrides and isolates, zero-width, BOM…) and line separators:
// invisible on screen, they make a name read as something else ("gpj.exe" shown as "exe.gpj").
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
// What looks like an extension to a file manager: a short run of letters or digits after the last dot.
const EXTENSION_LIKE = /^\.[\p{L}\p{N}_-]{1,16}$/u;

/** The only extensions a saved file may have, and the only files the app opens. */
export const MEDIA_EXTENSIONS = ['.mp4', '.webm', '.mov', '.m4v', '.png', '.jpg', '.webp', '.gif'] as const;
const MEDIA = new Set<string>(MEDIA_EXTENSIONS);

const isMediaExtension = (ext: string): boolean => MEDIA.has(ext.toLowerCase());

/** True for `…/name.mp4` and the other video and image extensions, whatever the case. */
export function isMediaFile(file: string): boolean {
  if (/[\\/]$/.test(file)) return false;
  return isMediaExtension(path.extname(path.basename(file)));
}

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

/** Drops every trailing extension that is not a video or image one: `x.mp4.lnk` → `x.mp4`, `a.exe` → `a`. */
function withoutForeignExtensions(name: string): string {
  let base = name;
  for (;;) {
    base = base.replace(/[.\s]+$/, '');
    const ext = path.extname(base);
    if (!EXTENSION_LIKE.test(ext) || isMediaExtension(ext)) return base;
    base = base.slice(0, -ext.length);
  }
}

/**
 * A safe file name from a server-supplied one: invisible characters removed, sanitize-filename, no
 * leading dots, cut to fit once suffixed, and always a video or image extension: the server's when it
 * is one, else `typeExtension` (from the content type) when it is one, else `.mp4`.
 */
export function safeFileName(
  serverName: string | undefined,
  fallback: string,
  typeExtension = '.mp4',
): string {
  const cleaned = sanitize((serverName ?? '').normalize('NFC').replace(INVISIBLE, ''), {
    replacement: '_',
  })
    .replace(/^[.\s_]+/, '')
    .trim();
  const fallbackName = sanitize(fallback, { replacement: '_' });
  const chosen = withoutForeignExtensions(/[\p{L}\p{N}]/u.test(cleaned) ? cleaned : fallbackName);
  let ext = path.extname(chosen);
  let base = chosen;
  if (isMediaExtension(ext)) base = chosen.slice(0, -ext.length);
  else ext = isMediaExtension(typeExtension) ? typeExtension : '.mp4';
  const name = truncateBytes(base, MAX_NAME_BYTES - Buffer.byteLength(ext)) + ext;
  // Stripping an extension can leave a reserved or empty name ("con .exe" → "con"): start over then.
  return /[\p{L}\p{N}]/u.test(base) && sanitize(name) === name ? name : `${fallbackName}${ext}`;
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

/** `name.mp4`, then `name (2).mp4`, `name (3).mp4`…, each inside `folder`. */
export function* candidatePaths(folder: string, name: string): Generator<string> {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let n = 1; n < 10_000; n++) yield containedPath(folder, n === 1 ? name : `${base} (${n})${ext}`);
}

/** Whether a name is taken: by a file, a folder, or a link, even one whose target is gone. */
export function nameTaken(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** `name.mp4`, else `name (2).mp4`, `name (3).mp4`…: never an existing file or another download's part. */
export function uniquePath(
  folder: string,
  name: string,
  taken: (file: string) => boolean = nameTaken,
): string {
  for (const candidate of candidatePaths(folder, name))
    if (!taken(candidate) && !taken(`${candidate}.part`)) return candidate;
  throw new Error(`Could not find a free file name for ${name} in ${folder}.`);
}
