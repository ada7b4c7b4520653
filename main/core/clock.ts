/** Time as the engine sees it. Injected so tests drive fake time and benchmarks scale it. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export type TimerHandle = { readonly __timer: unique symbol } | object;

export const systemClock: Clock = {
  now: () => Date.now(),
  // Referenced timers: they are what keeps a watching CLI alive; stop() clears them.
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * A clock whose time runs `scale` times faster than real time, starting at `origin`.
 * The simulator and the engine share one in demos and benchmarks, so a 5-minute job takes 5 s.
 */
export function scaledClock(scale: number, origin = Date.now()): Clock {
  if (!(scale > 0)) throw new Error('The time scale must be a positive number.');
  const realStart = performance.now();
  return {
    now: () => origin + (performance.now() - realStart) * scale,
    setTimeout: (callback, ms) => setTimeout(callback, Math.max(0, ms / scale)),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}
