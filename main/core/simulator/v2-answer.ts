/**
 * The shapes useapi.net PixVerse API v2 answers with, as the simulator writes them. The app reads v2
 * through its own schema in `api/v2/`; these types only keep the simulator's answers consistent.
 */

/** `video_status` numbers: 5, 10 and 1 are useapi's; 7 and 8 are PixVerse's own codes. */
export const V2_STATUS = { queued: 5, generating: 10, completed: 1, moderated: 7, failed: 8 } as const;
export type V2Phase = keyof typeof V2_STATUS;

export const V2_STATUS_NAME: Record<V2Phase, string> = {
  queued: 'QUEUED',
  generating: 'GENERATING',
  completed: 'COMPLETED',
  moderated: 'MODERATED',
  failed: 'FAILED',
};

export const isFinalPhase = (phase: V2Phase): boolean =>
  phase === 'completed' || phase === 'moderated' || phase === 'failed';

export interface V2VideoAnswer {
  video_id: string;
  video_status: number;
  video_status_name?: string;
  video_status_final?: boolean;
  account_id: number;
  created_at: string;
  prompt: string;
  negative_prompt: string;
  model: string;
  quality: string;
  motion_mode: string;
  seed: number;
  duration: number;
  video_duration: number;
  aspect_ratio: string;
  style: string;
  first_frame: string;
  last_frame: string;
  output_width: number;
  output_height: number;
  url?: string;
  img_id: number;
  img_url: string;
  queue_data: { queue_time: number; queue_count: number };
  error?: string;
  [extra: string]: unknown;
}

/** Older documentation versions name the scheduler's id `videoId` or `video_id`. */
export type SchedulerIdField = 'id' | 'videoId' | 'video_id';

export interface V2SchedulerEntry {
  type: 'video' | 'image' | 'music';
  /** ISO time the API started the job. */
  started: string;
  /** `mm:ss` since it started. */
  elapsed: string;
  replyUrl?: string;
  replyRef?: string;
  [idField: string]: string | undefined;
}
