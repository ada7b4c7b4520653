import fs from 'node:fs';
import {
  backupPath,
  moveAside,
  writeFileDurably,
  type DurableWriteOptions,
} from '../core/files/durable-file.js';
import { defaultSettings, readSettings, type Settings } from '../core/settings.js';

/** Where settings live: settings.json (settingsFileBackend) in the app, anything with get/set in tests. */
export interface SettingsBackend {
  get(): unknown;
  set(value: Settings): void;
  /** Why the stored settings must not be written over (a file there that could not be read), if so. */
  untouchable?(): string | undefined;
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
    const untouchable = backend.untouchable?.();
    if (untouchable) throw new Error(untouchable);
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
      const writable = !newer && !backend.untouchable?.();
      if (writable && (reset.length > 0 || version !== SETTINGS_VERSION)) write(settings);
      return settings;
    },
    write,
  };
}

/**
 * settings.json in the app's folder, written like the jobs file: verified, atomic, with the previous
 * good version kept as `settings.json.bak`. A damaged file is moved aside and the backup read instead.
 * A failed write throws, leaving the old file as it was, so the window can say the change was not saved.
 */
export function settingsFileBackend(
  filePath: string,
  log: (message: string) => void,
  write: Partial<DurableWriteOptions> = {},
  readText: (file: string) => string = (file) => fs.readFileSync(file, 'utf8'),
): SettingsBackend {
  // A file there that could not be read (no permission, locked by another program) may hold the
  // user's settings: this run uses its previous good copy or the defaults, and never replaces it.
  let unreadable: string | undefined;
  return {
    get() {
      unreadable = undefined;
      const main = readJsonObject(filePath, readText);
      if (main.ok) return main.value;
      const movedTo = main.damaged ? moveAside(filePath) : undefined;
      if (movedTo) log(`The settings could not be read (${main.reason}); the file was moved to ${movedTo}.`);
      else if (main.reason !== 'ENOENT' && main.reason !== 'ENOTDIR') {
        unreadable =
          `The settings file ${filePath} could not be read (${main.reason}), so changes are not saved. ` +
          'Fix its permissions (or close what holds it), then restart PixVerse Tray.';
        log(`The settings file ${filePath} could not be read (${main.reason}); it is left as it is.`);
      }
      const backup = readJsonObject(backupPath(filePath), readText);
      if (!backup.ok) return {};
      log(`The settings were restored from their previous good copy ${backupPath(filePath)}.`);
      return backup.value;
    },
    set(value) {
      writeFileDurably(filePath, `${JSON.stringify(value, undefined, '\t')}\n`, write);
    },
    untouchable: () => unreadable,
  };
}

/** `damaged`: read, but not a JSON object; anything else (missing, no permission) is left in place. */
type JsonReading = { ok: true; value: Stored } | { ok: false; damaged: boolean; reason: string };

function readJsonObject(filePath: string, readText: (file: string) => string): JsonReading {
  let text: string;
  try {
    text = readText(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, damaged: false, reason: code ?? (error as Error).message };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { ok: true, value: value as Stored };
    return { ok: false, damaged: true, reason: 'not a JSON object' };
  } catch (error) {
    return { ok: false, damaged: true, reason: `not valid JSON (${(error as Error).message})` };
  }
}
