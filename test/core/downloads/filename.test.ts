import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionFor } from '../../../main/core/downloads/results.js';
import {
  containedPath,
  isMediaFile,
  MEDIA_EXTENSIONS,
  safeFileName,
  uniquePath,
} from '../../../main/core/downloads/filename.js';

const FOLDER = path.resolve('/downloads/pixverse');
const FALLBACK = 'pixverse-job-1';

const hostile: [string, string | undefined][] = [
  ['parent traversal', '../../x.mp4'],
  ['windows traversal', '..\\..\\x.mp4'],
  ['absolute path', '/etc/passwd'],
  ['windows absolute', 'C:\\Windows\\system32\\evil.mp4'],
  ['UNC path', '\\\\server\\share\\v.mp4'],
  ['reserved CON', 'CON'],
  ['reserved NUL.txt', 'NUL.txt'],
  ['reserved com1.mp4', 'com1.mp4'],
  ['control characters', 'a\u0000b\u0007c\u001b[31m.mp4'],
  ['bidi override', 'invoice\u202Egnp.exe.mp4'],
  ['zero-width and isolates', '\u2066vid\u200Beo\u2069.mp4'],
  ['over 255 bytes', `${'é'.repeat(200)}.mp4`],
  ['empty', ''],
  ['missing', undefined],
  ['only spaces', '   '],
  ['dot', '.'],
  ['dot dot', '..'],
  ['hidden file', '.bashrc'],
  ['trailing dots', 'video.mp4...'],
  ['newline', 'a\nb.mp4'],
];

describe('safeFileName', () => {
  it.each(hostile)('makes a safe single name from %s', (_what, name) => {
    const safe = safeFileName(name, FALLBACK);
    expect(safe.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(`${safe} (99).part`)).toBeLessThanOrEqual(255);
    expect(safe).not.toMatch(/[/\\:*?"<>|\p{Cc}\u202a-\u202e\u2066-\u2069\u200b-\u200f]/u);
    expect(safe).not.toMatch(/^\./);
    expect(safe).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
    expect(path.dirname(containedPath(FOLDER, safe))).toBe(FOLDER);
  });

  it('keeps an ordinary name as it is', () => {
    expect(safeFileName('Sunset over SF – 16x9.mp4', FALLBACK)).toBe('Sunset over SF – 16x9.mp4');
  });

  it('falls back to the jobid pattern when nothing usable is left, and adds an extension', () => {
    expect(safeFileName('', FALLBACK)).toBe('pixverse-job-1.mp4');
    expect(safeFileName('CON', FALLBACK)).toBe('pixverse-job-1.mp4');
    expect(safeFileName('clip', FALLBACK, '.webm')).toBe('clip.webm');
  });

  it('cuts long names on a character boundary', () => {
    const safe = safeFileName(`${'é'.repeat(200)}.mp4`, FALLBACK);
    expect(safe.endsWith('.mp4')).toBe(true);
    expect(safe).not.toContain('\ufffd');
  });
});

const hostileExtensions: [string, string, string][] = [
  ['evil.exe', '.mp4', 'evil.mp4'],
  ['run.desktop', '.mp4', 'run.mp4'],
  ['x.mp4.lnk', '.mp4', 'x.mp4'],
  ['\u202egpj.exe', '.mp4', 'gpj.mp4'],
  ['a.exe.scr', '.mp4', 'a.mp4'],
  ['y.mp4 .exe', '.mp4', 'y.mp4'],
  ['x.mp4\u0000.bat', '.mp4', 'x.mp4'],
  ['\u2028line\u061c\u180e\ufff9.cmd', '.mp4', 'line.mp4'],
  ['noext', '.mp4', 'noext.mp4'],
  ['clip', '.webm', 'clip.webm'],
  ['photo.jpeg', '.jpg', 'photo.jpg'],
  ['shot.PNG', '.mp4', 'shot.PNG'],
  ['v1.2 final', '.mp4', 'v1.2 final.mp4'],
  ['evil', '.exe', 'evil.mp4'],
  ['page.html', '.svgxml', 'page.mp4'],
];

describe('safeFileName and extensions', () => {
  it.each(hostileExtensions)('saves %j (type %s) as %j', (name, ext, want) => {
    expect(safeFileName(name, FALLBACK, ext)).toBe(want);
  });

  it.each(hostile)('ends %s in a video or image extension', (_what, name) => {
    expect(isMediaFile(safeFileName(name, FALLBACK))).toBe(true);
  });

  it('takes the extension from the content type, only when it is on the list', () => {
    const cases: [string | undefined, string][] = [
      ['video/mp4', '.mp4'],
      ['video/webm; codecs="vp9"', '.webm'],
      ['video/quicktime', '.mov'],
      ['video/x-m4v', '.m4v'],
      ['image/png', '.png'],
      ['IMAGE/JPEG', '.jpg'],
      ['image/webp', '.webp'],
      ['image/gif', '.gif'],
      ['image/svg+xml', '.mp4'],
      ['image/x-ms-shortcut', '.mp4'],
      ['application/x-msdownload', '.mp4'],
      ['text/html; x=.exe', '.mp4'],
      [undefined, '.mp4'],
    ];
    for (const [type, ext] of cases) expect([type, extensionFor({ contentType: type })]).toEqual([type, ext]);
    for (const [, ext] of cases) expect(MEDIA_EXTENSIONS).toContain(ext);
  });
});

describe('isMediaFile', () => {
  it.each(['/d/a.mp4', '/d/a.WEBM', '/d/a.mov', '/d/a.m4v', '/d/a.png', '/d/a.jpg', '/d/a.webp', '/d/a.gif'])(
    'accepts %s',
    (file) => expect(isMediaFile(file)).toBe(true),
  );
  it.each(['/d/evil.exe', '/d/run.desktop', '/d/x.mp4.lnk', '/d/noext', '/d/a.svg', '/d/a.mp4/', '/d/.mp4'])(
    'refuses %s',
    (file) => expect(isMediaFile(file)).toBe(false),
  );
});

describe('containedPath', () => {
  it.each(['../x', '..', '', 'a/../../b', '/etc/passwd', 'sub/dir.mp4'])('refuses %s', (name) => {
    expect(() => containedPath(FOLDER, name)).toThrow(/outside the download folder/);
  });
});

describe('uniquePath', () => {
  it('picks "name (2).mp4" when the name or its .part is taken', () => {
    const taken = new Set([path.join(FOLDER, 'a.mp4'), path.join(FOLDER, 'a (2).mp4.part')]);
    expect(uniquePath(FOLDER, 'a.mp4', (f) => taken.has(f))).toBe(path.join(FOLDER, 'a (3).mp4'));
  });
});
