import type { JobSource } from '../jobs/job.js';
import type { Simulator } from './simulator.js';

export interface DemoJob {
  jobid: string;
  source: JobSource;
  /** What the CLI's demo shows before it starts. */
  prompt: string;
}

/**
 * The demo's jobs, the same in the app and the CLI: v1 and v2 side by side, and the paths a user
 * meets (saved, failed, moderated; a v2 video queued behind others, one useapi does not know yet).
 * Durations are simulated time.
 */
export function addDemoJobs(sim: Simulator, options: { videoSize?: number } = {}): DemoJob[] {
  const { videoSize } = options;
  const v1 = [
    sim.addJob({ prompt: 'A red fox running through fresh snow at dawn', durationMs: 150_000, videoSize }),
    sim.addJob({
      prompt: 'Timelapse of a city skyline from day to night',
      style: 'Anime',
      durationMs: 240_000,
      videoSize,
    }),
    sim.addJob({
      prompt: 'A paper boat sailing down a rainy street',
      durationMs: 120_000,
      outcome: 'failed',
    }),
    sim.addJob({ prompt: 'A forbidden prompt', durationMs: 90_000, outcome: 'moderated' }),
  ];
  const v2 = [
    sim.addVideo({
      prompt: 'Paper lanterns rising over a river at night',
      model: 'v5',
      quality: '1080p',
      duration: 8,
      queuedMs: 60_000,
      queueAhead: 2,
      generatingMs: 150_000,
      earlyUrl: true,
      videoSize,
    }),
    sim.addVideo({
      prompt: 'A hummingbird hovering at a red flower, slow motion',
      model: 'v4.5',
      quality: '540p',
      queuedMs: 20_000,
      generatingMs: 100_000,
      notFoundForMs: 30_000,
      videoSize,
    }),
  ];
  return [
    ...v1.map((job) => ({ jobid: job.jobid, source: 'v1' as const, prompt: job.spec.prompt ?? '' })),
    ...v2.map((video) => ({ jobid: video.id, source: 'v2' as const, prompt: video.spec.prompt })),
  ];
}
