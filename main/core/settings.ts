import { z } from 'zod';
import { DEFAULT_BASE_URL } from './api/api-client.js';
import { isOfficialApi, parseBaseUrl } from './api/api-base-url.js';
import { expandHome } from './files/home-path.js';
import { withDefaults } from './with-defaults.js';
import type { DiscoveryOptions } from './polling/scheduler-options.js';

export const notifyKinds = ['completed', 'failed', 'moderated', 'credentials'] as const;
export type NotifyKind = (typeof notifyKinds)[number];

// The same check as the CLI's USEAPI_BASE_URL, with its message (plain http only for loopback…).
const baseUrl = z.string().superRefine((raw, ctx) => {
  try {
    parseBaseUrl(raw);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const fields = {
  downloadFolder: z.string().min(1, 'Choose a download folder.').max(4096).transform(expandHomeOrRefuse),
  autoDownload: z.boolean(),
  pollIntervalSec: z
    .number()
    .min(1, 'The poll interval is at least 1 second (10 seconds with useapi.net).')
    .max(3600, 'At most one hour.'),
  /** Track jobs started elsewhere at all; each source's discovery below applies only while it is on. */
  autoDiscovery: z.boolean(),
  /** From v1's executing list. */
  discoverV1: z.boolean(),
  /** From v2's scheduler (jobs started through useapi.net). */
  discoverV2Scheduler: z.boolean(),
  /** From v2's videos list, at most once a minute (jobs started on the pixverse.ai website). */
  discoverV2Videos: z.boolean(),
  notify: z.object({
    completed: z.boolean(),
    failed: z.boolean(),
    moderated: z.boolean(),
    credentials: z.boolean(),
  }),
  launchAtLogin: z.boolean(),
  apiBaseUrl: baseUrl,
  /** Linux without a keyring stores the token with a fixed key; only if the user accepted that. */
  acceptWeakTokenStorage: z.boolean(),
};

/** A hand-edited settings.json may say `~/Videos`: that is the home folder, never a literal `./~`. */
function expandHomeOrRefuse(raw: string, ctx: z.RefinementCtx): string {
  try {
    return expandHome(raw);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
}

export const settingsSchema = z
  .object(fields)
  .refine((s) => s.pollIntervalSec >= 10 || !isOfficialApi(s.apiBaseUrl), {
    path: ['pollIntervalSec'],
    message: 'useapi.net asks for at least 10 seconds between polls.',
  });
export type Settings = z.infer<typeof settingsSchema>;

/** What the renderer may send: any subset of the fields, each validated on its own. */
export const settingsPatchSchema = z.object(fields).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function defaultSettings(downloadFolder: string): Settings {
  return {
    downloadFolder,
    autoDownload: true,
    pollIntervalSec: 10,
    autoDiscovery: true,
    discoverV1: true,
    discoverV2Scheduler: true,
    discoverV2Videos: false,
    notify: { completed: true, failed: true, moderated: true, credentials: true },
    launchAtLogin: false,
    apiBaseUrl: DEFAULT_BASE_URL,
    acceptWeakTokenStorage: false,
  };
}

/** The scheduler's per-source discovery (its `discovery` option) from the settings. */
export const discoveryOf = (settings: Settings): DiscoveryOptions => ({
  v1: settings.discoverV1,
  v2Scheduler: settings.discoverV2Scheduler,
  v2Videos: settings.discoverV2Videos,
});

/** Reads stored settings field by field: a bad field falls back to its default and is reported. */
export function readSettings(stored: unknown, defaults: Settings): { settings: Settings; reset: string[] } {
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const settings = { ...defaults } as Record<string, unknown>;
  const reset: string[] = [];
  for (const [key, schema] of Object.entries(fields)) {
    if (!(key in source)) continue;
    const parsed = (schema as z.ZodType).safeParse(source[key]);
    if (parsed.success) settings[key] = parsed.data;
    else reset.push(key);
  }
  const whole = settingsSchema.safeParse(settings);
  if (whole.success) return { settings: whole.data, reset };
  return {
    settings: { ...(settings as Settings), pollIntervalSec: defaults.pollIntervalSec },
    reset: [...reset, 'pollIntervalSec'],
  };
}

/** A change of settings that was refused; `field` names the setting at fault, when one is. */
export class SettingsRefusal extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Applies a validated patch; throws a SettingsRefusal in words when the result is not valid. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const parsedPatch = settingsPatchSchema.safeParse(patch);
  if (!parsedPatch.success) throw refusalOf(parsedPatch.error);
  const next = settingsSchema.safeParse(withDefaults(current, parsedPatch.data));
  if (!next.success) throw refusalOf(next.error);
  return next.data;
}

function refusalOf(error: z.ZodError): SettingsRefusal {
  const issue = error.issues[0];
  if (!issue) return new SettingsRefusal('Invalid settings.');
  if (issue.code === 'unrecognized_keys')
    return new SettingsRefusal(`Unknown setting: ${issue.keys.join(', ')}.`);
  const field = issue.path[0];
  return new SettingsRefusal(issue.message, typeof field === 'string' ? field : undefined);
}
