import { describe, expect, it } from 'vitest';
import { ok, transient } from '../../helpers/fake-api.js';
import { harness } from '../../helpers/scheduler-harness.js';

const S = 1000;

describe('PollScheduler and the executing list', () => {
  it('polls listed jobs rarely and fetches a job as soon as it leaves the list', async () => {
    const h = harness({ useList: true, policy: { intervalMs: 15 * S, listedIntervalMs: 120 * S } });
    const start = h.clock.now();
    const doneAt = start + 200 * S;
    const running = ['a', 'b', 'c'];
    for (const id of running) h.api.timed(id, id === 'a' ? doneAt : Infinity);
    h.api.scriptList((_call, now) => ok(now >= doneAt ? ['b', 'c'] : running));
    h.scheduler.start();
    for (const id of running) h.scheduler.track(id);
    await h.clock.advance(400 * S);
    const a = h.api.callsFor('a');
    // first fetch, one refresh while listed, then the fetch right after it left the list
    expect(a.length).toBeLessThanOrEqual(4);
    const finished = h.events['job-finished'].find((j) => j.jobid === 'a');
    expect(finished).toBeDefined();
    const lastListBeforeDone = Math.max(...h.api.listCalls.filter((t) => t < doneAt));
    const firstListAfterDone = Math.min(...h.api.listCalls.filter((t) => t >= doneAt));
    expect(a.at(-1)).toBe(firstListAfterDone);
    // 15 s × √(2 / 3) with 3 jobs near their end: fewer list reads the fewer jobs share them.
    expect(firstListAfterDone - lastListBeforeDone).toBeLessThanOrEqual(12.3 * S);
    // listed jobs: far fewer requests than polling each every 15 s
    expect(h.api.callsFor('b').length).toBeLessThanOrEqual(5);
  });

  it('polls a job the list does not show at the interval, and a lone listed job too (the list is no cheaper)', async () => {
    const h = harness({ useList: true, policy: { intervalMs: 15 * S } });
    h.api.timed('a', Infinity);
    h.api.timed('b', Infinity);
    h.api.scriptList(() => ok(['a']));
    h.scheduler.start();
    h.scheduler.track('a');
    h.scheduler.track('b');
    await h.clock.advance(61 * S);
    expect(h.api.callsFor('b')).toHaveLength(5);
    expect(h.api.callsFor('a')).toHaveLength(5);
  });

  it('discovers running jobs from the list, but not ones the user removed', async () => {
    const h = harness({ discover: true });
    h.api.timed('x', Infinity);
    h.api.timed('y', Infinity);
    h.api.scriptList(() => ok(['x', 'y']));
    h.store.add('y');
    h.store.remove('y');
    h.scheduler.start();
    await h.clock.advance(1 * S);
    expect(h.events['job-added'].map((j) => j.jobid)).toEqual(['x']);
    expect(h.api.callsFor('x')).toHaveLength(1);
    expect(h.api.callsFor('y')).toHaveLength(0);
  });

  it('falls back to per-job polling while the list fails', async () => {
    const h = harness({ useList: true });
    h.api.timed('a', Infinity);
    h.api.timed('b', Infinity);
    let listUp = true;
    h.api.scriptList(() => (listUp ? ok(['a', 'b']) : transient('list down')));
    h.scheduler.start();
    h.scheduler.track('a');
    h.scheduler.track('b');
    await h.clock.advance(10 * S);
    listUp = false;
    await h.clock.advance(60 * S);
    expect(h.api.callsFor('a').length).toBeGreaterThanOrEqual(4);
    // Said when it starts failing, once however often it fails again, and again after it worked.
    expect(h.events['list-failed']).toEqual([{ source: 'v1', message: 'list down' }]);
    listUp = true;
    await h.clock.advance(120 * S);
    listUp = false;
    await h.clock.advance(120 * S);
    expect(h.events['list-failed']).toHaveLength(2);
  });

  it('leaves a list held with the account (429) or stopped by a refused token (401) to the state to say', async () => {
    for (const failure of [
      { kind: 'rate-limited', retryAfterMs: 30 * S, queueFull: false, message: '429' } as const,
      { kind: 'credentials', status: 401, message: 'Unauthorized' } as const,
    ]) {
      const h = harness({ useList: true });
      h.api.timed('a', Infinity);
      h.api.timed('b', Infinity);
      h.api.scriptList(() => failure);
      h.scheduler.start();
      h.scheduler.track('a');
      h.scheduler.track('b');
      await h.clock.advance(60 * S);
      expect(h.api.listCalls.length).toBeGreaterThan(0);
      expect(h.events['list-failed']).toEqual([]);
    }
  });
});

describe('PollScheduler across restarts', () => {
  it('resumes active jobs and never announces a finished job twice', async () => {
    const first = harness();
    first.api.timed('done', first.clock.now() + 10 * S);
    first.api.timed('running', Infinity);
    first.scheduler.start();
    first.scheduler.track('done');
    first.scheduler.track('running');
    await first.clock.advance(20 * S);
    first.scheduler.stop();
    expect(first.events['job-finished'].map((j) => j.jobid)).toEqual(['done']);

    const second = harness({ storeDir: first.storeDir, clock: first.clock, api: first.api });
    second.scheduler.start();
    await second.clock.advance(30 * S);
    expect(second.events['job-finished']).toEqual([]);
    expect(first.api.callsFor('done')).toHaveLength(2);
    expect(first.api.callsFor('running').length).toBeGreaterThanOrEqual(4);
  });
});
