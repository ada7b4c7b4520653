/** Time as the engine sees it. Injected so tests drive fake time and benchmarks scale it. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** A time of this clock as the wall clock's, for clocks that run apart from it (scaled ones). */
  toWallTime?(t: number): number;
}

export type TimerHandle = { readonly __timer: unique symbol } | object;

/** Node turns any timer delay above this (about 24.8 days) into 1 ms, with a warning: a busy loop. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The one clamp every delay goes through before it reaches a timer. Delays come from outside
 * (Retry-After, flags, settings); an overflow would fire at once and spin. NaN waits the longest:
 * a bug that stalls is better than one that hammers the API.
 */
export function clampDelay(ms: number): number {
  if (Number.isNaN(ms)) return MAX_TIMER_MS;
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}

/**
 * The soonest something last done at `last` may be done again, `intervalMs` later: a `last` ahead
 * of `now` (a clock that went back, another process's clock) counts as now, so the wait is never
 * longer than one interval; never done, now.
 */
export function intervalAfter(last: number | undefined, now: number, intervalMs: number): number {
  return last === undefined ? now : Math.min(last, now) + intervalMs;
}

/** A duration as people say it: "45 s", "12 minutes", "1 hour", "11574 days". */
export function describeDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (s < 120) return `${s} s`;
  if (s < 3600) return plural(Math.round(s / 60), 'minute');
  if (s < 2 * 86_400) return plural(Math.round(s / 3600), 'hour');
  return plural(Math.floor(s / 86_400), 'day');
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Referenced timers: they are what keeps a watching CLI alive; stop() clears them.
  setTimeout: (callback, ms) => setTimeout(callback, clampDelay(ms)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * A clock whose time runs `scale` times faster than real time, starting at `origin`.
 * The simulator and the engine share one in demos and benchmarks, so a 5-minute job takes 5 s.
 */
export function scaledClock(scale: number, origin = Date.now()): Clock {
  if (!(scale > 0)) throw new Error('The time scale must be a positive number.');
  const realStart = performance.now();
  const wallStart = Date.now();
  return {
    now: () => origin + (performance.now() - realStart) * scale,
    setTimeout: (callback, ms) => setTimeout(callback, clampDelay(ms / scale)),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    // The wall has moved 1/scale as far since this clock read `origin`.
    toWallTime: (t) => wallStart + (t - origin) / scale,
  };
}
