// The API base URL, normalised once: every comparison (the official host's 10 s floor, where the
// token may go) uses the same form, so `API.useapi.net.` or `:443` cannot slip past one of them.

export const OFFICIAL_API_HOST = 'api.useapi.net';
export const DEFAULT_BASE_URL = 'https://api.useapi.net';

/**
 * Parses and normalises an API base URL: lower-case host without trailing dots, no default port.
 * Plain http is refused except for loopback, where the token never leaves the machine.
 */
export function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The API base URL "${raw}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The API base URL must use https (or http for a local simulator), not ${url.protocol}`);
  }
  if (url.username || url.password)
    throw new Error('The API base URL must not contain a user name or password.');
  // Its path is kept (a proxy serving the API under a prefix); a query or fragment has no place to go.
  if (url.search || url.hash) throw new Error('The API base URL must not contain a query or a fragment.');
  // `https://host//other.example` must not become a protocol-relative path to another host.
  url.pathname = url.pathname.replace(/\/{2,}/g, '/');
  const host = normalizeHost(url.hostname);
  if (host === '') throw new Error(`The API base URL "${raw}" has no host.`);
  if (!url.hostname.startsWith('[')) url.hostname = host;
  if (url.protocol === 'http:' && !isLoopbackHost(host)) {
    throw new Error(
      `The API base URL must use https: plain http would send the API token in clear to ${host}; ` +
        'http is only allowed for loopback (127.0.0.1, ::1, localhost).',
    );
  }
  return url;
}

/** A URL's hostname for comparisons: lower case, no trailing dots, IPv6 without brackets. */
export function normalizeHost(hostname: string): string {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return bare.toLowerCase().replace(/\.+$/, '');
}

export function isLoopbackHost(host: string): boolean {
  const h = normalizeHost(host);
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function isOfficialApi(baseUrl: string): boolean {
  return normalizeHost(parseBaseUrl(baseUrl).hostname) === OFFICIAL_API_HOST;
}
