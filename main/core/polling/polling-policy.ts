import { isOfficialApi } from '../api/api-base-url.js';
import { withDefaults } from '../with-defaults.js';

/** How often things are asked for. All durations in milliseconds. */
export interface PollingPolicy {
  /** Minimum time between a job's answer and its next poll. */
  intervalMs: number;
  /**
   * A job the executing list shows as running only refreshes its progress text: poll it rarely.
   * Default: 8 poll intervals (2 minutes at 15 s).
   */
  listedIntervalMs: number;
  /** The executing list is one request for the whole account; never asked for more often than this. */
  minListIntervalMs: number;
  /** Cap of the per-job error backoff. */
  maxBackoffMs: number;
  /** Jitter adds up to this fraction of a delay; it never shortens one. */
  jitterRatio: number;
  maxInFlight: number;
  requestsPerMinute: number;
}

export const OFFICIAL_MIN_INTERVAL_MS = 10_000;
/** A job polled less often than hourly is not being watched; larger values end in timer overflows. */
export const MAX_POLL_INTERVAL_MS = 3_600_000;
export const OVERLOAD_HOLD_MS = 180_000;
export const RATE_LIMIT_HOLD_MS = 15_000;

export const DEFAULT_POLICY: PollingPolicy = {
  intervalMs: 10_000,
  listedIntervalMs: 8 * 15_000,
  minListIntervalMs: 5_000,
  maxBackoffMs: 300_000,
  jitterRatio: 0.1,
  maxInFlight: 2,
  requestsPerMinute: 120,
};

/** Fills in defaults and refuses what the real API asks us not to do. */
export function resolvePolicy(partial: Partial<PollingPolicy>, baseUrl: string): PollingPolicy {
  const policy: PollingPolicy = withDefaults(DEFAULT_POLICY, partial);
  if (partial.listedIntervalMs === undefined) policy.listedIntervalMs = 8 * policy.intervalMs;
  if (!(policy.intervalMs > 0)) throw new Error('The poll interval must be a positive number of seconds.');
  if (!(policy.intervalMs <= MAX_POLL_INTERVAL_MS))
    throw new Error('The poll interval must be at most 1 hour (3600 s); use --interval 3600 or less.');
  if (policy.intervalMs < OFFICIAL_MIN_INTERVAL_MS && isOfficialApi(baseUrl)) {
    throw new Error(
      'useapi.net asks clients to wait at least 10 s between polls of a job; use --interval 10 or more.',
    );
  }
  if (!Number.isInteger(policy.maxInFlight) || policy.maxInFlight < 1) {
    throw new Error('At least 1 request must be allowed in flight.');
  }
  policy.listedIntervalMs = Math.max(policy.listedIntervalMs, policy.intervalMs);
  return policy;
}

export const withJitter = (ms: number, policy: PollingPolicy, random: () => number): number =>
  ms + ms * policy.jitterRatio * random();

/** Exponential backoff after `failures` consecutive errors, starting from the poll interval. */
export function errorBackoff(failures: number, policy: PollingPolicy, random: () => number): number {
  const base = Math.min(policy.maxBackoffMs, policy.intervalMs * 2 ** Math.max(0, failures - 1));
  return Math.min(policy.maxBackoffMs, withJitter(base, policy, random));
}

/**
 * The executing list replaces per-job polls of running jobs, so it may be asked for as often as
 * those polls together would have been, but never faster than the floor nor slower than the interval.
 */
export function listInterval(activeJobs: number, policy: PollingPolicy): number {
  const shared = policy.intervalMs / Math.max(1, activeJobs);
  return Math.min(policy.intervalMs, Math.max(policy.minListIntervalMs, shared));
}
