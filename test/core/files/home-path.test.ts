import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandHome } from '../../../main/core/files/home-path.js';
import { defaultSettings, readSettings } from '../../../main/core/settings.js';

describe('expandHome', () => {
  it.each([
    ['~', '/home/ann'],
    ['~/Videos', path.join('/home/ann', 'Videos')],
    ['~/a/b/', path.join('/home/ann', 'a/b/')],
    ['/srv/videos', '/srv/videos'],
    ['videos/~', 'videos/~'],
  ])('%s → %s', (raw, expanded) => expect(expandHome(raw, '/home/ann')).toBe(expanded));

  it('refuses ~user instead of creating a folder named after it', () => {
    expect(() => expandHome('~bob/Videos', '/home/ann')).toThrow(/"~bob" is not supported/);
  });
});

describe('settings downloadFolder', () => {
  it('expands ~/ in a hand-edited settings.json', () => {
    const { settings, reset } = readSettings({ downloadFolder: '~/Videos' }, defaultSettings('/default'));
    expect(settings.downloadFolder).toBe(path.join(process.env.HOME ?? '', 'Videos'));
    expect(reset).toEqual([]);
  });

  it('falls back to the default for ~user, and says so', () => {
    const { settings, reset } = readSettings({ downloadFolder: '~bob/Videos' }, defaultSettings('/default'));
    expect(settings.downloadFolder).toBe('/default');
    expect(reset).toEqual(['downloadFolder']);
  });
});
