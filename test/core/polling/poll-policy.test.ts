import { describe, expect, it } from 'vitest';
import { gaps, harness } from '../../helpers/scheduler-harness.js';
import { finishTimes, iso, scriptJob } from '../../helpers/scripted-job.js';
import { ok } from '../../helpers/fake-api.js';
import { OFFICIAL_MIN_INTERVAL_MS, resolvePolicy } from '../../../main/core/polling/polling-policy.js';

const S = 1000;

describe('The polling policy: sparse far from the end, dense near it', () => {
  it('looks at a queued job about once a minute', async () => {
    const h = harness();
    const start = h.clock.now();
    scriptJob(h, 'q', { createdAt: start, startAt: start + 600 * S, runMs: 300 * S, tickMs: 20 * S });
    h.scheduler.start();
    h.scheduler.track('q');
    await h.clock.advance(590 * S);
    const calls = h.api.callsFor('q');
    expect(calls.length).toBeLessThanOrEqual(10); // polling at the 10 s interval: 59
    for (const gap of gaps(calls)) expect(gap).toBeGreaterThanOrEqual(45 * S);
  });

  it('polls rarely while progress is low, every interval near the expected end, and knows the end within one interval', async () => {
    const h = harness();
    const start = h.clock.now();
    const { finalAt } = scriptJob(h, 'a', {
      createdAt: start,
      startAt: start,
      runMs: 600 * S,
      tickMs: 25 * S,
    });
    const finished = finishTimes(h);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(900 * S);
    const calls = h.api.callsFor('a');
    const early = calls.filter((t) => t < start + 300 * S);
    expect(early.length).toBeLessThanOrEqual(6); // every 10 s: 30
    const late = calls.filter((t) => t >= finalAt - 60 * S);
    for (const gap of gaps(late)) expect(gap).toBeLessThanOrEqual(25 * S);
    expect(finished.get('a')! - finalAt).toBeLessThanOrEqual(10 * S);
    expect(calls.length).toBeLessThanOrEqual(25); // every 10 s: 62
  });

  it('polls once per refresh of the API once its steady cadence shows, just after each refresh', async () => {
    const h = harness();
    const created = h.clock.now();
    const finalAt = created + 600 * S;
    // Refreshed every 30 s; no progress in the answers, so the job may end at any refresh.
    h.api.script('a', (_call, now) => {
      const tick = created + Math.floor((Math.min(now, finalAt) - created) / (30 * S)) * 30 * S;
      const status = tick >= finalAt ? 'completed' : 'progress';
      return ok({ jobid: 'a', status, created: iso(created), updated: iso(tick) });
    });
    const finished = finishTimes(h);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(700 * S);
    const late = h.api.callsFor('a').filter((t) => t >= created + 300 * S);
    expect(late.length).toBeLessThanOrEqual(12); // every 10 s: 30
    expect(finished.get('a')! - finalAt).toBeLessThanOrEqual(5 * S);
  });

  it('keeps its shape in units of the interval: a simulator at 100× time with a 0.1 s interval', async () => {
    const h = harness({ policy: { intervalMs: 100 } });
    const start = h.clock.now();
    const finalAt = start + 3 * S;
    // Refreshed every 0.2 s of our time; its times written by a clock 100 times faster than ours.
    h.api.script('a', (_call, now) => {
      const tick = start + Math.floor((Math.min(now, finalAt) - start) / 200) * 200;
      const server = (t: number) => iso(start + 100 * (t - start));
      const progress = Math.floor((100 * (tick - start)) / (3 * S));
      return tick >= finalAt
        ? ok({ jobid: 'a', status: 'completed', created: server(start), updated: server(finalAt) })
        : ok({
            jobid: 'a',
            status: 'progress',
            created: server(start),
            updated: server(tick),
            content: `(${progress}%)`,
          });
    });
    const finished = finishTimes(h);
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(10 * S);
    expect(finished.get('a')! - finalAt).toBeLessThanOrEqual(150);
    for (const gap of gaps(h.api.callsFor('a'))) expect(gap).toBeGreaterThanOrEqual(100);
  });

  it('keeps the official 10 s minimum: the default interval, and nothing shorter accepted', () => {
    expect(resolvePolicy({}, 'https://api.useapi.net').intervalMs).toBe(OFFICIAL_MIN_INTERVAL_MS);
    expect(() => resolvePolicy({ intervalMs: 9_999 }, 'https://api.useapi.net')).toThrow(/at least 10 s/);
  });

  it('uses what finished jobs of the same kind took, kept in the database across restarts', async () => {
    const first = harness();
    const t0 = first.clock.now();
    // Six jobs that took 10 minutes each from creation to the end.
    for (let i = 0; i < 6; i++) {
      first.api.script(`old${i}`, () =>
        ok({ jobid: `old${i}`, status: 'completed', created: iso(t0 - 600 * S), updated: iso(t0) }),
      );
    }
    first.scheduler.start();
    for (let i = 0; i < 6; i++) first.scheduler.track(`old${i}`);
    await first.clock.advance(1 * S);
    first.scheduler.stop();

    // A new job of that kind whose answers say nothing about progress: sparse until ~8.5 minutes.
    const second = harness({ storeDir: first.storeDir, clock: first.clock });
    const created = second.clock.now();
    second.api.script('new', () => ok({ jobid: 'new', status: 'progress', created: iso(created) }));
    second.scheduler.start();
    second.scheduler.track('new');
    await second.clock.advance(480 * S);
    expect(second.api.callsFor('new').length).toBeLessThanOrEqual(8); // every 10 s: 48
    await second.clock.advance(120 * S);
    const late = second.api.callsFor('new').filter((t) => t >= created + 540 * S);
    expect(gaps(late).every((gap) => gap <= 11 * S)).toBe(true);
    expect(late.length).toBeGreaterThanOrEqual(5);
  });
});

describe('The polling policy and the executing list', () => {
  it('never asks for the list for one job: its own polls are as cheap', async () => {
    const h = harness({ useList: true });
    const start = h.clock.now();
    scriptJob(h, 'a', { createdAt: start, startAt: start, runMs: 200 * S, tickMs: 20 * S });
    h.api.scriptList(() => ok(['a']));
    h.scheduler.start();
    h.scheduler.track('a');
    await h.clock.advance(400 * S);
    expect(h.api.listCalls).toEqual([]);
    expect(h.events['job-finished'].map((j) => j.jobid)).toEqual(['a']);
  });

  it('leaves listed jobs near their end to the list, and fetches one as soon as it leaves it', async () => {
    const h = harness({ useList: true, policy: { intervalMs: 10 * S } });
    const start = h.clock.now();
    const doneAt = start + 300 * S;
    const running = ['a', 'b', 'c'];
    // Answers that say nothing about progress: every job may end at any moment.
    for (const id of running)
      h.api.script(id, (_call, now) =>
        ok({ jobid: id, status: id === 'a' && now >= doneAt ? 'completed' : 'progress' }),
      );
    h.api.scriptList((_call, now) => ok(now >= doneAt ? ['b', 'c'] : running));
    const finished = finishTimes(h);
    h.scheduler.start();
    for (const id of running) h.scheduler.track(id);
    await h.clock.advance(400 * S);
    // Per job: the first fetch (and the one after it left the list), not one every 10 s.
    expect(h.api.callsFor('a').length).toBeLessThanOrEqual(3);
    expect(h.api.callsFor('b').length).toBeLessThanOrEqual(3);
    const lists = h.api.listCalls;
    expect(lists.length).toBeLessThanOrEqual(300 / 8 + 100 / 10 + 2);
    // One request for all, read 10 s × √(2 / near) apart: 8.2 s for 3 jobs, 10 s once one left.
    const whileThree = gaps(lists.filter((t) => t > start + 5 * S && t < doneAt));
    for (const gap of whileThree) expect(gap).toBeCloseTo(8.16 * S, -2);
    for (const gap of gaps(lists.filter((t) => t > doneAt))) expect(gap).toBeCloseTo(10 * S, -2);
    const firstListAfterDone = Math.min(...lists.filter((t) => t >= doneAt));
    expect(h.api.callsFor('a').at(-1)).toBe(firstListAfterDone);
    expect(finished.get('a')! - doneAt).toBeLessThanOrEqual(8.2 * S);
  });

  it('reads the list more often the more jobs near their end share it, not once per job', async () => {
    const h = harness({ useList: true, policy: { intervalMs: 10 * S } });
    const running = Array.from({ length: 4 }, (_, i) => `j${i}`);
    for (const id of running) h.api.script(id, () => ok({ jobid: id, status: 'progress' }));
    h.api.scriptList(() => ok(running));
    h.scheduler.start();
    for (const id of running) h.scheduler.track(id);
    await h.clock.advance(120 * S);
    // 10 s × √(2 / 4) = 7.1 s: for 4 jobs, a third of what their own polls every 10 s would cost
    // (one read per job, every 2.5 s, would be the same cost; 5 s is the shortest gap in any case).
    const lists = h.api.listCalls.filter((t) => t > h.clock.now() - 100 * S);
    for (const gap of gaps(lists)) expect(gap).toBeCloseTo(7.07 * S, -2);
    for (const id of running) expect(h.api.callsFor(id).length).toBeLessThanOrEqual(2);
  });
});
