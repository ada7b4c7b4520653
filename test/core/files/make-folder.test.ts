import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolderSync } from '../../../main/core/files/make-folder.js';
import { tempDir } from '../../helpers/temp.js';

describe('makeFolderSync', () => {
  it('creates the missing levels of a nested folder, and accepts one that exists', () => {
    const dir = path.join(tempDir('mkdir'), 'a', 'b', 'c');
    makeFolderSync(dir);
    makeFolderSync(dir);
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });

  // Node's recursive mkdir never returns here: it retries the child forever.
  it('fails at once under /proc, where a level answers ENOENT although its parent exists', () => {
    expect(() => makeFolderSync('/proc/pxt-no-such/videos')).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });

  it('refuses a path through a file', () => {
    const file = path.join(tempDir('mkdir'), 'file');
    fs.writeFileSync(file, '');
    expect(() => makeFolderSync(path.join(file, 'x'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => makeFolderSync(file)).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });
});
