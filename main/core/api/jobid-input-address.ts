import { V2_VIDEO_ID } from '../jobs/job-id.js';

/** An id found in an address, and how to name where it came from if it turns out invalid. */
export type Found = { ok: true; id: string; what: string; v2Only?: boolean } | { ok: false; reason: string };

const ENDPOINTS =
  'a useapi.net job endpoint (…/v1/pixverse/jobs/?jobid=…, …/v2/pixverse/videos/<video id>, ' +
  '…/v2/pixverse/scheduler/<video id>)';
const PIXVERSE_PAGE =
  'That pixverse.ai address holds only PixVerse’s own video number, and useapi.net needs the full ' +
  'video id: paste the "video_id" useapi.net answered (user:…-pixverse:…-video:…) instead.';

const V1_JOB_PATH = /\/v1\/pixverse\/jobs(?:\/cancel)?\/?$/;
const V2_VIDEO_PATH = /\/v2\/pixverse\/(?:videos|scheduler)\/([^/]+)\/?$/;
// An address ends at white space, a quote (`curl '…'`) or a shell line continuation.
const HTTP_URL = /https?:\/\/[^\s'"\\]+/gi;
const BARE_PIXVERSE = /(?:^|\s)((?:[a-z0-9-]+\.)*pixverse\.ai\/[^\s'"\\]*)/i;
const BARE_API_PATH = /\/v[12]\/pixverse\/[^\s'"\\]*/;
const SPACE_IN_URL = 'That URL has a space in it, and a jobid or video id has none: copy the URL again.';

export const looksLikeAddress = (text: string): boolean =>
  /^curl\s/i.test(text) ||
  /^https?:\/\//i.test(text) ||
  BARE_PIXVERSE.test(text) ||
  BARE_API_PATH.test(text) ||
  /[?&]jobid=/.test(text);

/** The id in a URL, a request line (`GET /v1/…`) or a curl command of a documented endpoint. */
export function idFromAddress(text: string): Found {
  if (/^curl\s/i.test(text)) return fromCurl(text);
  if (hasSpaceInUrl(text)) return { ok: false, reason: SPACE_IN_URL };
  const url = firstUrl(text);
  if (url) return fromUrl(url);
  // What is left: a bare query such as `?jobid=…`, as v1's documentation shows it.
  const query = text.slice(text.indexOf('?') + 1).split(/\s/)[0]!;
  const jobid = queryValue(query, 'jobid');
  if (jobid) return { ok: true, id: jobid, what: 'The jobid in that text is not valid' };
  return { ok: false, reason: `That is not the address of ${ENDPOINTS}.` };
}

/** The first of its URLs that is a documented endpoint: the headers of the line are never looked at. */
function fromCurl(text: string): Found {
  for (const hit of text.matchAll(HTTP_URL)) {
    if (quotedWithMore(text, hit.index, hit[0].length)) return { ok: false, reason: SPACE_IN_URL };
    const url = parsedUrl(hit[0]);
    if (!url) continue;
    const found = fromUrl(url);
    if (found.ok) return found;
  }
  return { ok: false, reason: `That curl command does not call ${ENDPOINTS}.` };
}

/** A URL that opens a quote the same quote does not close right after it: it went on past a space. */
function quotedWithMore(text: string, at: number, length: number): boolean {
  const quote = text[at - 1];
  if (quote !== "'" && quote !== '"') return false;
  const after = text[at + length];
  return after !== undefined && after !== quote && /\s/.test(after) && text.indexOf(quote, at) > at;
}

/** Text that is a URL (maybe quoted) with more words after it, inside its quotes or not. */
function hasSpaceInUrl(text: string): boolean {
  const found = /^(['"]?)(https?:\/\/[^\s'"\\]+)(.*)$/is.exec(text.trim());
  if (!found) return false;
  const [, quote, , rest] = found;
  return rest!.replace(quote ? new RegExp(`${quote}$`) : /$^/, '').trim() !== '';
}

function firstUrl(text: string): URL | undefined {
  const http = text.match(HTTP_URL)?.[0];
  if (http) return parsedUrl(http);
  const page = text.match(BARE_PIXVERSE)?.[1];
  if (page) return parsedUrl(`https://${page}`);
  const path = text.match(BARE_API_PATH)?.[0];
  return path ? parsedUrl(path, 'https://api.useapi.net') : undefined;
}

function fromUrl(url: URL): Found {
  if (/(?:^|\.)pixverse\.ai$/i.test(url.hostname)) return fromPixversePage(url);
  const v2 = url.pathname.match(V2_VIDEO_PATH)?.[1];
  if (v2) return { ok: true, id: decoded(v2), what: 'The video id in that URL', v2Only: true };
  if (V1_JOB_PATH.test(url.pathname)) {
    const jobid = queryValue(url.search.slice(1), 'jobid');
    if (jobid) return { ok: true, id: jobid, what: 'The jobid in that URL is not valid' };
    return { ok: false, reason: 'That useapi.net URL has no jobid parameter.' };
  }
  return {
    ok: false,
    reason: `That URL has no jobid parameter and no v2 video id: it is not ${ENDPOINTS}.`,
  };
}

/** pixverse.ai pages are tracked only when the full v2 id is somewhere in their path or query. */
function fromPixversePage(url: URL): Found {
  const pieces = [
    ...url.pathname.split('/'),
    ...url.search
      .slice(1)
      .split('&')
      .flatMap((pair) => pair.split('=')),
    ...url.hash.slice(1).split(/[&=/]/),
  ].map(decoded);
  const id = pieces.find((piece) => V2_VIDEO_ID.test(piece));
  return id
    ? { ok: true, id, what: 'The video id in that URL', v2Only: true }
    : { ok: false, reason: PIXVERSE_PAGE };
}

function parsedUrl(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** Percent-decoded without turning `+` into a space: a `+` in an account's email is a `+`. */
function queryValue(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    if (at > 0 && decoded(pair.slice(0, at)) === name) return decoded(pair.slice(at + 1)) || undefined;
  }
  return undefined;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
