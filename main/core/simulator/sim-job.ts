import { JOB_LIFESPAN_MS } from '../jobs/job.js';
import type { V1Answer } from '../api/v1/schema.js';
import { buildTimeline, stepAt, type Outcome, type TimelineStep } from './timeline.js';
import { VideoBytes } from './video-bytes.js';

export interface SimJobSpec {
  jobid?: string;
  verb?: string;
  prompt?: string;
  style?: string;
  aspect_ratio?: string;
  /** Virtual time from creation to the end of generation (default 5 minutes). */
  durationMs?: number;
  /** How often the API refreshes the job from Discord, virtual ms (default 15–60 s). */
  updateEveryMs?: readonly [number, number];
  outcome?: Outcome;
  /** A scripted timeline instead of the time-based one. */
  timeline?: TimelineStep[];
  /** Virtual creation time (default now); older than 31 days answers 410. */
  createdAt?: number;
  videoSize?: number;
  /** Server-side filename, hostile ones included (tests). `null` leaves it out. */
  filename?: string | null;
  /** The attachment's content type, in the job and from the CDN (default video/mp4; tests may lie). */
  contentType?: string;
  attachmentCount?: number;
  /** Extra fields merged into every answer (unknown fields, odd enum values). */
  extra?: Record<string, unknown>;
}

export interface SimAttachment {
  id: string;
  filename: string | null;
  video: VideoBytes;
}

const DISCORD_USER = '<@1122334455667788990>';

/** One simulated job: its timeline, its videos, and how it reads at a given moment. */
export class SimJob {
  readonly jobid: string;
  readonly createdAt: number;
  readonly steps: TimelineStep[];
  readonly attachments: SimAttachment[];
  readonly messageId: string;
  cancelledAt: number | undefined;

  constructor(
    readonly spec: SimJobSpec,
    jobid: string,
    now: number,
    serial: number,
  ) {
    this.jobid = jobid;
    this.createdAt = spec.createdAt ?? now;
    this.steps =
      spec.timeline ??
      buildTimeline(
        jobid,
        spec.durationMs ?? 300_000,
        spec.updateEveryMs ?? [15_000, 60_000],
        spec.outcome ?? 'completed',
      );
    this.messageId = String(1_150_000_000_000_000_000n + BigInt(serial) * 1000n);
    const count = spec.attachmentCount ?? 1;
    this.attachments = Array.from({ length: count }, (_, i) => ({
      id: String(BigInt(this.messageId) + BigInt(i + 1)),
      filename: spec.filename === undefined ? `${safeSlug(jobid)}-${i + 1}.mp4` : spec.filename,
      video: new VideoBytes(`${jobid}#${i}`, spec.videoSize ?? 256 * 1024),
    }));
  }

  isExpired(now: number): boolean {
    return now - this.createdAt > JOB_LIFESPAN_MS;
  }

  /** The step in force, with cancellation taking effect at once. */
  step(now: number): TimelineStep & { changedAt: number } {
    const elapsed = now - this.createdAt;
    const step = stepAt(this.steps, elapsed);
    const cancelled = this.cancelledAt !== undefined && this.cancelledAt <= now;
    if (cancelled && ['created', 'started', 'progress'].includes(step.status)) {
      return { atMs: this.cancelledAt! - this.createdAt, status: 'cancelled', changedAt: this.cancelledAt! };
    }
    return { ...step, changedAt: this.createdAt + step.atMs };
  }

  /** Virtual time the job reached a terminal state, if it has. */
  finishedAt(now: number): number | undefined {
    const step = this.step(now);
    return ['completed', 'failed', 'moderated', 'cancelled'].includes(step.status)
      ? step.changedAt
      : undefined;
  }

  /** The job as the API returns it at `now`; `link` signs attachment and preview URLs. */
  render(now: number, link: (path: string) => string): V1Answer {
    const step = this.step(now);
    const spec = this.spec;
    const prompt = spec.prompt ?? 'Sun breaking through clouds over the beautiful view of San Francisco';
    const style = spec.style ?? 'Realistic';
    const aspect = spec.aspect_ratio ?? '16:9';
    const params = `(prompt: ${prompt} style: ${style} aspect-ratio: ${aspect})`;
    const job: V1Answer = {
      jobid: this.jobid,
      verb: spec.verb ?? 'pixverse-create_single',
      status: step.status,
      created: iso(this.createdAt),
      updated: iso(step.changedAt),
      prompt,
    };
    // Only when the spec names them: the reference's example answer has neither field.
    if (spec.style) job.style = spec.style;
    if (spec.aspect_ratio) job.aspect_ratio = spec.aspect_ratio;
    if (step.status === 'completed') job.buttons = ['U1', 'U2', 'U3', 'U4', 'V1', 'V2', 'V3', 'V4', 'ReDo'];
    Object.assign(job, {
      discord: 'ABC…secured…xyz',
      server: '1100000000000000001',
      channel: '1100000000000000002',
      maxJobs: 10,
    });
    if (step.status !== 'created') job.messageId = this.messageId;
    job.content = `${DISCORD_USER} ${params} ${progressText(step)} Author: ${DISCORD_USER})`;
    if (step.status !== 'created')
      job.timestamp = discordTimestamp(this.createdAt + (this.steps[1]?.atMs ?? 0));
    if (step.status === 'started' || step.status === 'progress') {
      const preview = link(`/previews/${encodeURIComponent(this.jobid)}.png`);
      job.embeds = [
        {
          type: 'image',
          description: `Generating… ${step.progress ?? 0}%`,
          image: { url: preview, proxy_url: preview, width: 320, height: 180 },
        },
      ];
    }
    if (step.status === 'completed') job.attachments = this.attachments.map((a) => this.#attachment(a, link));
    if (step.status === 'failed') {
      job.error = 'PixVerse could not generate this video';
      job.errorDetails = 'The generation failed on the PixVerse side; try again with another seed.';
    }
    if (step.status === 'moderated') job.error = 'The prompt was rejected by PixVerse moderation';
    Object.assign(job, spec.extra ?? {});
    job.code = 200;
    return job;
  }

  #attachment(a: SimAttachment, link: (path: string) => string) {
    const name = a.filename ?? 'video.mp4';
    const path = `/attachments/1100000000000000002/${a.id}/${encodeURIComponent(name)}`;
    return {
      url: link(path),
      proxy_url: link(`/proxy${path}`),
      width: 768,
      height: 432,
      content_type: this.spec.contentType ?? 'video/mp4',
      id: a.id,
      ...(a.filename === null ? {} : { filename: a.filename }),
      size: a.video.size,
    };
  }
}

function progressText(step: TimelineStep): string {
  switch (step.status) {
    case 'created':
      return '(Waiting to start)';
    case 'started':
      return '(0%) (fast)';
    case 'progress':
      return `(${step.progress ?? 0}%) (fast)`;
    case 'moderated':
      return '(Moderated: the prompt was flagged)';
    default:
      return `(${step.status})`;
  }
}

const iso = (t: number) => new Date(t).toISOString();
const discordTimestamp = (t: number) => new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
const safeSlug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) || 'job';
