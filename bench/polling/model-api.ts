import type { PixverseApi } from '../../main/core/api/api-client.js';
import type { ApiOutcome } from '../../main/core/api/api-outcome.js';
import type { JobSourceCalls } from '../../main/core/api/job-sources.js';
import type { Job, JobSource } from '../../main/core/jobs/job.js';
import { mulberry32 } from './model-job.js';
import type { VirtualClock } from './virtual-clock.js';

/** A job the model API can answer for: the bench's own model, or the simulator's timeline. */
export interface ServiceJob {
  readonly id: string;
  readonly createdAt: number;
  /** When the API first shows the job final. */
  readonly finalAt: number;
  /** The job as the API answers at `now`, read through the app's adapter for its API. */
  job(now: number): Job | undefined;
  isExecuting(now: number): boolean;
}

/**
 * useapi.net in memory, on virtual time: each request takes a round trip of 150–600 ms, reads the
 * job at the moment it reaches the server, and goes through the real v1 adapter, as the client's
 * answers do. Every request is counted.
 */
export class ModelApi implements PixverseApi {
  readonly host = 'api.useapi.net';
  requests = 0;
  listRequests = 0;
  /** Requests per job, for looking into a result. */
  readonly jobRequests = new Map<string, number>();
  readonly pollTimes = new Map<string, number[]>();
  readonly #jobs = new Map<string, ServiceJob>();
  readonly #random: () => number;

  constructor(
    private readonly clock: VirtualClock,
    seed: number,
  ) {
    this.#random = mulberry32(seed);
  }

  add(job: ServiceJob): void {
    this.#jobs.set(job.id, job);
  }

  source(_source: JobSource): JobSourceCalls {
    return this;
  }

  async getJob(jobid: string): Promise<ApiOutcome<Job>> {
    this.jobRequests.set(jobid, (this.jobRequests.get(jobid) ?? 0) + 1);
    const answer = await this.#roundTrip((now) => {
      this.pollTimes.set(jobid, [...(this.pollTimes.get(jobid) ?? []), now]);
      return this.#visible(jobid, now)?.job(now);
    });
    if (!answer) return { kind: 'not-found', message: `${jobid} not found` };
    return { kind: 'ok', value: answer };
  }

  async listExecuting(): Promise<ApiOutcome<string[]>> {
    this.listRequests++;
    const ids = await this.#roundTrip((now) =>
      [...this.#jobs.values()].filter((job) => job.isExecuting(now)).map((job) => job.id),
    );
    return { kind: 'ok', value: ids };
  }

  async cancelJob(jobid: string): Promise<ApiOutcome<{ jobid: string; status: 'cancelled' }>> {
    return { kind: 'ok', value: { jobid, status: 'cancelled' } };
  }

  #visible(jobid: string, now: number): ServiceJob | undefined {
    const job = this.#jobs.get(jobid);
    return job && job.createdAt <= now ? job : undefined;
  }

  async #roundTrip<T>(read: (now: number) => T): Promise<T> {
    this.requests++;
    const rtt = 150 + 450 * this.#random();
    await this.clock.sleep(rtt / 2);
    const value = read(this.clock.now());
    await this.clock.sleep(rtt / 2);
    return value;
  }
}
