import type { V1Status } from '../api/v1/schema.js';

export type Outcome = 'completed' | 'failed' | 'moderated' | 'cancelled';

export interface TimelineStep {
  /** Virtual ms since the job was created. */
  atMs: number;
  status: V1Status;
  progress?: number;
}

/** A small seeded PRNG (mulberry32): the same jobid always gets the same timeline. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let state = (h << 13) | (h >>> 19);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The job as the API would see it: useapi.net refreshes running jobs from Discord every 15–60 s,
 * so the status only changes at those ticks. The job ends at the first tick after `durationMs`.
 */
export function buildTimeline(
  seed: string,
  durationMs: number,
  updateEveryMs: readonly [number, number],
  outcome: Outcome,
): TimelineStep[] {
  const random = seededRandom(seed);
  const [min, max] = updateEveryMs;
  const nextTick = (t: number) => t + min + (max - min) * random();
  const steps: TimelineStep[] = [{ atMs: 0, status: 'created' }];
  let t = nextTick(0);
  steps.push({ atMs: t, status: 'started' });
  for (t = nextTick(t); t < durationMs; t = nextTick(t)) {
    steps.push({ atMs: t, status: 'progress', progress: Math.min(99, Math.floor((t / durationMs) * 100)) });
  }
  steps.push({ atMs: t, status: outcome, ...(outcome === 'completed' ? { progress: 100 } : {}) });
  return steps;
}

/** The step in force at `elapsedMs` (the last one at or before it). */
export function stepAt(steps: readonly TimelineStep[], elapsedMs: number): TimelineStep {
  let current = steps[0]!;
  for (const step of steps) {
    if (step.atMs > elapsedMs) break;
    current = step;
  }
  return current;
}
