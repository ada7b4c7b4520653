import { describe, expect, it } from 'vitest';
import type { JobSourceCalls } from '../../../main/core/api/job-sources.js';
import type { JobSource } from '../../../main/core/jobs/job.js';
import { FakeApi } from '../../helpers/fake-api.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { harness } from '../../helpers/scheduler-harness.js';

/** An API whose own calls refuse: only the registry's calls for a source answer. */
class RegistryOnlyApi extends FakeApi {
  readonly asked: JobSource[] = [];
  override getJob(): never {
    throw new Error('the scheduler must ask the job’s source, not the API at large');
  }
  override source(source: JobSource): JobSourceCalls {
    this.asked.push(source);
    return {
      getJob: (id) => super.getJob(id),
      cancelJob: (id) => super.cancelJob(id),
      listExecuting: () => super.listExecuting(),
    };
  }
}

describe('job sources', () => {
  it('polls, refreshes and cancels a job through the calls of its source', async () => {
    const clock = new FakeClock();
    const api = new RegistryOnlyApi(clock);
    const h = harness({ clock, api });
    api.timed('a', clock.now() + 30_000);
    h.scheduler.start();
    expect(h.scheduler.track('a').source).toBe('v1');
    await clock.advance(1000);
    expect(await h.scheduler.cancel('a')).toMatchObject({ kind: 'ok' });
    await clock.advance(60_000);
    expect(h.store.get('a')).toMatchObject({ state: 'completed', job: { state: 'completed' } });
    const refreshed = h.scheduler.refresh('a');
    await clock.advance(1000);
    expect(await refreshed).toMatchObject({ source: 'v1', id: 'a', state: 'completed' });
    expect(new Set(api.asked)).toEqual(new Set(['v1']));
    expect(api.calls.filter((c) => c.kind === 'job').length).toBeGreaterThanOrEqual(3);
  });
});
