import { defaultSettings, readSettings, type Settings } from '../core/settings.js';

/** Where settings live: electron-store in the app, anything with get/set in tests. */
export interface SettingsBackend {
  get(): unknown;
  set(value: Settings): void;
}

export interface SettingsFile {
  read(): Settings;
  write(settings: Settings): void;
}

/** Settings validated field by field on load: a bad field falls back to its default and is logged. */
export function settingsFile(
  backend: SettingsBackend,
  downloadsDir: string,
  log: (m: string) => void,
): SettingsFile {
  return {
    read() {
      const { settings, reset } = readSettings(backend.get(), defaultSettings(downloadsDir));
      if (reset.length > 0) {
        log(`Invalid settings were reset to their defaults: ${reset.join(', ')}`);
        backend.set(settings);
      }
      return settings;
    },
    write: (settings) => backend.set(settings),
  };
}
