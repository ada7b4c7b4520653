import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import path from 'node:path';
// api-base-url, not api-client: commands that only read the jobs database do not load axios.
import { DEFAULT_BASE_URL, parseBaseUrl } from '../core/api/api-base-url.js';
import { expandHome } from '../core/files/home-path.js';
import { UsageError } from './args.js';

export interface CliEnvironment {
  token: string | undefined;
  baseUrl: string;
  home: string;
  /** How long a claim on a download holds unrenewed (PIXVERSE_TRAY_DOWNLOAD_LEASE_MS; tests shorten it). */
  downloadLeaseMs?: number;
}

/** The OS folder for per-user configuration, as Electron's appData uses it. */
export function defaultHome(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'pixverse-tray');
  if (platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'pixverse-tray');
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'pixverse-tray');
}

export function readEnvironment(env: NodeJS.ProcessEnv): CliEnvironment {
  const baseUrl = env.USEAPI_BASE_URL?.trim() || DEFAULT_BASE_URL;
  try {
    parseBaseUrl(baseUrl);
  } catch (error) {
    throw new UsageError(`USEAPI_BASE_URL: ${(error as Error).message}`);
  }
  const token = env.USEAPI_TOKEN?.trim() || undefined;
  const configuredHome = env.PIXVERSE_TRAY_HOME?.trim();
  // `~` there is the user's home, as in --out: a literal `./~` folder is never meant.
  const home = configuredHome ? resolveFolder(configuredHome, 'PIXVERSE_TRAY_HOME') : defaultHome(env);
  return { token, baseUrl, home, downloadLeaseMs: leaseFrom(env.PIXVERSE_TRAY_DOWNLOAD_LEASE_MS) };
}

/** A lease of 0.3 s to one hour: shorter would expire between two renewals on a busy machine. */
function leaseFrom(text: string | undefined): number | undefined {
  if (!text?.trim()) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 300 || ms > 3_600_000)
    throw new UsageError('PIXVERSE_TRAY_DOWNLOAD_LEASE_MS: a whole number of milliseconds, 300 to 3600000.');
  return ms;
}

export function requireToken(environment: CliEnvironment): string {
  if (!environment.token) throw new UsageError('Set USEAPI_TOKEN to your useapi.net API token.');
  return environment.token;
}

const cliSettingsSchema = z.object({ downloadFolder: z.string().min(1).optional() }).loose();

/**
 * `--out`, else `downloadFolder` from settings.json in the home folder, else ~/Downloads/PixVerse Tray;
 * `~` expanded. Reads only: nothing is created here.
 */
export function downloadFolder(out: string | undefined, home: string): string {
  if (out) return resolveFolder(out, '--out');
  const file = path.join(home, 'settings.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return path.join(os.homedir(), 'Downloads', 'PixVerse Tray');
    // Its downloadFolder may be set: videos are not saved to a guessed folder instead.
    throw new UsageError(
      `${file} could not be read (${code ?? (error as Error).message}); fix it or pass --out.`,
    );
  }
  let parsed;
  try {
    parsed = cliSettingsSchema.safeParse(JSON.parse(text));
  } catch {
    throw new UsageError(`${file} is not valid JSON; fix it or pass --out.`);
  }
  if (!parsed.success)
    throw new UsageError(`${file}: downloadFolder must be a folder path; fix it or pass --out.`);
  const configured = parsed.data.downloadFolder;
  if (configured === undefined) return path.join(os.homedir(), 'Downloads', 'PixVerse Tray');
  return resolveFolder(configured, `downloadFolder in ${file}`);
}

function resolveFolder(raw: string, what: string): string {
  try {
    return path.resolve(expandHome(raw));
  } catch (error) {
    throw new UsageError(`${what}: ${(error as Error).message}`);
  }
}
