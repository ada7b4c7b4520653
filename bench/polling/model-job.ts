import type { V1Answer } from '../../main/core/api/v1/schema.js';
import type { ServiceJob } from './model-api.js';
import { fromV1Answer } from '../../main/core/api/v1/adapter.js';
import type { Job } from '../../main/core/jobs/job.js';
import { fromV2Answer } from '../../main/core/api/v2/adapter.js';
import { videoSchema } from '../../main/core/api/v2/schema.js';
import { v2Answer } from './model-v2.js';

/** One job of a workload, drawn from the seed: what happens upstream, and how the API refreshes it. */
export interface JobPlan {
  id: string;
  /** The API it was created with: v1 shows progress and `updated`, v2 neither. */
  source: 'v1' | 'v2';
  /** How far the API's own queue-time guess (v2 `queue_data`) is from the truth: a factor. */
  queueGuess: number;
  /** v1 has no model field: the style stands for it (lengths differ by it). */
  model: string;
  /** Virtual ms from the workload's start to the job's creation. */
  submitAt: number;
  /** Time in PixVerse's queue before it starts generating. */
  queueMs: number;
  /** Generation time of a job that completes. */
  runMs: number;
  outcome: 'completed' | 'failed' | 'moderated';
  /** For a job that fails or is moderated: the fraction of `runMs` after which it stops. */
  stopsAt: number;
  /** Progress shape: shown progress is `fraction ** curve` (below 1: fast start, above: slow start). */
  curve: number;
  /** Seed for the job's own draws (progress edits, refresh ticks). */
  seed: number;
  /** The API refreshes this job from upstream every `periodMs` (±15 %), or at random 15–60 s gaps. */
  refresh: { periodMs: number; regular: boolean };
}

interface Tick {
  at: number;
  status: 'created' | 'started' | 'progress' | 'completed' | 'failed' | 'moderated';
  progress?: number;
  /** The API's `updated`: the last tick at which what it shows changed. */
  updated: number;
}

const MIN_REFRESH_MS = 15_000;
const MAX_REFRESH_MS = 60_000;

/**
 * A job as useapi.net shows it: the API re-reads the job from upstream (Discord) at refresh ticks
 * and answers from its last reading in between, so status, progress and `updated` change only at
 * ticks. Upstream, the progress message is edited at irregular moments, stalls, and jumps.
 */
export class ModelJob implements ServiceJob {
  readonly ticks: Tick[] = [];
  readonly createdAt: number;
  /** When the final state is first visible on the API: latency is counted from here. */
  readonly finalAt: number;

  constructor(
    readonly plan: JobPlan,
    origin: number,
  ) {
    const random = mulberry32(plan.seed);
    this.createdAt = origin + plan.submitAt;
    const startAt = this.createdAt + plan.queueMs;
    const stopAt = startAt + plan.runMs * (plan.outcome === 'completed' ? 1 : plan.stopsAt);
    const edits = progressEdits(plan, startAt, stopAt, random);
    let at = this.createdAt;
    let last: Tick | undefined;
    for (;;) {
      const shown = upstreamAt(at, startAt, stopAt, plan.outcome, edits);
      const changed = !last || last.status !== shown.status || last.progress !== shown.progress;
      last = { at, ...shown, updated: changed || !last ? at : last.updated };
      this.ticks.push(last);
      if (at >= stopAt) break;
      at += nextGap(plan.refresh, random);
    }
    this.finalAt = last.at;
  }

  get id(): string {
    return this.plan.id;
  }

  /** The API's reading in force at `now`. */
  tickAt(now: number): Tick | undefined {
    let lo = 0;
    let hi = this.ticks.length - 1;
    if (hi < 0 || this.ticks[0]!.at > now) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.ticks[mid]!.at <= now) lo = mid;
      else hi = mid - 1;
    }
    return this.ticks[lo];
  }

  isExecuting(now: number): boolean {
    const tick = this.tickAt(now);
    return tick !== undefined && ['created', 'started', 'progress'].includes(tick.status);
  }

  job(now: number): Job | undefined {
    if (this.plan.source === 'v2') {
      const answer = v2Answer(this, now);
      // Through the v2 schema and adapter, as the client reads useapi's answers.
      return answer && fromV2Answer(videoSchema.parse(answer), this.id);
    }
    const answer = this.answer(now);
    return answer && fromV1Answer(answer, this.id);
  }

  /** The v1 answer at `now`, shaped like useapi.net's (content carries `(NN%)`). */
  answer(now: number): V1Answer | undefined {
    const tick = this.tickAt(now);
    if (!tick) return undefined;
    const answer: V1Answer = {
      jobid: this.plan.id,
      verb: 'pixverse-create',
      status: tick.status,
      created: new Date(this.createdAt).toISOString(),
      updated: new Date(tick.updated).toISOString(),
      prompt: `benchmark ${this.plan.id}`,
      style: this.plan.model,
      content: `<@1> (prompt: benchmark style: ${this.plan.model}) ${progressText(tick)} Author: <@1>)`,
      maxJobs: 10,
      code: 200,
    };
    if (tick.status === 'completed')
      answer.attachments = [{ id: '1', url: 'https://cdn.test/v.mp4', filename: 'v.mp4', size: 1 }];
    if (tick.status === 'failed') answer.error = 'PixVerse could not generate this video';
    if (tick.status === 'moderated') answer.error = 'The prompt was rejected by PixVerse moderation';
    return answer;
  }
}

function progressText(tick: Tick): string {
  if (tick.status === 'created') return '(Waiting to start)';
  if (tick.status === 'started' || tick.status === 'progress') return `(${tick.progress ?? 0}%) (fast)`;
  return `(${tick.status})`;
}

interface Edit {
  at: number;
  progress: number;
}

/** Upstream edits of the progress message: 3–25 s apart, now and then a 30–150 s stall. */
function progressEdits(plan: JobPlan, startAt: number, stopAt: number, random: () => number): Edit[] {
  const edits: Edit[] = [{ at: startAt, progress: 0 }];
  for (let at = startAt; ;) {
    at += random() < 0.12 ? 30_000 + random() * 120_000 : 3_000 + random() * 22_000;
    if (at >= stopAt) break;
    const fraction = (at - startAt) / plan.runMs;
    edits.push({ at, progress: Math.min(99, Math.floor(100 * fraction ** plan.curve)) });
  }
  return edits;
}

function upstreamAt(
  at: number,
  startAt: number,
  stopAt: number,
  outcome: JobPlan['outcome'],
  edits: Edit[],
): Omit<Tick, 'at' | 'updated'> {
  if (at < startAt) return { status: 'created' };
  if (at >= stopAt)
    return outcome === 'completed' ? { status: 'completed', progress: 100 } : { status: outcome };
  let progress = 0;
  for (const edit of edits) if (edit.at <= at) progress = edit.progress;
  return { status: progress === 0 ? 'started' : 'progress', progress };
}

function nextGap(refresh: JobPlan['refresh'], random: () => number): number {
  const gap = refresh.regular
    ? refresh.periodMs * (0.85 + 0.3 * random())
    : MIN_REFRESH_MS + (MAX_REFRESH_MS - MIN_REFRESH_MS) * random();
  return Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, gap));
}

/** A small seeded PRNG: the same seed always draws the same numbers. */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
