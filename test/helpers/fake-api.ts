import type { PixverseApi } from '../../main/core/api/api-client.js';
import type { JobSourceCalls } from '../../main/core/api/job-sources.js';
import type { ApiOutcome } from '../../main/core/api/api-outcome.js';
import { fromV1Answer } from '../../main/core/api/v1/adapter.js';
import type { V1Answer } from '../../main/core/api/v1/schema.js';
import type { Job, JobSource } from '../../main/core/jobs/job.js';
import type { FakeClock } from './fake-clock.js';

type Responder<T> = (call: number, now: number) => ApiOutcome<T>;

/**
 * An in-memory PixverseApi: each job answers from a script of v1 answers, turned into Jobs by the
 * v1 adapter as the real client does; every call is recorded with its time.
 */
export class FakeApi implements PixverseApi {
  readonly host = 'fake.test';
  readonly calls: { kind: 'job' | 'list' | 'cancel'; jobid?: string; at: number }[] = [];
  readonly #jobs = new Map<string, Responder<V1Answer>>();
  #list: Responder<string[]> = () => ({ kind: 'ok', value: [] });
  /** When set, requests stay pending until `release()` is called. */
  hold = false;
  readonly #pending: (() => void)[] = [];

  constructor(private readonly clock: FakeClock) {}

  script(jobid: string, responder: Responder<V1Answer>): void {
    this.#jobs.set(jobid, responder);
  }

  /** A job that is `status` until `doneAt`, then `finalStatus`. */
  timed(jobid: string, doneAt: number, finalStatus = 'completed'): void {
    this.script(jobid, (_call, now) => ok({ jobid, status: now >= doneAt ? finalStatus : 'progress' }));
  }

  scriptList(responder: Responder<string[]>): void {
    this.#list = responder;
  }

  callsFor(jobid: string): number[] {
    return this.calls.filter((c) => c.kind === 'job' && c.jobid === jobid).map((c) => c.at);
  }

  get listCalls(): number[] {
    return this.calls.filter((c) => c.kind === 'list').map((c) => c.at);
  }

  source(_source: JobSource): JobSourceCalls {
    return this; // v1 is the only source so far
  }

  release(): void {
    for (const resolve of this.#pending.splice(0)) resolve();
  }

  async getJob(jobid: string): Promise<ApiOutcome<Job>> {
    const at = this.clock.now();
    this.calls.push({ kind: 'job', jobid, at });
    const count = this.callsFor(jobid).length;
    await this.#maybeHold();
    const responder = this.#jobs.get(jobid);
    if (!responder) return { kind: 'not-found', message: `unknown ${jobid}` };
    const outcome = responder(count, this.clock.now());
    return outcome.kind === 'ok' ? { kind: 'ok', value: fromV1Answer(outcome.value, jobid) } : outcome;
  }

  async listExecuting(): Promise<ApiOutcome<string[]>> {
    this.calls.push({ kind: 'list', at: this.clock.now() });
    await this.#maybeHold();
    return this.#list(this.listCalls.length, this.clock.now());
  }

  async cancelJob(jobid: string): Promise<ApiOutcome<{ jobid: string; status: 'cancelled' }>> {
    this.calls.push({ kind: 'cancel', jobid, at: this.clock.now() });
    return { kind: 'ok', value: { jobid, status: 'cancelled' } };
  }

  async #maybeHold(): Promise<void> {
    if (this.hold) await new Promise<void>((resolve) => this.#pending.push(resolve));
  }
}

export const ok = <T = V1Answer>(value: T): ApiOutcome<T> => ({ kind: 'ok', value });
export const transient = (message = 'boom'): ApiOutcome<never> => ({
  kind: 'transient',
  reason: 'server',
  message,
});
