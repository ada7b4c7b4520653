import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS_VERSION, settingsFile, settingsFileBackend } from '../../main/app/settings-file.js';
import { fillDisk, smallDisk } from '../helpers/small-disk.js';
import { tempDir } from '../helpers/temp.js';

const backend = (value: unknown) => ({
  value,
  writes: 0,
  get() {
    return this.value;
  },
  set(next: unknown) {
    this.value = next;
    this.writes++;
  },
});

describe('settings file', () => {
  it('migrates an unversioned file (interval in ms) and stamps the version', () => {
    const store = backend({ pollIntervalMs: 20_000, autoDownload: false });
    const settings = settingsFile(store, '/d', () => {}).read();
    expect(settings).toMatchObject({ pollIntervalSec: 20, autoDownload: false, downloadFolder: '/d' });
    expect(store.value).toMatchObject({ settingsVersion: SETTINGS_VERSION, pollIntervalSec: 20 });
    expect(store.value).not.toHaveProperty('pollIntervalMs');
  });

  it('resets only the bad fields, and says which', () => {
    const logs: string[] = [];
    const store = backend({ settingsVersion: 1, pollIntervalSec: -4, launchAtLogin: true });
    expect(settingsFile(store, '/d', (l) => logs.push(l)).read()).toMatchObject({
      pollIntervalSec: 10,
      launchAtLogin: true,
    });
    expect(logs).toEqual(['Invalid settings were reset to their defaults: pollIntervalSec']);
  });

  it('never writes over settings from a newer version', () => {
    const store = backend({ settingsVersion: 99, pollIntervalSec: 30, futureOption: 'x' });
    const file = settingsFile(store, '/d', () => {});
    expect(file.read()).toMatchObject({ pollIntervalSec: 30 });
    expect(() => file.write({ ...file.read(), pollIntervalSec: 40 })).toThrow(/newer PixVerse Tray/);
    expect(store.writes).toBe(0);
  });
});

describe('settings.json on disk', () => {
  const settingsOf = (file: string, log: (line: string) => void = () => {}) =>
    settingsFile(settingsFileBackend(file, log), '/d', log);

  it('keeps the previous file when a write stops short, and says the change was not saved', () => {
    const file = path.join(tempDir('settings'), 'settings.json');
    settingsOf(file).write({ ...settingsOf(file).read(), pollIntervalSec: 30 });
    const good = fs.readFileSync(file, 'utf8');
    const full = settingsFileBackend(file, () => {}, {
      writeSync: (fd, b, o, l) => fs.writeSync(fd, b, o, Math.min(l, 20)) && 0,
    });
    const settings = settingsFile(full, '/d', () => {});
    expect(() => settings.write({ ...settings.read(), pollIntervalSec: 60 })).toThrow(/ENOSPC/);
    expect(fs.readFileSync(file, 'utf8')).toBe(good);
    expect(settingsOf(file).read().pollIntervalSec).toBe(30);
  });

  it('reads the previous good copy when the file is damaged, and logs both steps', () => {
    const file = path.join(tempDir('settings'), 'settings.json');
    const first = settingsOf(file);
    first.write({ ...first.read(), pollIntervalSec: 45 });
    first.write({ ...first.read(), pollIntervalSec: 50 }); // settings.json.bak: 45
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 25));
    const logs: string[] = [];
    expect(settingsOf(file, (l) => logs.push(l)).read().pollIntervalSec).toBe(45);
    expect(logs).toEqual([
      expect.stringMatching(/could not be read \(not valid JSON.*moved to .*settings\.corrupt-.*\.json/),
      expect.stringMatching(/restored from their previous good copy .*settings\.json\.bak/),
    ]);
  });

  it('on a real full disk refuses the change and keeps the file', (ctx) => {
    const disk = smallDisk(64);
    if (!disk) return ctx.skip();
    const file = path.join(disk, 'settings.json');
    const settings = settingsOf(file);
    settings.write({ ...settings.read(), pollIntervalSec: 30 });
    const good = fs.readFileSync(file, 'utf8');
    fillDisk(disk);
    expect(() => settings.write({ ...settings.read(), pollIntervalSec: 90 })).toThrow(/ENOSPC/);
    expect(fs.readFileSync(file, 'utf8')).toBe(good);
  });

  it('never writes over a file it could not read (no permission, locked): kept for this run, said once', () => {
    const file = path.join(tempDir('settings'), 'settings.json');
    const first = settingsOf(file);
    first.write({ ...first.read(), pollIntervalSec: 45, autoDownload: false });
    first.write({ ...first.read(), launchAtLogin: true }); // settings.json.bak: the first write
    const good = fs.readFileSync(file, 'utf8');
    const denied = (target: string) => {
      if (target === file)
        throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
      return fs.readFileSync(target, 'utf8');
    };
    const logs: string[] = [];
    const log = (line: string) => logs.push(line);
    const settings = settingsFile(settingsFileBackend(file, log, {}, denied), '/d', log);
    // Its previous good copy (the same settings, here) is read; the file itself is left as it is.
    expect(settings.read()).toMatchObject({ pollIntervalSec: 45, autoDownload: false });
    expect(() => settings.write({ ...settings.read(), pollIntervalSec: 60 })).toThrow(
      /could not be read \(EACCES\).*Fix its permissions.*restart PixVerse Tray/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(good);
    expect(logs[0]).toMatch(/settings\.json could not be read \(EACCES\); it is left as it is/);
  });
});
