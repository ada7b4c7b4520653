/**
 * The rules for an id a user or the API hands us, without zod: the window checks pasted ids with
 * these too, and its bundle must not carry a schema library.
 */
import type { JobSource } from './job.js';

export type IdCheck = { ok: true; id: string } | { ok: false; reason: string };

export const MAX_JOB_ID_LENGTH = 512;

/** A useapi.net PixVerse v2 video id: `user:<digits>-pixverse:<account email>-video:<digits>`. */
export const V2_SHAPE = 'user:<digits>-pixverse:<email>-video:<digits>';
export const V2_VIDEO_ID = /^user:\d+-pixverse:[^\s/?#]+-video:\d+$/;

/** Trims, then checks: not empty, at most 512 characters, no spaces or control characters. */
export function checkJobId(raw: string): IdCheck {
  const id = raw.trim();
  if (id.length < 1) return { ok: false, reason: 'A jobid cannot be empty.' };
  if (id.length > MAX_JOB_ID_LENGTH) return { ok: false, reason: 'A jobid is at most 512 characters.' };
  if (!/^[^\s\p{Cc}]+$/u.test(id))
    return { ok: false, reason: 'A jobid has no spaces or control characters.' };
  return { ok: true, id };
}

/**
 * An id as typed or pasted by a user: besides what every id is, free of invisible format
 * characters (bidi overrides and isolates, zero-width marks) that would show one id as another.
 */
export function checkInputJobId(raw: string): IdCheck {
  const result = checkJobId(raw);
  if (!result.ok) return result;
  if (!/^\P{Cf}+$/u.test(result.id))
    return { ok: false, reason: 'A jobid has no spaces, control or invisible characters.' };
  if (V2_VIDEO_ID.test(result.id)) return result;
  // v1 ids name Discord channels; only v2 ids carry the account's email after `-pixverse:`.
  if (/-video:/.test(result.id) || /^user:\d+-pixverse:[^:]*@/.test(result.id))
    return { ok: false, reason: `It looks like a cut-off PixVerse v2 video id (${V2_SHAPE}).` };
  // What is left of JSON, a list, a shell line or a URL around an id: never part of one.
  if (/["'`\u201C\u201D\u2018\u2019()[\]{}<>\\,;|]/.test(result.id))
    return { ok: false, reason: 'A jobid has no quotes, brackets, commas or semicolons.' };
  if (/[/?#&=]/.test(result.id))
    return { ok: false, reason: 'A jobid has no /, ?, #, & or = (a URL must be a useapi.net job URL).' };
  return result;
}

/** The API an id belongs to, told by its shape: v2 video ids are unmistakable, everything else is v1. */
export const sourceOfId = (id: string): JobSource => (V2_VIDEO_ID.test(id) ? 'v2' : 'v1');
