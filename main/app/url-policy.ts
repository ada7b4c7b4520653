/** Hosts the app may open in the user's browser; anything else stays closed. */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'useapi.net',
  'www.useapi.net',
  'pixverse.ai',
  'app.pixverse.ai',
  'discord.com',
  'cdn.discordapp.com',
  'media.discordapp.net',
]);

/** Only https, an allow-listed host, the default port and no credentials. */
export function isAllowedExternalUrl(raw: unknown): boolean {
  // The URL parser forgives surrounding spaces and control characters; a link we open must not need forgiving.
  if (typeof raw !== 'string' || raw.length > 2048 || /[\s\p{Cc}]/u.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    !url.username &&
    !url.password &&
    url.port === '' &&
    EXTERNAL_HOSTS.has(url.hostname)
  );
}

/** The window may only ever show the app's own page. */
export function isAppPage(raw: string, appPageUrl: string): boolean {
  try {
    const url = new URL(raw);
    const own = new URL(appPageUrl);
    return url.protocol === own.protocol && url.host === own.host && url.pathname === own.pathname;
  } catch {
    return false;
  }
}
