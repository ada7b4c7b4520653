import { intervalAfter } from '../clock.js';
import type { JobSource } from '../jobs/job.js';
import { JobWatch } from './poll-estimate.js';

/** What JobTiming keeps about one job: its estimate, its place in the lists, its last request. */
export interface JobTimes {
  /** Each source has its own executing list: a list says nothing about another source's jobs. */
  source: JobSource;
  failures: number;
  lastAnswerAt: number | undefined;
  /** The executing list shows it running: the list, not per-job polls, tells when it ends. */
  listed: boolean;
  /** A list has answered since it was added (listed or not). */
  listChecked: boolean;
  /** First fetch, or it just left the list: goes before routine refreshes. */
  urgent: boolean;
  watch: JobWatch;
  /** The earliest time it may be final, from its last answer. */
  earliestEnd: number;
  /** When its last request was sent: with the answer's arrival, the round trip. */
  sentAt: number;
  /**
   * When the last answer to it arrived, good or not (before a restart: its last recorded check). The
   * next request waits the interval after it: counted from the answer, the host sees at least the
   * interval between two requests whatever their transit times.
   */
  lastResponseAt: number | undefined;
  /** The last request's round trip: polls placed back to back are this much more than the interval apart. */
  roundTripMs: number;
}

/** A job just added: nothing answered yet (before a restart: when it was last checked). */
export function newJobTimes(
  o: { source: JobSource; urgent: boolean; lastCheckedAt: number | undefined; roundTripMs: number },
  scale: number,
): JobTimes {
  return {
    source: o.source,
    failures: 0,
    lastAnswerAt: undefined,
    listed: false,
    listChecked: false,
    urgent: o.urgent,
    watch: new JobWatch(scale),
    earliestEnd: -Infinity,
    sentAt: 0,
    lastResponseAt: o.lastCheckedAt,
    roundTripMs: o.roundTripMs,
  };
}

/**
 * The soonest a job may be asked for again: the interval after the last answer to it, never in the
 * future (the system clock may have gone back since a restart); at once when nothing answered yet.
 */
export const floorOf = (job: JobTimes, now: number, intervalMs: number): number =>
  intervalAfter(job.lastResponseAt, now, intervalMs);
