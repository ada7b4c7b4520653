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
  /**
   * Generation times (start to end) of the jobs this process saw leave the queue: a long wait in
   * the queue says nothing about how long the generation takes. Kept in memory only (the database
   * has no start time); until there are enough, the times from creation stand in.
   */
  readonly #runs = new Map<string, number[]>();

  constructor(private readonly store: Pick<JobStore, 'query'>) {}

  /** A completed job's time from creation to its end, and its generation time (`runMs`) when known. */
  add(record: TrackedJob, runMs?: number): void {
    const ms = durationOf(record);
    if (ms === undefined || !record.job) return;
    for (const kind of new Set(kindsOf(record.job))) {
      keep(this.#kinds(), kind, ms);
      if (runMs !== undefined && runMs > 0) keep(this.#runs, kind, runMs);
    }
  }

  /** The q-quantile (0–1) of the durations of the first kind with enough samples, if any. */
  quantile(kinds: readonly string[], q: number, of: 'total' | 'run' = 'total'): number | undefined {
    const list = this.#list(kinds, of);
    if (!list) return undefined;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))];
  }

  #list(kinds: readonly string[], of: 'total' | 'run'): number[] | undefined {
    const byKind = of === 'run' ? this.#runs : this.#kinds();
    return kinds.map((kind) => byKind.get(kind)).find((l) => l && l.length >= MIN_SAMPLES);
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

function keep(byKind: Map<string, number[]>, kind: string, ms: number): void {
  const list = byKind.get(kind) ?? [];
  list.push(ms);
  if (list.length > KEEP_PER_KIND) list.shift();
  byKind.set(kind, list);
}

function durationOf(record: TrackedJob): number | undefined {
  if (record.state !== 'completed' || record.finishedAt === undefined) return undefined;
  const created = createdAt(record.job);
  if (created === undefined) return undefined;
  const ms = record.finishedAt - created;
  return ms > 0 ? ms : undefined;
}
