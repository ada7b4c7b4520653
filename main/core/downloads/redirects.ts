// The one redirect policy of downloads, whichever way the bytes travel (directly or through a proxy):
// a few hops, http(s) only, and https stays https.
import { HttpProtocolError } from './http-head.js';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 3;

/** A redirect the policy does not follow: the link cannot give the video, however often it is tried. */
export class RedirectRefused extends HttpProtocolError {}

/** Where a redirect from `from` to `location` leads, or RedirectRefused when it may not be followed. */
export function redirectTarget(from: URL, location: string): URL {
  const target = URL.canParse(location, from.href) ? new URL(location, from) : undefined;
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
    throw new RedirectRefused(`it redirects to a link that cannot be fetched (${location.slice(0, 200)})`);
  }
  if (from.protocol === 'https:' && target.protocol === 'http:') {
    throw new RedirectRefused('it redirects from https to plain http');
  }
  return target;
}

/** Said of a link still redirecting after MAX_REDIRECTS hops. */
export const TOO_MANY_REDIRECTS = `it redirects more than ${MAX_REDIRECTS} times`;
