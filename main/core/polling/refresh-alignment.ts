import type { RefreshWindow } from './poll-estimate.js';

/**
 * When to poll a job near its end, not before `floor`: never before the API can have changed since
 * its last change; with a steady cadence, polls `step` apart are placed so the last one falls just
 * after the window of the next refresh closes (`afterRefreshMs` later), so a change is seen within
 * one interval and nothing is read while it cannot have changed.
 */
export function alignToRefresh(
  window: RefreshWindow | undefined,
  floor: number,
  step: number,
  afterRefreshMs: number,
): number {
  if (!window) return floor;
  // Nothing can have changed before the shortest refresh after the last change.
  const from = Math.max(window.from, floor);
  if (!window.steady) return from;
  const end = window.to + afterRefreshMs;
  if (end <= from) return from;
  const aligned = end - Math.floor((end - from) / step) * step;
  // Inside the window already, a slower round trip must not cost a whole step: poll now.
  return floor > window.from && aligned - floor > step / 2 ? floor : aligned;
}
