import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJobView } from '../../main/app/job-view.js';
import { boundedWords } from '../../main/core/bounded-text.js';
import { scaledClock } from '../../main/core/clock.js';
import type { Job } from '../../main/core/jobs/job.js';
import type { TrackedJob } from '../../main/core/store/job-store-schema.js';
import { jobViewSchema } from '../../main/ipc/contract.js';
import { tempDir } from '../helpers/temp.js';

const tracked = (job: Partial<Job>, record: Partial<TrackedJob> = {}): TrackedJob => ({
  jobid: 'job-1',
  addedAt: 0,
  source: 'v1',
  state: 'active',
  finishAnnounced: false,
  notified: [],
  job: { source: 'v1', id: 'job-1', state: 'running', results: [], ...job },
  ...record,
});

describe('the job view of states', () => {
  it("carries a failed job's errorDetails, and API text without Discord mention ids", () => {
    const view = toJobView(
      tracked(
        {
          state: 'failed',
          error: { message: '<@123> PixVerse failed <@!456>', details: 'Try <@&7> another seed' },
        },
        { state: 'failed' },
      ),
    );
    expect(view).toMatchObject({ error: 'PixVerse failed', errorDetails: 'Try another seed' });
    expect(jobViewSchema.parse(view)).toEqual(view);
  });

  it('gives a failing job its next try, but none while polling is paused (the banner says why)', () => {
    const job = tracked({}, { lastError: 'useapi.net answered 500: hiccup; will retry.', retryAt: 1_000 });
    expect(toJobView(job)).toMatchObject({
      notice: 'useapi.net answered 500: hiccup.',
      retryAt: expect.any(String),
    });
    // Polling on, but no next try known: the API's "will retry" stays the only word on it.
    const unknownRetry = tracked({}, { lastError: 'useapi.net answered 500: hiccup; will retry.' });
    expect(toJobView(unknownRetry, { paused: () => false })).toMatchObject({
      notice: 'useapi.net answered 500: hiccup; will retry.',
    });
    const paused = toJobView(job, { paused: () => true });
    expect(paused.retryAt).toBeUndefined();
    expect(paused.notice).toBe('useapi.net answered 500: hiccup.');
  });

  it('says a job never answered is not asked while polling is paused, rather than waiting for an answer', () => {
    const unanswered: TrackedJob = { ...tracked({}), job: undefined };
    expect(toJobView(unanswered, { paused: () => false }).notice).toBeUndefined();
    expect(toJobView(unanswered, { paused: () => true }).notice).toBe(
      'Not asked yet: polling is paused (see above).',
    );
  });

  it("carries the polling's expected end of an active job as endsAt, in wall time, and none once final", () => {
    const likely = Date.parse('2026-11-24T10:05:00.000Z');
    const expectedEnd = (jobid: string) => (jobid === 'job-1' ? { likely } : undefined);
    const active = toJobView(tracked({ progress: 40 }), { expectedEnd });
    expect(active.endsAt).toBe('2026-11-24T10:05:00.000Z');
    expect(jobViewSchema.parse(active)).toEqual(active);
    const shifted = toJobView(tracked({}), { expectedEnd, wallTime: (t) => t - 60_000 });
    expect(shifted.endsAt).toBe('2026-11-24T10:04:00.000Z');
    const done = toJobView(tracked({ state: 'completed' }, { state: 'completed' }), { expectedEnd });
    expect(done.endsAt).toBeUndefined();
    expect(toJobView(tracked({}), {}).endsAt).toBeUndefined();
  });

  it("says a failing poll's host without https's own port", () => {
    const view = toJobView(
      tracked({}, { lastError: 'No answer from api.useapi.net:443 within 30 s; will retry.' }),
    );
    expect(view.notice).toBe('No answer from api.useapi.net within 30 s; will retry.');
  });

  it('marks a saved download whose file is gone as missing, and only that one', () => {
    const folder = tempDir('view');
    const kept = path.join(folder, 'kept.mp4');
    fs.writeFileSync(kept, 'video');
    const view = toJobView(
      tracked(
        { state: 'completed' },
        {
          state: 'completed',
          downloads: {
            kept: { state: 'saved', bytes: 5, file: kept },
            gone: { state: 'saved', bytes: 5, file: path.join(folder, 'gone.mp4') },
            failed: { state: 'failed', bytes: 0, error: 'boom' },
          },
        },
      ),
    );
    expect(view.downloads.map((d) => [d.key, d.missing])).toEqual([
      ['kept', undefined],
      ['gone', true],
      ['failed', undefined],
    ]);
    expect(jobViewSchema.parse(view)).toEqual(view);
  });

  it('strips bidi overrides, isolates and marks from the file names it shows', () => {
    const file = '/videos/a\u202Egnp.exe\u2066\u200f.mp4';
    const view = toJobView(tracked({}, { downloads: { a: { state: 'saved', bytes: 1, file } } }));
    expect(view.downloads[0]!.fileName).toBe('agnp.exe.mp4');
  });

  it('cuts a long poll error between words, with an ellipsis', () => {
    const lastError = `useapi.net answered 500: ${'the server could not answer '.repeat(20)}`;
    const notice = toJobView(tracked({}, { lastError })).notice!;
    expect(notice.length).toBeLessThanOrEqual(300);
    expect(notice).toMatch(/ (the|server|could|not|answer)…$/);
    expect(boundedWords('alpha beta gamma delta', 20)).toBe('alpha beta gamma…');
    expect(boundedWords('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it("gives the demo's times as wall time, not its 30× faster clock's: never in the future", () => {
    const clock = scaledClock(30);
    const ahead = clock.now() + 10 * 60_000; // the simulator's "now" after 20 s of a 30× demo
    const view = toJobView(tracked({ created: new Date(ahead).toISOString() }), {
      wallTime: clock.toWallTime,
    });
    expect(Date.parse(view.created!)).toBeLessThanOrEqual(Date.now() + 20_000 + 1000);
    expect(Date.parse(view.created!)).toBeGreaterThan(Date.now() + 19_000);
    expect(toJobView(tracked({ created: 'not a date' }), { wallTime: clock.toWallTime }).created).toBe(
      'not a date',
    );
  });
});
