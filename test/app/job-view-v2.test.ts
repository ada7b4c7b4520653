import { describe, expect, it } from 'vitest';
import { toJobView } from '../../main/app/job-view.js';
import type { Job } from '../../main/core/jobs/job.js';
import type { TrackedJob } from '../../main/core/store/job-store-schema.js';
import { jobViewSchema } from '../../main/ipc/contract.js';

const ID = 'user:1-pixverse:ann@example.com-video:42';
const tracked = (job: Partial<Job>, record: Partial<TrackedJob> = {}): TrackedJob => ({
  jobid: ID,
  addedAt: 0,
  source: 'v2',
  state: 'active',
  finishAnnounced: false,
  notified: [],
  job: { source: 'v2', id: ID, state: 'queued', results: [], ...job },
  ...record,
});

describe('the job view of a v2 job', () => {
  it('carries model, quality, length and queue place, and passes the contract', () => {
    const view = toJobView(
      tracked({ model: 'v5', quality: '1080p', durationSec: 8, queuePosition: 2, queueWaitSec: 90 }),
    );
    expect(view).toMatchObject({
      model: 'v5',
      quality: '1080p',
      durationSec: 8,
      queuePosition: 2,
      queueWaitSec: 90,
    });
    expect(jobViewSchema.parse(view)).toEqual(view);
  });

  it('bounds what the API wrote: long labels cut, impossible numbers left out, never a refused view', () => {
    const view = toJobView(
      tracked({
        model: 'm'.repeat(5000),
        durationSec: Number.POSITIVE_INFINITY,
        queuePosition: 1.5,
        queueWaitSec: -3,
      }),
    );
    expect(view.model).toHaveLength(80);
    expect(view.model!.endsWith('…')).toBe(true);
    expect([view.durationSec, view.queuePosition, view.queueWaitSec]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(() => jobViewSchema.parse(view)).not.toThrow();
  });

  it('says why a tracked job waits (its last error) only while it is tracked', () => {
    const waiting = 'Not available at useapi yet; still waiting.';
    expect(toJobView(tracked({}, { lastError: waiting })).notice).toBe(waiting);
    expect(
      toJobView(tracked({ state: 'not-found' }, { state: 'not-found', lastError: waiting })).notice,
    ).toBeUndefined();
  });
});
