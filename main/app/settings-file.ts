import { defaultSettings, readSettings, type Settings } from '../core/settings.js';

/** Where settings live: settings.json via conf in the app, anything with get/set in tests. */
export interface SettingsBackend {
  get(): unknown;
  set(value: Settings): void;
}

export interface SettingsFile {
  read(): Settings;
  write(settings: Settings): void;
}

/** The format of the stored settings; each entry of MIGRATIONS lifts a file from its key's version. */
export const SETTINGS_VERSION = 1;
type Stored = Record<string, unknown>;
const MIGRATIONS: Record<number, (stored: Stored) => Stored> = {
  // Version 0 had no version stamp and stored the poll interval in milliseconds.
  0: ({ pollIntervalMs, ...rest }) =>
    typeof pollIntervalMs === 'number'
      ? { ...rest, pollIntervalSec: Math.round(pollIntervalMs / 1000) }
      : rest,
};

/**
 * Settings migrated to the current format, then validated field by field: a bad field falls back
 * to its default and is logged. A file from a newer version is read but never written over.
 */
export function settingsFile(
  backend: SettingsBackend,
  downloadsDir: string,
  log: (m: string) => void,
): SettingsFile {
  let newer = false;
  const write = (settings: Settings) => {
    if (newer)
      throw new Error('These settings belong to a newer PixVerse Tray; update the app to change them.');
    backend.set({ ...settings, settingsVersion: SETTINGS_VERSION } as Settings);
  };
  return {
    read() {
      const raw = backend.get();
      let stored: Stored = typeof raw === 'object' && raw !== null ? (raw as Stored) : {};
      const version = typeof stored.settingsVersion === 'number' ? stored.settingsVersion : 0;
      newer = version > SETTINGS_VERSION;
      if (newer)
        log(
          `The settings were written by a newer PixVerse Tray (format ${version}); they will not be changed.`,
        );
      for (let v = version; v < SETTINGS_VERSION; v++) stored = MIGRATIONS[v]?.(stored) ?? stored;
      const { settings, reset } = readSettings(stored, defaultSettings(downloadsDir));
      if (reset.length > 0) log(`Invalid settings were reset to their defaults: ${reset.join(', ')}`);
      if (!newer && (reset.length > 0 || version !== SETTINGS_VERSION)) write(settings);
      return settings;
    },
    write,
  };
}
