import { createHmac, randomBytes } from 'node:crypto';
import { scaledClock, systemClock, type Clock } from '../clock.js';
import { apiHandler, type ApiRequestRecord } from './api-server.js';
import { cdnHandler, type CdnFault, type CdnRequestRecord } from './cdn-server.js';
import { FaultQueue } from './faults.js';
import { listen } from './http-util.js';
import { SimJob, type SimAttachment, type SimJobSpec } from './sim-job.js';
import { VideoBytes } from './video-bytes.js';

export interface SimulatorOptions {
  /** Shared with the engine in demos and benchmarks; default: real time scaled by `timeScale`. */
  clock?: Clock;
  timeScale?: number;
  token?: string;
  /** How long a CDN link works after it was handed out, virtual ms (Discord: about 24 h). */
  linkTtlMs?: number;
  /** Keep a log of every request (tests); off for long benchmarks. */
  recordRequests?: boolean;
  /** The API's loopback port (`pixverse-tray simulate --port`); default: a free one. */
  apiPort?: number;
}

export type { ApiRequestRecord } from './api-server.js';
export type { CdnRequestRecord } from './cdn-server.js';

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
  readonly #attachments = new Map<
    string,
    { job: SimJob; attachment: SimAttachment; version: number; video?: VideoBytes }
  >();
  readonly #secret = randomBytes(16);
  readonly #linkTtlMs: number;
  readonly #record: boolean;
  #closers: (() => Promise<void>)[] = [];
  #serial = 0;

  private constructor(options: SimulatorOptions) {
    this.clock = options.clock ?? (options.timeScale ? scaledClock(options.timeScale) : systemClock);
    this.token = options.token ?? 'sim-token';
    this.#linkTtlMs = options.linkTtlMs ?? 24 * 60 * 60 * 1000;
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
      this.#attachments.set(attachment.id, { job, attachment, version: 1 });
    return job;
  }

  job(jobid: string): SimJob | undefined {
    return this.#jobs.get(jobid);
  }

  jobs(): SimJob[] {
    return [...this.#jobs.values()];
  }

  attachment(id: string): { video: VideoBytes; etag: string; contentType: string } | undefined {
    const entry = this.#attachments.get(id);
    if (!entry) return undefined;
    return {
      video: entry.video ?? entry.attachment.video,
      etag: `"${id}-v${entry.version}"`,
      contentType: entry.job.spec.contentType ?? 'video/mp4',
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
  readonly signLink = (path: string): string => {
    const issued = Math.floor(this.clock.now() / 1000);
    const expires = Math.floor((this.clock.now() + this.#linkTtlMs) / 1000);
    const ex = expires.toString(16);
    const is = issued.toString(16);
    return `${this.cdnUrl}${path}?ex=${ex}&is=${is}&hm=${this.#mac(path.replace(/^\/proxy/, ''), ex, is)}&`;
  };

  verifyLink(url: URL): boolean {
    const ex = url.searchParams.get('ex') ?? '';
    const is = url.searchParams.get('is') ?? '';
    const path = url.pathname.replace(/^\/proxy/, '');
    if (url.searchParams.get('hm') !== this.#mac(path, ex, is)) return false;
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
