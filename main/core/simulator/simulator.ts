import { createHmac, randomBytes } from 'node:crypto';
import { scaledClock, systemClock, type Clock } from '../clock.js';
import { apiHandler } from './api-server.js';
import { cdnHandler } from './cdn-server.js';
import { FaultQueue, type CdnFault } from './faults.js';
import type { ApiRequestRecord, CdnRequestRecord } from './sim-host.js';
import { listen } from './http-util.js';
import { SimJob, type SimAttachment, type SimJobSpec } from './sim-job.js';
import { SimVideo, type SimVideoSpec } from './sim-video.js';
import { VideoBytes } from './video-bytes.js';

export interface SimulatorOptions {
  /** Shared with the engine in demos and benchmarks; default: real time scaled by `timeScale`. */
  clock?: Clock;
  timeScale?: number;
  token?: string;
  /** How long a CDN link works after it was handed out, virtual ms (Discord: about 24 h). */
  linkTtlMs?: number;
  /** How long a v2 `url` on the media host works, virtual ms (undocumented; default `linkTtlMs`). */
  mediaLinkTtlMs?: number;
  /** Keep a log of every request (tests); off for long benchmarks. */
  recordRequests?: boolean;
  /** The API's loopback port (`pixverse-tray simulate --port`); default: a free one. */
  apiPort?: number;
}

export type { ApiRequestRecord, CdnRequestRecord } from './sim-host.js';

/** A local stand-in for api.useapi.net and Discord's CDN, on two loopback ports. */
export class Simulator {
  readonly clock: Clock;
  readonly faults = new FaultQueue();
  readonly cdnFaults: CdnFault[] = [];
  readonly apiRequests: ApiRequestRecord[] = [];
  readonly cdnRequests: CdnRequestRecord[] = [];
  /** Counted even when the logs are off (benchmarks). */
  readonly counts = { api: 0, cdn: 0 };
  token: string;
  subscriptionActive = true;
  apiUrl = '';
  cdnUrl = '';
  readonly #jobs = new Map<string, SimJob>();
  readonly #videos = new Map<string, SimVideo>();
  /** v1 attachments and v2 media files, by the id in their CDN path. */
  readonly #attachments = new Map<string, MediaEntry>();
  /** Listed by `GET /v2/pixverse/scheduler/` after the running videos: image and music jobs, odd entries. */
  readonly schedulerExtras: Record<string, unknown>[] = [];
  /** Ids of every `DELETE /v2/pixverse/videos/{id}`, kept even when the logs are off: the app must never. */
  readonly videoDeletions: string[] = [];
  readonly #secret = randomBytes(16);
  readonly #linkTtlMs: number;
  readonly #mediaLinkTtlMs: number;
  readonly #record: boolean;
  #closers: (() => Promise<void>)[] = [];
  #serial = 0;

  private constructor(options: SimulatorOptions) {
    this.clock = options.clock ?? (options.timeScale ? scaledClock(options.timeScale) : systemClock);
    this.token = options.token ?? 'sim-token';
    this.#linkTtlMs = options.linkTtlMs ?? 24 * 60 * 60 * 1000;
    this.#mediaLinkTtlMs = options.mediaLinkTtlMs ?? this.#linkTtlMs;
    this.#record = options.recordRequests ?? true;
  }

  static async start(options: SimulatorOptions = {}): Promise<Simulator> {
    const sim = new Simulator(options);
    const api = await listen(apiHandler(sim), options.apiPort);
    const cdn = await listen(cdnHandler(sim));
    sim.apiUrl = api.url;
    sim.cdnUrl = cdn.url;
    sim.#closers = [api.close, cdn.close];
    return sim;
  }

  async close(): Promise<void> {
    await Promise.all(this.#closers.map((close) => close()));
  }

  addJob(spec: SimJobSpec = {}): SimJob {
    const serial = ++this.#serial;
    const jobid = spec.jobid ?? `user:1234-pixverse:sim-job:${serial}-${this.#secret.toString('hex', 0, 4)}`;
    const job = new SimJob(spec, jobid, this.clock.now(), serial);
    this.#jobs.set(jobid, job);
    for (const attachment of job.attachments)
      this.#attachments.set(attachment.id, {
        attachment,
        contentType: spec.contentType ?? 'video/mp4',
        version: 1,
      });
    return job;
  }

  /** A v2 video, as if started through the API (or on the website, `website: true`). */
  addVideo(spec: SimVideoSpec = {}): SimVideo {
    const video = new SimVideo(spec, this.clock.now(), ++this.#serial);
    this.#videos.set(video.id, video);
    const attachment = { id: video.mediaId, filename: null, video: video.media };
    this.#attachments.set(video.mediaId, { attachment, contentType: 'video/mp4', version: 1, owner: video });
    return video;
  }

  video(id: string): SimVideo | undefined {
    return this.#videos.get(id);
  }

  /** In the order they were added. */
  videos(): SimVideo[] {
    return [...this.#videos.values()];
  }

  /** What `DELETE /videos/{id}` does at PixVerse: the video and its file are gone for good. */
  removeVideo(id: string): void {
    const video = this.#videos.get(id);
    if (!video) return;
    this.#videos.delete(id);
    this.#attachments.delete(video.mediaId);
  }

  job(jobid: string): SimJob | undefined {
    return this.#jobs.get(jobid);
  }

  jobs(): SimJob[] {
    return [...this.#jobs.values()];
  }

  /** A v1 attachment or a v2 media file (`owner` says which video) by the id in its CDN path. */
  attachment(
    id: string,
  ): { video: VideoBytes; etag: string; contentType: string; owner?: SimVideo } | undefined {
    const entry = this.#attachments.get(id);
    if (!entry) return undefined;
    return {
      video: entry.video ?? entry.attachment.video,
      etag: `"${id}-v${entry.version}"`,
      contentType: entry.contentType,
      owner: entry.owner,
    };
  }

  /** The file behind an attachment is replaced by other bytes of the same size, with a new ETag. */
  replaceFile(attachmentId: string): VideoBytes | undefined {
    const entry = this.#attachments.get(attachmentId);
    if (!entry) return undefined;
    entry.version++;
    entry.video = new VideoBytes(
      `${entry.attachment.video.seed}@v${entry.version}`,
      entry.attachment.video.size,
    );
    return entry.video;
  }

  /** The file behind an attachment changes: its ETag does too, so If-Range no longer matches. */
  changeEtag(attachmentId: string): void {
    const entry = this.#attachments.get(attachmentId);
    if (entry) entry.version++;
  }

  /** Signs a CDN path the way Discord does (`ex`, `is`, `hm`), valid for the link TTL. */
  readonly signLink = (path: string): string => this.#sign(path, this.#linkTtlMs);

  /** A v2 `url` on the media host, valid for the media link TTL; a fresh one on every answer. */
  readonly signMediaLink = (path: string): string => this.#sign(path, this.#mediaLinkTtlMs);

  #sign(path: string, ttlMs: number): string {
    const issued = Math.floor(this.clock.now() / 1000);
    const expires = Math.floor((this.clock.now() + ttlMs) / 1000);
    const ex = expires.toString(16);
    const is = issued.toString(16);
    return `${this.cdnUrl}${path}?ex=${ex}&is=${is}&hm=${this.#mac(linkPath(path), ex, is)}&`;
  }

  verifyLink(url: URL): boolean {
    const ex = url.searchParams.get('ex') ?? '';
    const is = url.searchParams.get('is') ?? '';
    if (url.searchParams.get('hm') !== this.#mac(linkPath(url.pathname), ex, is)) return false;
    return Number.parseInt(ex, 16) * 1000 > this.clock.now();
  }

  recordApiRequest(record: ApiRequestRecord): void {
    this.counts.api++;
    if (this.#record) this.apiRequests.push(record);
  }

  recordCdnRequest(record: CdnRequestRecord): void {
    this.counts.cdn++;
    if (this.#record) this.cdnRequests.push(record);
  }

  #mac(path: string, ex: string, is: string): string {
    return createHmac('sha256', this.#secret).update(`${path}|${ex}|${is}`).digest('hex');
  }
}

interface MediaEntry {
  attachment: SimAttachment;
  contentType: string;
  version: number;
  /** The file after `replaceFile`. */
  video?: VideoBytes;
  /** The v2 video this file belongs to. */
  owner?: SimVideo;
}

/** The path a link's signature covers: Discord's proxy serves the same path; `%2F` is a slash. */
const linkPath = (path: string): string => path.replace(/^\/proxy/, '').replace(/%2F/gi, '/');
