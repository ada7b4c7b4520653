// Issue #9 item 11: no delay from outside (Retry-After, --interval, --timeout) may overflow a timer,
// and Retry-After: 0 must not skip the back-off.
import { describe, expect, it } from 'vitest';
import { MAX_HOLD_MS } from '../../main/core/polling/account-gate.js';
import { createApiClient } from '../../main/core/api/api-client.js';
import { parseRetryAfter } from '../../main/core/api/api-outcome.js';
import {
  clampDelay,
  describeDuration,
  MAX_TIMER_MS,
  scaledClock,
  systemClock,
} from '../../main/core/clock.js';
import { resolvePolicy } from '../../main/core/polling/polling-policy.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { ok } from '../helpers/fake-api.js';
import { gaps, harness } from '../helpers/scheduler-harness.js';
import { useSimulator } from '../helpers/sim.js';

const S = 1000;
const startSim = useSimulator();

/** A fake clock that remembers every delay it was asked for. */
function recordingClock(): { clock: FakeClock; delays: number[] } {
  const clock = new FakeClock();
  const delays: number[] = [];
  const schedule = clock.setTimeout;
  clock.setTimeout = (callback, ms) => (delays.push(ms), schedule(callback, ms));
  return { clock, delays };
}

const rateLimited = (retryAfterMs: number | undefined) =>
  ({
    kind: 'rate-limited',
    retryAfterMs,
    queueFull: false,
    message: 'fake.test is rate limiting (429).',
  }) as const;

describe('timer delays are clamped in one place', () => {
  it.each([
    [1e12, MAX_TIMER_MS],
    [Infinity, MAX_TIMER_MS],
    [NaN, MAX_TIMER_MS],
    [-5, 0],
    [1500, 1500],
  ])('clampDelay(%d) is %d', (ms, expected) => {
    expect(clampDelay(ms)).toBe(expected);
  });

  it.each([
    ['the system clock', systemClock],
    ['a scaled clock', scaledClock(1)],
  ])('%s never fires a huge delay at once, nor warns', async (_what, clock) => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 999_999_999 * S);
    // An overflowing delay fires after 1 ms: a later timer is the event that shows it did not.
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.clearTimeout(handle);
    process.off('warning', onWarning);
    expect(fired).toBe(false);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('a request timeout of 1e12 ms neither throws nor times out at once', async () => {
    const sim = await startSim();
    const job = sim.addJob();
    const api = createApiClient({ baseUrl: sim.apiUrl, getToken: () => sim.token, timeoutMs: 1e12 });
    expect(await api.getJob(job.jobid)).toMatchObject({ kind: 'ok' });
  });

  it('refuses a poll interval above an hour (--interval 1e9)', () => {
    expect(() => resolvePolicy({ intervalMs: 1e12 }, 'http://127.0.0.1:1')).toThrow(/at most 1 hour/);
    expect(() => resolvePolicy({ intervalMs: Infinity }, 'http://127.0.0.1:1')).toThrow(/at most 1 hour/);
    expect(resolvePolicy({ intervalMs: 3600 * S }, 'http://127.0.0.1:1').intervalMs).toBe(3600 * S);
  });

  it('keeps the defaults when an option is passed as undefined', () => {
    const policy = resolvePolicy({ intervalMs: undefined, maxInFlight: undefined }, 'http://127.0.0.1:1');
    expect(policy).toMatchObject({ intervalMs: 10 * S, maxInFlight: 2 });
  });
});

describe('Retry-After holds', () => {
  it('caps Retry-After: 999999999 at one hour, says so, and asks no timer for more', async () => {
    const { clock, delays } = recordingClock();
    const h = harness({ clock });
    let limited = true;
    h.api.script('a', () => (limited ? rateLimited(999_999_999 * S) : ok({ status: 'progress' })));
    h.scheduler.start();
    h.scheduler.track('a');
    await clock.advance(1);
    const limitedAt = h.api.callsFor('a')[0]!;
    expect(h.scheduler.state.holdUntil).toBe(limitedAt + MAX_HOLD_MS);
    expect(h.scheduler.state.message).toBe(
      'fake.test is rate limiting (429). The API asked to wait 11574 days; waiting 1 hour.',
    );
    limited = false;
    await clock.advance(MAX_HOLD_MS);
    expect(h.api.callsFor('a')).toEqual([limitedAt, limitedAt + MAX_HOLD_MS]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_HOLD_MS);
    // The hold is over and the API answered: the window no longer shows why it waited.
    expect(h.scheduler.state.message).toBeUndefined();
  });

  it.each([
    ['0', 0],
    ['a date in the past', parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2026, 0, 1))],
  ])('Retry-After %s still backs off from the interval, doubling', async (_what, retryAfterMs) => {
    expect(retryAfterMs).toBe(0);
    const h = harness({ policy: { intervalMs: 15 * S } });
    h.api.script('a', () => rateLimited(retryAfterMs));
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(120 * S);
    expect(gaps(h.api.callsFor('a'))).toEqual([15 * S, 30 * S, 60 * S]);
  });

  it.each(['-5', 'soon', '', '1e400'])('ignores a Retry-After of %j (normal 429 back-off)', (header) => {
    expect(parseRetryAfter(header, 0)).toBeUndefined();
  });

  it('a Retry-After above the back-off is honoured as is', async () => {
    const h = harness({ policy: { intervalMs: 15 * S } });
    h.api.script('a', (call) => (call === 1 ? rateLimited(42 * S) : ok({ status: 'progress' })));
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(50 * S);
    expect(gaps(h.api.callsFor('a'))[0]).toBe(42 * S);
  });

  it.each([
    [45 * S, '45 s'],
    [12 * 60 * S, '12 minutes'],
    [3600 * S, '1 hour'],
    [5 * 3600 * S, '5 hours'],
    [999_999_999 * S, '11574 days'],
  ])('describes %d ms as %s', (ms, words) => {
    expect(describeDuration(ms)).toBe(words);
  });
});
