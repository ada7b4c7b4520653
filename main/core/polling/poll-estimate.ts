import { createdAt, type Job } from '../jobs/job.js';
import { kindsOf, type DurationHistory } from './duration-history.js';
import type { ExpectedEnd } from './poll-timing.js';

/** useapi.net re-reads a job from upstream every 15–60 s: its answers change no faster. */
export const REFRESH_RANGE_MS: readonly [number, number] = [15_000, 60_000];
/** A job generating from 0 % takes at least this long. */
const SHORTEST_RUN_MS = 45_000;
/** A queued job is looked at about once a minute: it has all its generation ahead of it. */
const QUEUED_LOOK_MS = 60_000;
/** Progress below this says too little about the pace to estimate from it. */
const MIN_PROGRESS = 8;
/** The estimate from progress is widened by this share of the remaining time (more when early). */
const widening = (progress: number): number => (progress < 30 ? 0.55 : progress < 60 ? 0.4 : 0.3);

interface Sample {
  at: number;
  progress: number;
}

/** A window in which the API's next refresh of a job is expected. */
export interface RefreshWindow {
  from: number;
  to: number;
  /** From a steady cadence: the refresh falls inside; otherwise anywhere in the documented range. */
  steady: boolean;
}

/**
 * What a job's answers have told about it: its progress over the API's own times (`updated`), and
 * the cadence at which the API refreshes it. From that: the earliest time it may be final.
 *
 * The API's clock is not ours: its times are moved onto ours by the largest lead they showed over
 * the answers that carried them, and not used at all once they run faster than ours (a simulator
 * with scaled time). Every duration is in units of the poll interval, the official 10 s being 1:
 * a run against a simulator at 100× with a 0.1 s interval keeps the same shape.
 */
export class JobWatch {
  #kinds: readonly string[] = [];
  #created: number | undefined;
  #queued = true;
  /** The API's own estimate of the wait in its queue (`queueWaitSec`), in ms. */
  #queueWaitMs: number | undefined;
  #samples: Sample[] = [];
  /** When it left the queue and began generating, as closely as the answers bound it. */
  #started: { from: number; to: number } | undefined;
  /** The last change, on our clock. */
  #lastUpdated: number | undefined;
  #lastServerUpdated: number | undefined;
  #lastAnswerAt: number | undefined;
  /** How far the API's clock is ahead of ours, at least (the largest lead its times showed). */
  #lead = -Infinity;
  /** The last change seen right after an answer that still showed the one before: when it came, bounded. */
  #fresh: { server: number; after: number } | undefined;
  #serverTimeUsable = true;
  /**
   * Gaps between consecutive changes: only when the answer before still showed the previous change
   * less than the shortest refresh before the new one (no change can hide between).
   */
  #gaps: number[] = [];

  /** `scale`: the poll interval over the official 10 s. */
  constructor(private readonly scale = 1) {}

  #ms(ms: number): number {
    return ms * this.scale;
  }

  observe(job: Job, now: number): void {
    this.#kinds = kindsOf(job);
    const wasQueued = this.#queued;
    this.#queued = job.state === 'queued';
    this.#queueWaitMs = job.queueWaitSec === undefined ? undefined : job.queueWaitSec * 1000;
    const created = createdAt(job);
    const updated = Date.parse(job.updated ?? '');
    for (const serverTime of [created, updated])
      if (serverTime !== undefined && !Number.isNaN(serverTime))
        this.#lead = Math.max(this.#lead, serverTime - now);
    this.#created =
      created !== undefined && this.#serverTimeUsable ? this.#local(created) : (this.#created ?? now);
    if (!Number.isNaN(updated) && updated > (this.#lastServerUpdated ?? -Infinity))
      this.#changed(updated, now);
    if (!this.#queued && !this.#started)
      // It began generating between the last answer that showed it queued (or its creation) and now.
      this.#started = { from: wasQueued ? (this.#lastAnswerAt ?? this.#created) : this.#created, to: now };
    this.#lastAnswerAt = now;
    const last = this.#samples.at(-1);
    const at = this.#serverTimeUsable && this.#lastUpdated !== undefined ? this.#lastUpdated : now;
    if (job.progress !== undefined && !this.#queued && (!last || job.progress > last.progress))
      this.#samples.push({ at: Math.min(at, now), progress: job.progress });
  }

  #local(serverTime: number): number {
    return Number.isFinite(this.#lead) ? serverTime - Math.max(0, this.#lead) : serverTime;
  }

  #changed(updated: number, now: number): void {
    const previous = this.#lastServerUpdated;
    const previousAnswer = this.#lastAnswerAt;
    // A change seen fresh came after the answer before it: the API's time since then cannot
    // exceed ours, or its clock runs faster than ours.
    if (this.#fresh && updated - this.#fresh.server > now - this.#fresh.after + this.#ms(REFRESH_RANGE_MS[0]))
      this.#serverTimeUsable = false;
    if (previous !== undefined && previousAnswer !== undefined)
      this.#fresh = { server: updated, after: previousAnswer };
    this.#lastServerUpdated = updated;
    if (!this.#serverTimeUsable) {
      this.#lastUpdated = undefined;
      this.#gaps = [];
      return;
    }
    const local = Math.min(now, this.#local(updated));
    // The previous answer still showed the previous change: a change in between would have had
    // to come less than the shortest refresh before this one.
    const close = local - (previousAnswer ?? -Infinity) < this.#ms(REFRESH_RANGE_MS[0]);
    if (this.#lastUpdated !== undefined && close) this.#gaps.push(local - this.#lastUpdated);
    if (this.#gaps.length > 12) this.#gaps.shift();
    this.#lastUpdated = local;
  }

  /**
   * The earliest time this job may plausibly be final on the API. Without evidence that the end is
   * far (queued, barely started, the pace of its progress, how long this kind of job took before),
   * that is now: a job nothing is known about is polled at the interval.
   */
  earliestEnd(now: number, history: DurationHistory): number {
    const shortest = history.quantile(this.#kinds, 0.05);
    const byCreation =
      shortest === undefined || !this.#serverTimeUsable
        ? -Infinity
        : (this.#created ?? now) + 0.85 * shortest;
    // The generation takes at least what its kind's shortest took, however long it queued.
    const shortestRun = history.quantile(this.#kinds, 0.05, 'run');
    const started = this.#started?.from;
    const byRun =
      shortestRun === undefined || started === undefined ? -Infinity : started + 0.85 * shortestRun;
    const byHistory = Math.max(byCreation, byRun);
    if (this.#queued)
      return Math.max(byCreation, now + 2 * this.#ms(QUEUED_LOOK_MS), now + (this.#queueWaitMs ?? 0) / 2);
    const last = this.#samples.at(-1);
    // Generating but barely started: it still has most of the shortest run ahead of it.
    const barelyStarted =
      last && last.progress < MIN_PROGRESS
        ? last.at + this.#ms(SHORTEST_RUN_MS) * (1 - last.progress / 100)
        : -Infinity;
    return this.#byProgress() ?? Math.max(byHistory, barelyStarted);
  }

  /**
   * When the job is expected to end, for people ("about 3 minutes left"): the pace of its progress
   * unwidened, or else the median of what this user's jobs of its kind took. Undefined when
   * neither is known.
   */
  expectedEnd(now: number, history: DurationHistory): ExpectedEnd | undefined {
    const likely = this.#likelyEnd(now, history);
    if (likely === undefined) return undefined;
    const earliest = Math.max(now, Math.min(this.earliestEnd(now, history), likely));
    return { earliest, likely: Math.max(earliest, likely) };
  }

  #likelyEnd(now: number, history: DurationHistory): number | undefined {
    if (!this.#queued) {
      const pace = this.#pace();
      if (pace) return pace.last.at + (100 - pace.last.progress) / pace.rate;
    }
    // Generating: the typical generation of its kind, from when it began.
    const medianRun = history.quantile(this.#kinds, 0.5, 'run');
    if (!this.#queued && this.#started && medianRun !== undefined)
      return (this.#started.from + this.#started.to) / 2 + medianRun;
    const median = history.quantile(this.#kinds, 0.5);
    if (median === undefined || !this.#serverTimeUsable) return undefined;
    const byHistory = (this.#created ?? now) + median;
    return this.#queued ? Math.max(byHistory, now + (this.#queueWaitMs ?? 0)) : byHistory;
  }

  /**
   * How long it generated, once final at `finishedAt`: from the middle of its start's bounds, when
   * they are as close as a queued job's looks (a job first seen long after its creation says little).
   */
  runTime(finishedAt: number): number | undefined {
    const started = this.#started;
    if (!started || started.to - started.from > 2 * this.#ms(QUEUED_LOOK_MS)) return undefined;
    return finishedAt - (started.from + started.to) / 2;
  }

  /** Generating, and its answers never said how far along it is (v2, or v1 without `(NN%)`). */
  get generatingUnseen(): boolean {
    return !this.#queued && this.#samples.length === 0;
  }

  /** The last time the API's answer changed, when it says. */
  get lastUpdated(): number | undefined {
    return this.#lastUpdated;
  }

  /**
   * When the API will next refresh the job, as far as its `updated` times tell: a steady cadence
   * gives a window around the next tick (widened by how much the gaps varied); otherwise the
   * next tick is anywhere from the shortest gap seen to the documented longest.
   */
  nextRefresh(after: number): RefreshWindow | undefined {
    const last = this.lastUpdated;
    if (last === undefined) return undefined;
    const steady = steadyCadence(this.#gaps);
    if (!steady) {
      // Gaps between changes are no bound on the ticks: a tick that changed nothing left no trace.
      const window = {
        from: last + this.#ms(REFRESH_RANGE_MS[0]),
        to: last + this.#ms(REFRESH_RANGE_MS[1]),
        steady: false,
      };
      return window.to > after ? window : undefined;
    }
    // A tick that changed nothing leaves `updated` alone: the next change may be ticks later.
    for (let k = 1; k < 1000; k++) {
      const window = {
        from: last + k * steady.period * (1 - steady.spread),
        to: last + k * steady.period * (1 + steady.spread),
        steady: true,
      };
      if (window.to > after) return window;
    }
    return undefined;
  }

  /** From the pace of progress (the faster of the overall and the recent pace), widened. */
  #byProgress(): number | undefined {
    const last = this.#samples.at(-1);
    if (!last || last.progress < MIN_PROGRESS) return undefined;
    // Well under way at the first reading, and no pace yet: it may end any time.
    if (this.#samples.length < 2) return last.at;
    const pace = this.#pace();
    if (!pace) return undefined;
    const remaining = (100 - last.progress) / pace.rate;
    return last.at + remaining * (1 - widening(last.progress));
  }

  /** Progress per ms: the faster of the overall and the recent pace, once there is one. */
  #pace(): { last: Sample; rate: number } | undefined {
    const samples = this.#samples;
    const last = samples.at(-1);
    if (!last || last.progress < MIN_PROGRESS || samples.length < 2) return undefined;
    const first = samples[0]!;
    const recent = samples.findLast((s) => last.at - s.at >= this.#ms(REFRESH_RANGE_MS[1])) ?? first;
    const rate = Math.max(paceOf(first, last), paceOf(recent, last));
    return rate > 0 ? { last, rate } : undefined;
  }
}

const paceOf = (from: Sample, to: Sample): number =>
  to.at > from.at ? (to.progress - from.progress) / (to.at - from.at) : 0;

/**
 * A cadence, when the gaps between changes are steady: the shortest gap and the others close to
 * it (ticks that changed nothing make gaps of two or three periods; those are left out).
 */
function steadyCadence(gaps: number[]): { period: number; spread: number } | undefined {
  if (gaps.length < 3) return undefined;
  const shortest = Math.min(...gaps);
  const near = gaps.filter((g) => g <= shortest * 1.45).sort((a, b) => a - b);
  if (near.length < 3) return undefined;
  const period = near[Math.floor(near.length / 2)]!;
  const spread = Math.max(0.12, (near.at(-1)! - near[0]!) / (2 * period) + 0.05);
  // Every gap must be a whole number of periods, or the ticks are not steady after all.
  const fits = gaps.every((g) => {
    const k = Math.max(1, Math.round(g / period));
    return Math.abs(g - k * period) <= spread * k * period;
  });
  return fits ? { period, spread } : undefined;
}
