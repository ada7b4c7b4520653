import { checkInputJobId } from '../jobs/job-id.js';

export type JobidInput = { ok: true; jobid: string } | { ok: false; reason: string };

const HINT = 'Paste a jobid, a URL with ?jobid=, or a JSON response from useapi.net.';
const MAX_INPUT = 100_000;

/**
 * Finds the jobid in what a user pasted or copied: a bare jobid, a URL with `?jobid=`, or a JSON
 * response (`{"jobid": …}`). Says why not when there is none.
 */
export function parseJobidInput(raw: unknown): JobidInput {
  if (typeof raw !== 'string') return { ok: false, reason: `That is not text. ${HINT}` };
  const text = raw.trim();
  if (text === '') return { ok: false, reason: `There is nothing to add. ${HINT}` };
  if (text.length > MAX_INPUT) return { ok: false, reason: `That text is too long to hold a jobid. ${HINT}` };
  if (text.startsWith('{')) return fromJson(text);
  if (/^https?:\/\//i.test(text) || /[?&]jobid=/.test(text)) return fromUrl(text);
  return checked(text, 'That does not look like a jobid');
}

function fromJson(text: string): JobidInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: `That looks like JSON but cannot be read. ${HINT}` };
  }
  const jobid =
    typeof value === 'object' && value !== null ? (value as { jobid?: unknown }).jobid : undefined;
  if (typeof jobid !== 'string') return { ok: false, reason: `That JSON has no "jobid" field. ${HINT}` };
  return checked(jobid, 'The "jobid" in that JSON is not valid');
}

function fromUrl(text: string): JobidInput {
  let jobid: string | null = null;
  try {
    jobid = new URL(text).searchParams.get('jobid');
  } catch {
    jobid = new URLSearchParams(text.slice(text.indexOf('?') + 1)).get('jobid');
  }
  if (!jobid) return { ok: false, reason: `That URL has no jobid parameter. ${HINT}` };
  return checked(jobid, 'The jobid in that URL is not valid');
}

function checked(candidate: string, what: string): JobidInput {
  const result = checkInputJobId(candidate);
  if (result.ok) return { ok: true, jobid: result.id };
  return { ok: false, reason: `${what}: ${result.reason} ${HINT}` };
}
