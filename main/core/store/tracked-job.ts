import type { TrackedJob } from './job-store-schema.js';

/** Makes `target` equal to `source` while keeping its identity: the scheduler and listeners hold it. */
export function replaceContents(target: TrackedJob, source: TrackedJob): void {
  for (const key of Object.keys(target))
    if (!Object.hasOwn(source, key)) delete target[key as keyof TrackedJob];
  Object.assign(target, source);
}
