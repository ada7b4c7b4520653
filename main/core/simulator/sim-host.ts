import type { Clock } from '../clock.js';
import type { CdnFault, FaultQueue } from './faults.js';
import type { SimJob } from './sim-job.js';
import type { SimVideo } from './sim-video.js';
import type { VideoBytes } from './video-bytes.js';

/**
 * What the simulator's HTTP handlers read and record of the simulator. They get these narrow views,
 * not the class: the simulator imports the handlers, and nothing in `main/` imports in a circle.
 */

export interface ApiRequestRecord {
  route: string;
  /** The v1 jobid or the v2 video id the request names. */
  jobid: string | undefined;
  method: string;
  authorized: boolean;
  at: number;
}

export interface CdnRequestRecord {
  path: string;
  range: string | undefined;
  ifRange: string | undefined;
  authorization: string | undefined;
  at: number;
}

/** The account side both API versions share. */
export interface ApiHost {
  readonly token: string;
  readonly subscriptionActive: boolean;
  readonly clock: Clock;
  readonly faults: FaultQueue;
  recordApiRequest(record: ApiRequestRecord): void;
}

export interface ApiV1Host extends ApiHost {
  jobs(): SimJob[];
  job(jobid: string): SimJob | undefined;
  signLink(path: string): string;
}

export interface ApiV2Host extends ApiHost {
  readonly schedulerExtras: Record<string, unknown>[];
  readonly videoDeletions: string[];
  video(id: string): SimVideo | undefined;
  videos(): SimVideo[];
  removeVideo(id: string): void;
  signMediaLink(path: string): string;
}

/** A file the CDN (v1) or the media host (v2) serves. */
export interface ServedFile {
  video: VideoBytes;
  etag: string;
  contentType: string;
  /** The v2 video the file belongs to. */
  owner?: SimVideo;
}

export interface CdnHost {
  readonly clock: Clock;
  readonly cdnFaults: CdnFault[];
  verifyLink(url: URL): boolean;
  attachment(id: string): ServedFile | undefined;
  recordCdnRequest(record: CdnRequestRecord): void;
}
