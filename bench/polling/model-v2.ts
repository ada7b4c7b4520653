import {
  V2_STATUS,
  V2_STATUS_NAME,
  type V2Phase,
  type V2VideoAnswer,
} from '../../main/core/simulator/v2-answer.js';
import type { ModelJob } from './model-job.js';

/** The v1 statuses of the model's ticks, as v2 phases. */
const PHASES: Record<string, V2Phase> = {
  created: 'queued',
  started: 'generating',
  progress: 'generating',
  completed: 'completed',
  failed: 'failed',
  moderated: 'moderated',
};

/**
 * The model job as PixVerse API v2 shows it: QUEUED (5) with the API's own guess of the wait in
 * `queue_data`, GENERATING (10) without any progress, then COMPLETED (1) with a url, or FAILED/
 * MODERATED. No `updated` time: v2 says nothing about when it last changed.
 */
export function v2Answer(job: ModelJob, now: number): V2VideoAnswer | undefined {
  const tick = job.tickAt(now);
  if (!tick) return undefined;
  const phase = PHASES[tick.status] ?? 'generating';
  const startAt = job.createdAt + job.plan.queueMs;
  const queueLeft = Math.max(0, startAt - tick.at);
  const answer: V2VideoAnswer = {
    video_id: job.plan.id,
    video_status: V2_STATUS[phase],
    video_status_name: V2_STATUS_NAME[phase],
    video_status_final: phase === 'completed' || phase === 'failed' || phase === 'moderated',
    account_id: 1,
    created_at: new Date(job.createdAt).toISOString(),
    prompt: `benchmark ${job.plan.id}`,
    negative_prompt: '',
    model: job.plan.model,
    quality: '540p',
    motion_mode: 'normal',
    seed: job.plan.seed,
    duration: 5,
    video_duration: 5,
    aspect_ratio: '16:9',
    style: '',
    first_frame: '',
    last_frame: '',
    output_width: 960,
    output_height: 540,
    img_id: 0,
    img_url: '',
    // The API's guess, off by up to 40 % either way.
    queue_data:
      phase === 'queued'
        ? {
            queue_time: Math.ceil((queueLeft / 1000) * job.plan.queueGuess),
            queue_count: Math.ceil(queueLeft / 20_000),
          }
        : { queue_time: 0, queue_count: 0 },
  };
  if (phase === 'completed') answer.url = `https://media.test/${job.plan.seed}.mp4`;
  if (phase === 'failed') answer.error = 'PixVerse could not generate this video';
  return answer;
}
