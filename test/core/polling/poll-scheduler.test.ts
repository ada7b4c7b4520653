import { describe, expect, it } from 'vitest';
import { ok, transient } from '../../helpers/fake-api.js';
import { gaps, harness } from '../../helpers/scheduler-harness.js';

const S = 1000;

describe('PollScheduler timing', () => {
  it('polls a new job at once, then never sooner than the interval after each answer', async () => {
    const h = harness({ policy: { intervalMs: 15 * S } });
    h.api.timed('a', h.clock.now() + 100 * S);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(61 * S);
    const calls = h.api.callsFor('a');
    expect(calls[0]).toBe(h.clock.now() - 61 * S);
    expect(calls).toHaveLength(5);
    for (const gap of gaps(calls)) expect(gap).toBe(15 * S);
  });

  it('jitter only adds delay, up to 10% of the interval', async () => {
    const h = harness({ policy: { intervalMs: 20 * S }, random: () => 0.999 });
    h.api.timed('a', Infinity);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(200 * S);
    for (const gap of gaps(h.api.callsFor('a'))) {
      expect(gap).toBeGreaterThanOrEqual(20 * S);
      expect(gap).toBeLessThanOrEqual(22 * S);
    }
  });

  it('uses one timer for all jobs', async () => {
    const h = harness();
    for (let i = 0; i < 50; i++) h.api.timed(`j${i}`, Infinity);
    h.scheduler.start();
    for (let i = 0; i < 50; i++) h.scheduler.track(`j${i}`);
    await h.clock.advance(40 * S);
    // The store's coalesced write may hold a second timer; never one per job.
    expect(h.clock.pendingTimers).toBeLessThanOrEqual(2);
  });

  it('stops polling a job for good once it is terminal, and announces it once', async () => {
    const h = harness();
    const start = h.clock.now();
    h.api.timed('a', start + 20 * S, 'moderated');
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(300 * S);
    expect(h.api.callsFor('a')).toHaveLength(3); // 0 s, 10 s, 20 s
    expect(h.events['job-finished'].map((j) => [j.jobid, j.state])).toEqual([['a', 'moderated']]);
    expect(h.store.get('a')?.finishAnnounced).toBe(true);
  });

  it.each([
    ['not-found', { kind: 'not-found', message: 'Unable to locate job a' }],
    ['expired', { kind: 'expired', message: 'Job has expired' }],
  ] as const)('ends a job as %s on 404/410 and never polls it again', async (state, outcome) => {
    const h = harness();
    h.api.script('a', () => outcome);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(120 * S);
    expect(h.api.callsFor('a')).toHaveLength(1);
    expect(h.store.get('a')?.state).toBe(state);
    expect(h.store.get('a')?.lastError).toBe(outcome.message);
    expect(h.events['job-finished']).toHaveLength(1);
  });

  it('backs off exponentially from the interval, capped at 5 minutes, and recovers', async () => {
    const h = harness({ policy: { intervalMs: 15 * S } });
    let failing = true;
    h.api.script('a', () => (failing ? transient('503') : ok({ jobid: 'a', status: 'progress' })));
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(1000 * S);
    expect(gaps(h.api.callsFor('a'))).toEqual([15, 30, 60, 120, 240, 300].map((s) => s * S));
    expect(h.store.get('a')?.lastError).toBe('503');
    failing = false;
    await h.clock.advance(300 * S);
    const calls = h.api.callsFor('a');
    expect(gaps(calls).slice(-2)).toEqual([15 * S, 15 * S]);
    expect(h.store.get('a')?.lastError).toBeUndefined();
  });
});

describe('PollScheduler account limits', () => {
  it('honours Retry-After on 429 for every job of the account', async () => {
    const h = harness({ policy: { intervalMs: 15 * S } });
    h.api.timed('b', Infinity);
    h.api.script('a', (call) =>
      call === 2
        ? { kind: 'rate-limited', retryAfterMs: 90 * S, queueFull: false, message: '429' }
        : ok({ status: 'progress' }),
    );
    h.scheduler.start();
    h.scheduler.track('a');
    h.scheduler.track('b');
    await h.clock.advance(15 * S); // a's second call answers 429 at t=15s
    const limitedAt = h.clock.now();
    expect(h.scheduler.state.message).toContain('429');
    await h.clock.advance(89 * S);
    expect(h.api.calls.filter((c) => c.at > limitedAt)).toEqual([]);
    await h.clock.advance(2 * S);
    expect(h.api.calls.some((c) => c.at === limitedAt + 90 * S)).toBe(true);
    expect(h.scheduler.state.holdUntil).toBe(limitedAt + 90 * S);
    // Said once, for the account (the window's banner, the CLI's note), not again as the job's error.
    expect(h.events['job-updated'].filter((e) => e.changed.includes('lastError'))).toEqual([]);
  });

  it("moves a job's next try to the end of an account hold that came after its own error", async () => {
    const h = harness();
    h.api.script('a', (call) =>
      call === 1
        ? transient('503')
        : call === 2
          ? { kind: 'rate-limited', retryAfterMs: 90 * S, queueFull: false, message: '429' }
          : ok({ status: 'progress' }),
    );
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(1 * S);
    expect(h.store.get('a')?.lastError).toBe('503');
    await h.clock.advance(10 * S); // the second call answers 429: the account waits 90 s
    const limitedAt = h.clock.now() - 1 * S;
    expect(h.store.get('a')?.retryAt).toBeGreaterThanOrEqual(limitedAt + 90 * S);
  });

  it('without Retry-After, waits 15 s and escalates on repeated 429s', async () => {
    const h = harness();
    h.api.script('a', (call) =>
      call <= 3
        ? { kind: 'rate-limited', retryAfterMs: undefined, queueFull: true, message: '429' }
        : ok({ status: 'progress' }),
    );
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(200 * S);
    expect(gaps(h.api.callsFor('a')).slice(0, 3)).toEqual([15 * S, 30 * S, 60 * S]);
  });

  it('holds the whole account about 3 minutes after a 504', async () => {
    const h = harness();
    h.api.timed('b', Infinity);
    h.api.script('a', (call) =>
      call === 1 ? { kind: 'transient', reason: 'overloaded', message: '504' } : ok({ status: 'progress' }),
    );
    h.scheduler.start();
    h.scheduler.track('a');
    h.scheduler.track('b');
    await h.clock.advance(179 * S);
    expect(h.api.calls.filter((c) => c.at > h.clock.now() - 179 * S)).toEqual([]);
    await h.clock.advance(2 * S);
    expect(h.api.callsFor('a')).toHaveLength(2);
    expect(h.events['job-updated'].filter((e) => e.changed.includes('lastError'))).toEqual([]);
  });

  it('keeps at most maxInFlight requests open', async () => {
    const h = harness({ policy: { maxInFlight: 2 } });
    for (const id of ['a', 'b', 'c', 'd']) h.api.timed(id, Infinity);
    h.api.hold = true;
    h.scheduler.start();
    for (const id of ['a', 'b', 'c', 'd']) h.scheduler.track(id);
    await h.clock.advance(5 * S);
    expect(h.api.calls).toHaveLength(2);
    expect(h.scheduler.stats.inFlight).toBe(2);
    h.api.hold = false;
    h.api.release();
    await h.clock.advance(0);
    expect(h.api.calls).toHaveLength(4);
  });

  it('spends no more than the requests-per-minute budget', async () => {
    const h = harness({ policy: { requestsPerMinute: 10, maxInFlight: 10 } });
    for (let i = 0; i < 30; i++) h.api.timed(`j${i}`, Infinity);
    h.scheduler.start();
    for (let i = 0; i < 30; i++) h.scheduler.track(`j${i}`);
    await h.clock.advance(180 * S);
    const times = h.api.calls.map((c) => c.at);
    for (const t of times)
      expect(times.filter((u) => u > t - 60 * S && u <= t).length).toBeLessThanOrEqual(10);
    expect(times.length).toBe(40); // 10 each at 0, 60, 120 and 180 s
  });

  it('pauses and resumes; on resume every active job is due again, spread by jitter', async () => {
    const h = harness({ random: () => 0.5, policy: { intervalMs: 15 * S } });
    h.api.timed('a', Infinity);
    h.api.timed('b', Infinity);
    h.scheduler.start();
    h.scheduler.track('a');
    h.scheduler.track('b');
    await h.clock.advance(1 * S);
    h.scheduler.pause();
    const pausedAt = h.clock.now();
    await h.clock.advance(120 * S);
    expect(h.api.calls.filter((c) => c.at > pausedAt)).toEqual([]);
    h.scheduler.resume();
    await h.clock.advance(1 * S);
    const after = h.api.calls.filter((c) => c.at > pausedAt).map((c) => c.at - h.clock.now() + 1 * S);
    expect(after).toEqual([750, 750]); // 0.5 × (10% of 15 s)
  });

  it('pauses everything on 401/402 until the token changes', async () => {
    const h = harness();
    let authorized = false;
    h.api.script('a', () =>
      authorized
        ? ok({ status: 'completed' })
        : { kind: 'credentials', status: 401, message: 'Unauthorized' },
    );
    h.api.timed('b', Infinity);
    h.scheduler.start();
    h.scheduler.track('a');
    h.scheduler.track('b');
    await h.clock.advance(300 * S);
    expect(h.events['credentials-problem']).toEqual([{ status: 401, message: 'Unauthorized' }]);
    expect(h.scheduler.state.paused).toBe('credentials');
    expect(h.api.calls).toHaveLength(2);
    // Said once, by the engine's state (the window's banner): not as each job's error with a next try.
    expect([h.store.get('a')?.lastError, h.store.get('a')?.retryAt]).toEqual([undefined, undefined]);
    authorized = true;
    h.scheduler.tokenChanged();
    await h.clock.advance(16 * S);
    expect(h.store.get('a')?.state).toBe('completed');
  });

  it('waits quietly while offline and checks every job once back', async () => {
    const h = harness();
    let offline = false;
    // Offline is offline for every request: neither job answers.
    for (const id of ['a', 'b'])
      h.api.script(id, () =>
        offline ? { kind: 'transient', reason: 'offline', message: 'ENOTFOUND' } : ok({ status: 'progress' }),
      );
    h.scheduler.start();
    h.scheduler.track('a');
    h.scheduler.track('b');
    await h.clock.advance(1 * S);
    offline = true;
    await h.clock.advance(15 * S);
    expect(h.scheduler.state.offline).toBe(true);
    expect(h.events['job-updated'].filter((e) => e.changed.includes('lastError'))).toEqual([]);
    offline = false;
    await h.clock.advance(60 * S);
    expect(h.scheduler.state.offline).toBe(false);
    expect(h.api.callsFor('b').length).toBeGreaterThanOrEqual(3);
  });
});
