// The 10 s rule, whatever asks and whenever: never sooner than the interval after the previous
// answer for one job (split from poll-policy.test.ts, which keeps the policy's shape).
import { describe, expect, it } from 'vitest';
import { gaps, harness } from '../../helpers/scheduler-harness.js';
import { scriptJob } from '../../helpers/scripted-job.js';

const S = 1000;

describe('The polling interval: never sooner than the interval after the previous answer', () => {
  it('never polls one job sooner than the interval after its previous request', async () => {
    const h = harness({ random: () => 0.5 });
    const start = h.clock.now();
    for (const [i, id] of ['a', 'b', 'c'].entries())
      scriptJob(h, id, {
        createdAt: start,
        startAt: start + i * 40 * S,
        runMs: (90 + 70 * i) * S,
        tickMs: 15 * S,
      });
    h.scheduler.start();
    for (const id of ['a', 'b', 'c']) h.scheduler.track(id);
    await h.clock.advance(600 * S);
    for (const id of ['a', 'b', 'c']) {
      expect(h.api.callsFor(id).length).toBeGreaterThan(3);
      for (const gap of gaps(h.api.callsFor(id))) expect(gap).toBeGreaterThanOrEqual(10 * S);
    }
  });

  it('counts the interval from the answer, so the host sees at least the interval between two requests whatever their transit', async () => {
    const h = harness();
    h.api.roundTripMs = 3 * S;
    const start = h.clock.now();
    // No progress in the answers: the job may end at any moment, so it is polled every interval.
    h.api.timed('a', start + 200 * S);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(300 * S);
    const calls = h.api.callsFor('a');
    expect(calls.length).toBeGreaterThan(10);
    for (const gap of gaps(calls)) expect(gap).toBeGreaterThanOrEqual(13 * S);
  });

  it('fetches a cancelled job as soon as its interval allows, not at once', async () => {
    const h = harness();
    h.api.timed('a', Infinity);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(2 * S);
    expect(h.api.callsFor('a')).toHaveLength(1);
    expect((await h.scheduler.cancel('a')).kind).toBe('ok');
    await h.clock.advance(9 * S);
    const [first, second] = h.api.callsFor('a');
    expect(second).toBeDefined();
    expect(second! - first!).toBe(10 * S);
  });

  it('does not ask useapi to cancel a job that has already ended, and says so', async () => {
    const h = harness();
    h.api.timed('a', h.clock.now() + 1 * S);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(30 * S);
    expect(h.store.get('a')?.state).toBe('completed');
    const outcome = await h.scheduler.cancel('a');
    expect(outcome).toMatchObject({
      kind: 'bad-request',
      message: 'This job has already ended (completed): there is nothing to cancel.',
    });
    expect(h.api.callsOf('cancel')).toEqual([]);
  });

  it('keeps the interval across a restart: a job checked just before is not asked for again at once', async () => {
    const first = harness();
    first.api.timed('a', Infinity);
    first.scheduler.start();
    first.scheduler.track('a');
    await first.clock.advance(14 * S);
    const lastCheck = first.api.callsFor('a').at(-1)!;
    first.scheduler.stop();
    await first.clock.advance(3 * S);
    const again = harness({ storeDir: first.storeDir, clock: first.clock, api: first.api });
    again.scheduler.start();
    await again.clock.advance(30 * S);
    const after = first.api.callsFor('a').filter((t) => t > lastCheck);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]! - lastCheck).toBeGreaterThanOrEqual(10 * S);
  });

  it('keeps the interval when a job is removed and added again: it is not asked for again at once', async () => {
    const h = harness();
    h.api.timed('a', Infinity);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(3 * S);
    expect(h.scheduler.untrack('a')).toBe(true);
    h.scheduler.track('a');
    await h.clock.advance(20 * S);
    const [first, second] = h.api.callsFor('a');
    expect(second).toBeDefined();
    expect(second! - first!).toBeGreaterThanOrEqual(10 * S);
  });

  it('keeps the interval when another process removed the job (forget) and this one watches it again', async () => {
    const first = harness();
    first.api.timed('a', Infinity);
    first.scheduler.start();
    first.scheduler.track('a');
    await first.clock.advance(2 * S);
    first.scheduler.stop();
    const forget = harness({ storeDir: first.storeDir, clock: first.clock, api: first.api });
    expect(forget.scheduler.untrack('a')).toBe(true);
    const again = harness({ storeDir: first.storeDir, clock: first.clock, api: first.api });
    again.scheduler.start();
    again.scheduler.track('a');
    await again.clock.advance(20 * S);
    const [asked, askedAgain] = first.api.callsFor('a');
    expect(askedAgain).toBeDefined();
    expect(askedAgain! - asked!).toBeGreaterThanOrEqual(10 * S);
  });

  it.each([0, 300])(
    'keeps the interval between two processes polling the same job on one jobs database (round trip %i ms)',
    async (roundTripMs) => {
      const app = harness();
      app.api.roundTripMs = roundTripMs;
      app.api.timed('a', Infinity);
      const cli = harness({ storeDir: app.storeDir, clock: app.clock, api: app.api });
      app.scheduler.start();
      cli.scheduler.start();
      app.scheduler.track('a');
      await app.clock.advance(4 * S);
      cli.scheduler.track('a');
      await app.clock.advance(120 * S);
      const calls = app.api.callsFor('a');
      expect(calls.length).toBeGreaterThan(5);
      for (const gap of gaps(calls)) expect(gap).toBeGreaterThanOrEqual(10 * S);
    },
  );

  it('keeps the interval for a fetch of fresh links: a job that just ended is asked for again only the interval after', async () => {
    const h = harness();
    const start = h.clock.now();
    h.api.timed('a', start + 5 * S);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(11 * S);
    expect(h.events['job-finished']).toHaveLength(1);
    const refreshed = h.scheduler.refresh('a');
    await h.clock.advance(15 * S);
    expect((await refreshed)?.state).toBe('completed');
    const calls = h.api.callsFor('a');
    expect(calls).toHaveLength(3);
    for (const gap of gaps(calls)) expect(gap).toBeGreaterThanOrEqual(10 * S);
  });
});
