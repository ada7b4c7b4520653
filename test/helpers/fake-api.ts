import type { PixverseApi } from '../../main/core/api/api-client.js';
import type { JobSourceCalls } from '../../main/core/api/job-sources.js';
import type { ApiOutcome } from '../../main/core/api/api-outcome.js';
import { fromV1Answer } from '../../main/core/api/v1/adapter.js';
import type { V1Answer } from '../../main/core/api/v1/schema.js';
import { fromV2Answer } from '../../main/core/api/v2/adapter.js';
import type { V2Answer } from '../../main/core/api/v2/schema.js';
import type { Job, JobSource } from '../../main/core/jobs/job.js';
import type { FakeClock } from './fake-clock.js';

type Responder<T> = (call: number, now: number) => ApiOutcome<T>;
type CallKind = 'job' | 'list' | 'cancel' | 'v2-list' | 'v2-videos';

/**
 * An in-memory PixverseApi: each job answers from a script of v1 or v2 answers, turned into Jobs by
 * that version's adapter as the real client does; every call is recorded with its time.
 */
export class FakeApi implements PixverseApi {
  readonly host = 'fake.test';
  readonly calls: { kind: CallKind; jobid?: string; at: number }[] = [];
  readonly #jobs = new Map<string, Responder<V1Answer>>();
  readonly #videos = new Map<string, Responder<V2Answer>>();
  #list: Responder<string[]> = () => ({ kind: 'ok', value: [] });
  #v2List: Responder<string[]> = () => ({ kind: 'ok', value: [] });
  #v2Videos: Responder<V2Answer[]> = () => ({ kind: 'ok', value: [] });
  /** When set, requests stay pending until `release()` is called. */
  hold = false;
  /** Each answer arrives this long after its request (on the fake clock). */
  roundTripMs = 0;
  readonly #pending: (() => void)[] = [];
  readonly #v2: JobSourceCalls;

  constructor(private readonly clock: FakeClock) {
    this.#v2 = {
      getJob: (id) => this.getJob(id),
      cancelJob: (id) => this.cancelJob(id),
      listExecuting: () => this.#answerList('v2-list', this.#v2List),
      listRecent: async () => {
        const outcome = await this.#answerList('v2-videos', this.#v2Videos);
        if (outcome.kind !== 'ok') return outcome;
        const jobs = outcome.value.map((v) => fromV2Answer(v, String(v.video_id)));
        return { kind: 'ok', value: jobs };
      },
    };
  }

  script(jobid: string, responder: Responder<V1Answer>): void {
    this.#jobs.set(jobid, responder);
  }

  /** A v2 video answering from a script of v2 answers. */
  scriptV2(id: string, responder: Responder<V2Answer>): void {
    this.#videos.set(id, responder);
  }

  /** A job that is `status` until `doneAt`, then `finalStatus`. */
  timed(jobid: string, doneAt: number, finalStatus = 'completed'): void {
    this.script(jobid, (_call, now) => ok({ jobid, status: now >= doneAt ? finalStatus : 'progress' }));
  }

  scriptList(responder: Responder<string[]>): void {
    this.#list = responder;
  }

  /** v2's scheduler list. */
  scriptV2List(responder: Responder<string[]>): void {
    this.#v2List = responder;
  }

  /** v2's videos list (newest videos, website-started ones included). */
  scriptV2Videos(responder: Responder<V2Answer[]>): void {
    this.#v2Videos = responder;
  }

  callsFor(jobid: string): number[] {
    return this.calls.filter((c) => c.kind === 'job' && c.jobid === jobid).map((c) => c.at);
  }

  callsOf(kind: CallKind): number[] {
    return this.calls.filter((c) => c.kind === kind).map((c) => c.at);
  }

  get listCalls(): number[] {
    return this.callsOf('list');
  }

  source(source: JobSource): JobSourceCalls {
    return source === 'v2' ? this.#v2 : this;
  }

  release(): void {
    for (const resolve of this.#pending.splice(0)) resolve();
  }

  async getJob(jobid: string): Promise<ApiOutcome<Job>> {
    const at = this.clock.now();
    this.calls.push({ kind: 'job', jobid, at });
    const count = this.callsFor(jobid).length;
    await this.#maybeHold();
    const video = this.#videos.get(jobid);
    if (video) {
      const outcome = video(count, this.clock.now());
      return outcome.kind === 'ok' ? { kind: 'ok', value: fromV2Answer(outcome.value, jobid) } : outcome;
    }
    const responder = this.#jobs.get(jobid);
    if (!responder) return { kind: 'not-found', message: `unknown ${jobid}` };
    const outcome = responder(count, this.clock.now());
    return outcome.kind === 'ok' ? { kind: 'ok', value: fromV1Answer(outcome.value, jobid) } : outcome;
  }

  listExecuting(): Promise<ApiOutcome<string[]>> {
    return this.#answerList('list', this.#list);
  }

  async cancelJob(jobid: string): Promise<ApiOutcome<{ jobid: string; status: 'cancelled' }>> {
    this.calls.push({ kind: 'cancel', jobid, at: this.clock.now() });
    return { kind: 'ok', value: { jobid, status: 'cancelled' } };
  }

  async #answerList<T>(kind: CallKind, responder: Responder<T>): Promise<ApiOutcome<T>> {
    this.calls.push({ kind, at: this.clock.now() });
    await this.#maybeHold();
    return responder(this.callsOf(kind).length, this.clock.now());
  }

  async #maybeHold(): Promise<void> {
    if (this.roundTripMs > 0)
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.roundTripMs));
    if (this.hold) await new Promise<void>((resolve) => this.#pending.push(resolve));
  }
}

export const ok = <T = V1Answer>(value: T): ApiOutcome<T> => ({ kind: 'ok', value });
export const transient = (message = 'boom'): ApiOutcome<never> => ({
  kind: 'transient',
  reason: 'server',
  message,
});
