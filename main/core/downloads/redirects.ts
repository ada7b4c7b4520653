// The one redirect policy of downloads, whichever way the bytes travel (directly or through a proxy):
// a few hops, http(s) only, and https stays https.
import { HttpProtocolError } from './http-head.js';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 3;

/** Where a redirect from `from` to `location` leads, or an HttpProtocolError when it may not be followed. */
export function redirectTarget(from: URL, location: string): URL {
  const target = URL.canParse(location, from.href) ? new URL(location, from) : undefined;
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
    throw new HttpProtocolError(`The server redirected to a link that cannot be fetched: ${location}`);
  }
  if (from.protocol === 'https:' && target.protocol === 'http:') {
    throw new HttpProtocolError('The server redirected from https to plain http; refused.');
  }
  return target;
}
