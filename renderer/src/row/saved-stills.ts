import type { JobView } from '../../../main/ipc/contract.js';
import { bridge } from '../bridge.js';

/** Stills kept as blob: URLs; the least recently asked is let go (its URL revoked) beyond this. */
const MAX_STILLS = 300;
const stills = new Map<string, Promise<string | undefined>>();

/** Names one saved video of a job: a new or re-saved file is a new still. */
export function savedStillKey(job: JobView): string | undefined {
  const saved = job.downloads.find((d) => d.state === 'saved');
  return saved && `${job.jobid}\n${saved.key}\n${saved.fileName ?? ''}\n${saved.bytes}`;
}

/**
 * The first frame of the job's saved video as a blob: URL, asked of the main process once (it makes
 * and caches the still); undefined when there is none (no saved file, or it gives no frame).
 */
export function savedStill(job: JobView, key: string): Promise<string | undefined> {
  let still = stills.get(key);
  if (still) stills.delete(key); // asked again: the most recently used
  still ??= Promise.resolve()
    .then(() => bridge().thumbnail(job.jobid))
    .then(
      (reply) => (reply.ok ? URL.createObjectURL(new Blob([reply.bytes], { type: reply.mime })) : undefined),
      () => undefined,
    );
  stills.set(key, still);
  for (const [oldKey, oldest] of stills) {
    if (stills.size <= MAX_STILLS) break;
    stills.delete(oldKey);
    void oldest.then((url) => url && URL.revokeObjectURL(url));
  }
  return still;
}
