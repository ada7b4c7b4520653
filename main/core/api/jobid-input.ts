import type { JobSource } from '../jobs/job.js';
import { checkInputJobId, sourceOfId, V2_VIDEO_ID } from '../jobs/job-id.js';
import { idFromAddress, looksLikeAddress, type Found } from './jobid-input-address.js';
import { JOBID_INPUT_HINT } from './jobid-input-hint.js';

export type JobidInput =
  | { ok: true; jobid: string; source: JobSource }
  /** `reason` tells a user what to paste instead; `problem` is only what is wrong (the CLI's usage says the rest). */
  | { ok: false; reason: string; problem: string };

const MAX_INPUT = 100_000;

/**
 * Finds the one job in what a user pasted, typed or clicked: a bare v1 jobid or v2 video id (also in
 * quotes), a URL of a documented useapi.net job endpoint or a pixverse.ai page carrying a full v2 id,
 * a curl line of such an endpoint, or a JSON answer. The API it belongs to is told by the id's shape.
 * Says why not otherwise; a reason never repeats the input, which may hold a token (`-H Authorization`).
 */
export function parseJobidInput(raw: unknown): JobidInput {
  if (typeof raw !== 'string') return refused(`That is not text.`);
  if (raw.length > MAX_INPUT) return refused(`That text is too long to hold a jobid.`);
  const text = unquoted(raw.trim());
  if (text === '') return refused(`There is nothing to add.`);
  if (text.startsWith('[')) return fromJsonArray(text);
  if (text.startsWith('{')) return fromJson(text);
  if (looksLikeAddress(text)) return checked(idFromAddress(text));
  return checked({ ok: true, id: percentDecoded(text), what: 'That does not look like a jobid' });
}

/** An id found in the input, held to the rules of a typed id; which API it belongs to, its shape says. */
function checked(found: Found): JobidInput {
  if (!found.ok) return refused(found.reason);
  const result = checkInputJobId(found.id);
  if (!result.ok) return refused(`${found.what}: ${continued(result.reason)}`);
  if (found.v2Only && !V2_VIDEO_ID.test(result.id))
    return refused(`${found.what}: it is not a PixVerse v2 video id (user:…-pixverse:…-video:…).`);
  return { ok: true, jobid: result.id, source: sourceOfId(result.id) };
}

/** A sentence going on after a colon: "That does not look like a jobid: a jobid has no spaces…". */
const continued = (sentence: string): string => sentence.charAt(0).toLowerCase() + sentence.slice(1);

function refused(reason: string): JobidInput {
  return { ok: false, reason: `${reason} ${JOBID_INPUT_HINT}`, problem: reason };
}

/** One pair of enclosing quotes, as copied from JSON, a shell line or a chat message. */
function unquoted(text: string): string {
  const pairs = ['""', "''", '``', '“”', '‘’'];
  const quoted = text.length >= 2 && pairs.includes(`${text[0]}${text[text.length - 1]}`);
  return quoted ? text.slice(1, -1).trim() : text;
}

function percentDecoded(text: string): string {
  if (!/%[0-9a-f]{2}/i.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A list of jobs (v1's executing list, v2's scheduler or videos) is taken only when it holds exactly one. */
function fromJsonArray(text: string): JobidInput {
  const parsed = parseJson(text);
  if (!parsed.ok || !Array.isArray(parsed.value))
    return refused(`That looks like a JSON list but cannot be read.`);
  return fromList(parsed.value);
}

function fromList(list: unknown[]): JobidInput {
  if (list.length !== 1) return refused(`That list holds ${list.length} entries: add one job at a time.`);
  const [entry] = list;
  if (typeof entry === 'string') return checked({ ok: true, id: entry, what: 'The entry of that list' });
  if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) return fromAnswer(entry);
  return refused(`The entry of that list is not a job.`);
}

function fromJson(text: string): JobidInput {
  const parsed = parseJson(text);
  if (!parsed.ok) return refused(`That looks like JSON but cannot be read.`);
  return fromAnswer(parsed.value as object);
}

/**
 * v1 answers name the job `jobid`; v2 videos `video_id`; v2 scheduler entries `id` (older documentation:
 * `videoId`). The v2 names must hold a v2 id: a scheduler entry of an image or music job is no video.
 */
function fromAnswer(answer: object): JobidInput {
  const fields = answer as Record<string, unknown>;
  if (typeof fields.jobid === 'string')
    return checked({ ok: true, id: fields.jobid, what: 'The "jobid" in that JSON is not valid' });
  for (const name of ['video_id', 'videoId', 'id']) {
    const value = fields[name];
    if (typeof value === 'string')
      return checked({ ok: true, id: value, what: `The "${name}" in that JSON`, v2Only: true });
  }
  // v2's videos list answers `{ "data": [videos] }`.
  if (Array.isArray(fields.data)) return fromList(fields.data);
  return refused(`That JSON has no "jobid" field (v1) or "video_id" field (v2).`);
}
