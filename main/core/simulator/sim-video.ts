import { withDefaults } from '../with-defaults.js';
import {
  V2_STATUS,
  V2_STATUS_NAME,
  isFinalPhase,
  type SchedulerIdField,
  type V2Phase,
  type V2SchedulerEntry,
  type V2VideoAnswer,
} from './v2-answer.js';
import { VideoBytes } from './video-bytes.js';

export type VideoOutcome = 'completed' | 'failed' | 'moderated';

export interface SimVideoSpec {
  /** A fixed id instead of a generated `user:<n>-pixverse:<email>-video:<n>`. */
  videoId?: string;
  /** The PixVerse account's email (default `sim@example.com`) and useapi user number. */
  email?: string;
  user?: string;
  prompt?: string;
  model?: string;
  quality?: string;
  /** Seconds of video. */
  duration?: number;
  aspect_ratio?: string;
  outcome?: VideoOutcome;
  /** Virtual ms spent QUEUED, then GENERATING (defaults 60 s and 4 minutes). */
  queuedMs?: number;
  generatingMs?: number;
  /** How many jobs are ahead in the queue at creation: `queue_data.queue_count` counts down from it. */
  queueAhead?: number;
  /** Started on the pixverse.ai website: in the videos list, never in the scheduler. */
  website?: boolean;
  /** GET of this video answers 404 (and the videos list leaves it out) for this long after creation. */
  notFoundForMs?: number;
  /** A `url` is already in the answer while the video is GENERATING. */
  earlyUrl?: boolean;
  /** Only `video_status`, no `video_status_name`/`video_status_final`. */
  numericOnly?: boolean;
  /** useapi's status table documents QUEUED as `video_status_final: true`; default false. */
  queuedFinal?: boolean;
  /** useapi's status table also documents 9 as GENERATING; default 10. */
  generatingStatus?: 9 | 10;
  schedulerIdField?: SchedulerIdField;
  replyUrl?: string;
  replyRef?: string;
  /** Virtual creation time (default now). */
  createdAt?: number;
  videoSize?: number;
  /** What the media host answers for an expired link (default 403). */
  expiredLinkStatus?: 403 | 404 | 410;
  /** Extra fields merged into every answer (unknown fields, odd values). */
  extra?: Record<string, unknown>;
}

const DEFAULTS = {
  email: 'sim@example.com',
  user: '1234',
  prompt: 'A lighthouse on a cliff at dawn, waves rolling in, cinematic',
  model: 'v4.5',
  quality: '540p',
  duration: 5,
  aspect_ratio: '16:9',
  outcome: 'completed' as VideoOutcome,
  queuedMs: 60_000,
  generatingMs: 240_000,
  queueAhead: 3,
  website: false,
  notFoundForMs: 0,
  earlyUrl: false,
  numericOnly: false,
  queuedFinal: false,
  generatingStatus: 10 as 9 | 10,
  schedulerIdField: 'id' as SchedulerIdField,
  videoSize: 256 * 1024,
  expiredLinkStatus: 403 as 403 | 404 | 410,
};

export type ResolvedVideoSpec = typeof DEFAULTS & SimVideoSpec;

/** Signs a media path on the simulator's media host (a stand-in for media.pixverse.ai). */
export type MediaLink = (path: string) => string;

/** One simulated v2 video: QUEUED, then GENERATING, then its outcome, by virtual time. */
export class SimVideo {
  readonly id: string;
  readonly spec: ResolvedVideoSpec;
  readonly createdAt: number;
  /** The media host's key for this video's file. */
  readonly mediaId: string;
  readonly media: VideoBytes;
  readonly seed: number;
  /** When `DELETE /scheduler/{id}` stopped useapi tracking it; the generation goes on. */
  releasedAt: number | undefined;

  constructor(spec: SimVideoSpec, now: number, serial: number) {
    this.spec = withDefaults(DEFAULTS, spec);
    const number = 370_000_000 + serial * 37;
    this.id = spec.videoId ?? `user:${this.spec.user}-pixverse:${this.spec.email}-video:${number}`;
    this.createdAt = spec.createdAt ?? now;
    this.mediaId = String(910_000_000_000 + serial);
    this.seed = (serial * 2_654_435_761) % 2_147_483_647;
    this.media = new VideoBytes(this.id, this.spec.videoSize);
  }

  get email(): string {
    return this.spec.email;
  }

  phase(now: number): V2Phase {
    const elapsed = now - this.createdAt;
    if (elapsed < this.spec.queuedMs) return 'queued';
    if (elapsed < this.spec.queuedMs + this.spec.generatingMs) return 'generating';
    return this.spec.outcome;
  }

  /** Virtual time the video reached its outcome. */
  get finishesAt(): number {
    return this.createdAt + this.spec.queuedMs + this.spec.generatingMs;
  }

  /** Inside the window where GET of this video answers 404. */
  isHidden(now: number): boolean {
    return now - this.createdAt < this.spec.notFoundForMs;
  }

  /** The file exists on the media host only once the video is complete. */
  isFileReady(now: number): boolean {
    return this.phase(now) === 'completed';
  }

  /** Listed by GET /scheduler/: started through the API, not final, not released. */
  isScheduled(now: number): boolean {
    if (this.spec.website || isFinalPhase(this.phase(now))) return false;
    return this.releasedAt === undefined || this.releasedAt > now;
  }

  mediaPath(): string {
    return `/pixverse%2Fmp4%2Fmedia%2Fweb%2Fori%2F${this.mediaId}_seed${this.seed}.mp4`;
  }

  framePath(which: 'first' | 'last'): string {
    return `/pixverse%2Fjpg%2Fmedia%2Fweb%2Fori%2F${this.mediaId}_${which}.jpg`;
  }

  schedulerEntry(now: number): V2SchedulerEntry {
    const seconds = Math.max(0, Math.floor((now - this.createdAt) / 1000));
    const entry: V2SchedulerEntry = {
      [this.spec.schedulerIdField]: this.id,
      type: 'video',
      started: new Date(this.createdAt).toISOString(),
      elapsed: `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`,
    };
    if (this.spec.replyUrl !== undefined) entry.replyUrl = this.spec.replyUrl;
    if (this.spec.replyRef !== undefined) entry.replyRef = this.spec.replyRef;
    return entry;
  }

  /** The video as `GET /v2/pixverse/videos/{id}` and the videos list show it at `now`. */
  render(now: number, link: MediaLink): V2VideoAnswer {
    const phase = this.phase(now);
    const spec = this.spec;
    const completed = phase === 'completed';
    const [width, height] = completed ? outputSize(spec.quality, spec.aspect_ratio) : [0, 0];
    const answer: V2VideoAnswer = {
      video_id: this.id,
      video_status: phase === 'generating' ? spec.generatingStatus : V2_STATUS[phase],
      ...(spec.numericOnly
        ? {}
        : {
            video_status_name: V2_STATUS_NAME[phase],
            video_status_final: isFinalPhase(phase) || (phase === 'queued' && spec.queuedFinal),
          }),
      account_id: 33_445_566,
      created_at: new Date(this.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      prompt: spec.prompt,
      negative_prompt: '',
      model: spec.model,
      quality: spec.quality,
      motion_mode: 'normal',
      seed: this.seed,
      duration: spec.duration,
      video_duration: spec.duration,
      aspect_ratio: spec.aspect_ratio,
      style: '',
      first_frame: completed ? link(this.framePath('first')) : '',
      last_frame: completed ? link(this.framePath('last')) : '',
      output_width: width,
      output_height: height,
      img_id: 0,
      img_url: '',
      queue_data: this.#queueData(now, phase),
    };
    if (completed || (phase === 'generating' && spec.earlyUrl)) answer.url = link(this.mediaPath());
    if (phase === 'failed') answer.error = 'Video generation failed, credits were refunded';
    return Object.assign(answer, spec.extra ?? {});
  }

  #queueData(now: number, phase: V2Phase): V2VideoAnswer['queue_data'] {
    if (phase !== 'queued') return { queue_time: 0, queue_count: 0 };
    const left = this.createdAt + this.spec.queuedMs - now;
    const share = left / this.spec.queuedMs;
    return {
      queue_time: Math.ceil(left / 1000),
      queue_count: Math.max(0, Math.floor(this.spec.queueAhead * share)),
    };
  }
}

const HEIGHTS: Record<string, number> = { '360p': 360, '540p': 540, '720p': 720, '1080p': 1080 };

/** Pixel size for a quality and aspect ratio: the quality names the short side. */
function outputSize(quality: string, aspect: string): [number, number] {
  const short = HEIGHTS[quality] ?? 540;
  const [w, h] = aspect.split(':').map(Number);
  const ratio = w && h ? w / h : 16 / 9;
  const long = 2 * Math.round((short * Math.max(ratio, 1 / ratio)) / 2);
  return ratio >= 1 ? [long, short] : [short, long];
}

const pad = (n: number) => String(n).padStart(2, '0');
