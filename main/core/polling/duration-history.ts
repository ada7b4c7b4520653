import { createdAt, type Job } from '../jobs/job.js';
import type { JobStore } from '../store/job-store.js';
import type { TrackedJob } from '../store/job-store-schema.js';

/** How many of the latest finished jobs are read back: enough for quantiles, cheap at 50,000 jobs. */
const RECENT_FINISHED = 500;
/** Kept per source and model: old figures give way to new ones. */
const KEEP_PER_KIND = 200;
/** Below this many samples a quantile says little: the caller falls back to its own prior. */
export const MIN_SAMPLES = 5;

type KindFields = Pick<Job, 'source' | 'model' | 'style' | 'quality' | 'durationSec'>;

/**
 * Jobs of one source, model, quality and length take similar times: they are estimated together,
 * or by source and model alone while there are too few of that exact kind.
 */
export const kindsOf = (job: KindFields): [exact: string, broad: string] => {
  const broad = `${job.source}:${job.model ?? job.style ?? ''}`;
  return [`${broad}:${job.quality ?? ''}:${job.durationSec ?? ''}`, broad];
};

/**
 * How long this user's completed jobs took from creation to their final answer, per source and
 * model. Read from the jobs database itself (`created` and `finishedAt` of completed jobs), so it
 * survives restarts and is shared by the app and the CLI without a table of its own.
 */
export class DurationHistory {
  #byKind: Map<string, number[]> | undefined;

  constructor(private readonly store: Pick<JobStore, 'query'>) {}

  add(record: TrackedJob): void {
    const ms = durationOf(record);
    if (ms === undefined || !record.job) return;
    for (const kind of new Set(kindsOf(record.job))) {
      const list = this.#kinds().get(kind) ?? [];
      list.push(ms);
      if (list.length > KEEP_PER_KIND) list.shift();
      this.#kinds().set(kind, list);
    }
  }

  /** The q-quantile (0–1) of the durations of the first kind with enough samples, if any. */
  quantile(kinds: readonly string[], q: number): number | undefined {
    const list = kinds.map((kind) => this.#kinds().get(kind)).find((l) => l && l.length >= MIN_SAMPLES);
    if (!list) return undefined;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];
  }

  /** Read on first use: a scheduler that never needs it never queries. */
  #kinds(): Map<string, number[]> {
    if (this.#byKind) return this.#byKind;
    this.#byKind = new Map();
    const { rows } = this.store.query({ filter: 'finished', search: '', offset: 0, limit: RECENT_FINISHED });
    for (const record of rows.reverse()) this.add(record);
    return this.#byKind;
  }
}

function durationOf(record: TrackedJob): number | undefined {
  if (record.state !== 'completed' || record.finishedAt === undefined) return undefined;
  const created = createdAt(record.job);
  if (created === undefined) return undefined;
  const ms = record.finishedAt - created;
  return ms > 0 ? ms : undefined;
}
