import { describe, expect, it } from 'vitest';
import { SETTINGS_VERSION, settingsFile } from '../../main/app/settings-file.js';

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
      pollIntervalSec: 15,
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
