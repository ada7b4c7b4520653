/** Misbehaviour the simulator can be told to show on its next matching requests. */
export type Fault =
  | { kind: 'status'; status: number; error?: string }
  | { kind: 'rate-limit'; retryAfter?: string; executingJobs?: boolean }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'not-a-job' }
  | { kind: 'delay'; ms: number };

/** v1 routes, then v2's: one video, the scheduler list, the videos list, DELETE scheduler/{id}. */
/** Misbehaviour of the CDN for download tests. */
export type CdnFault =
  | { kind: 'truncate'; afterBytes: number }
  | { kind: 'reset' }
  | { kind: 'ignore-range' }
  /** Serves the Range even when If-Range no longer matches (a cache that ignores If-Range). */
  | { kind: 'ignore-if-range' }
  | { kind: 'stall'; afterBytes: number }
  /** Sends 64 KiB every `delayMs`: a slow link, for watching progress. */
  | { kind: 'throttle'; delayMs: number }
  | { kind: 'status'; status: number }
  /** 200 with an error page (text/html) instead of the video, as a CDN that refuses may answer. */
  | { kind: 'html-page' }
  /** A slow link of `bytesPerSecond`, silent (not closed) after `stallAfterBytes` when given. */
  | { kind: 'slow'; bytesPerSecond: number; stallAfterBytes?: number }
  /** Payload stops after `afterBytes`, then chunk-extension or trailer bytes trickle in forever. */
  | { kind: 'dribble'; afterBytes: number; what: 'extension' | 'trailer'; everyMs: number };

export type Route = 'job' | 'list' | 'cancel' | 'v2-video' | 'v2-scheduler' | 'v2-videos' | 'v2-cancel';

export interface FaultRule {
  fault: Fault;
  remaining: number;
  route?: Route;
  jobid?: string;
}

export class FaultQueue {
  readonly #rules: FaultRule[] = [];

  add(fault: Fault, options: { count?: number; route?: Route; jobid?: string } = {}): void {
    this.#rules.push({ fault, remaining: options.count ?? 1, route: options.route, jobid: options.jobid });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The first rule matching this request, used up by one. */
  take(route: Route, jobid: string | undefined): Fault | undefined {
    const index = this.#rules.findIndex(
      (r) => (r.route === undefined || r.route === route) && (r.jobid === undefined || r.jobid === jobid),
    );
    if (index < 0) return undefined;
    const rule = this.#rules[index]!;
    if (--rule.remaining <= 0) this.#rules.splice(index, 1);
    return rule.fault;
  }
}
