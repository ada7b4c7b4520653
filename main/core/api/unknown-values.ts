import type { Job } from '../jobs/job.js';

/** Says once per value when the API sends something this version does not know. */
export class UnknownValueWarnings {
  readonly #warned = new Set<string>();

  constructor(
    private readonly warn: (message: string, job: { jobid: string; source: Job['source'] }) => void,
  ) {}

  check(job: Job): void {
    for (const what of job.unknown ?? []) {
      if (this.#warned.has(what)) continue;
      this.#warned.add(what);
      this.warn(`The API sent something this version does not know (${what}); it was kept as is.`, {
        jobid: job.id,
        source: job.source,
      });
    }
  }
}
