import { describe, expect, it } from 'vitest';
import type { ApiOutcome } from '../../../main/core/api/api-outcome.js';
import type { V2Answer } from '../../../main/core/api/v2/schema.js';
import { V2_NOT_YET_MESSAGE } from '../../../main/core/polling/v2-not-found.js';
import { ok, transient } from '../../helpers/fake-api.js';
import { gaps, harness } from '../../helpers/scheduler-harness.js';

const S = 1000;
const MIN = 60 * S;
const ann = (n: number) => `user:1-pixverse:ann@example.com-video:${n}`;
const bob = (n: number) => `user:1-pixverse:bob@example.com-video:${n}`;
const MP4 = 'https://media.pixverse.ai/v.mp4';

const generating = (id: string): ApiOutcome<V2Answer> =>
  ok<V2Answer>({
    video_id: id,
    video_status: 10,
    video_status_name: 'GENERATING',
    video_status_final: false,
  });
const completed = (id: string): ApiOutcome<V2Answer> =>
  ok<V2Answer>({ video_id: id, video_status: 1, video_status_final: true, url: MP4, output_width: 640 });
const notFound: ApiOutcome<never> = { kind: 'not-found', message: 'fake.test does not know it (404).' };
const accountProblem: ApiOutcome<never> = {
  kind: 'account-problem',
  account: 'ann@example.com',
  message: 'The PixVerse account ann@example.com is in an error state (596): add it again at useapi.net.',
};

describe('PollScheduler with v2 jobs', () => {
  it('polls a v2 job through v2 and finishes it only when complete, not at its early url', async () => {
    const h = harness();
    const id = ann(1);
    const doneAt = h.clock.now() + 60 * S;
    h.api.scriptV2(id, (_call, now) =>
      now >= doneAt ? completed(id) : ok<V2Answer>({ video_status: 10, url: MP4, output_width: 0 }),
    );
    h.scheduler.start();
    expect(h.scheduler.track(id).source).toBe('v2');
    await h.clock.advance(45 * S);
    expect(h.store.get(id)).toMatchObject({ state: 'active', job: { state: 'running', results: [] } });
    expect(h.events['job-finished']).toEqual([]);
    await h.clock.advance(30 * S);
    expect(h.store.get(id)).toMatchObject({
      state: 'completed',
      job: { results: [{ key: 'video', url: MP4 }] },
    });
    expect(h.events['job-finished'].map((j) => j.jobid)).toEqual([id]);
  });

  it('keeps a v2 video that answers 404 early on waiting, and says so, until it appears', async () => {
    const h = harness();
    const id = ann(2);
    const appearsAt = h.clock.now() + 5 * MIN;
    const doneAt = h.clock.now() + 8 * MIN;
    h.api.scriptV2(id, (_call, now) =>
      now < appearsAt ? notFound : now < doneAt ? generating(id) : completed(id),
    );
    h.scheduler.start();
    h.scheduler.track(id);
    await h.clock.advance(2 * MIN);
    expect(h.store.get(id)).toMatchObject({ state: 'active', lastError: V2_NOT_YET_MESSAGE });
    expect(V2_NOT_YET_MESSAGE).toBe('Not available at useapi yet; still waiting.');
    // polled on at the normal interval (10 s by default), not backed off
    expect(gaps(h.api.callsFor(id)).every((gap) => gap === 10 * S)).toBe(true);
    await h.clock.advance(7 * MIN);
    expect(h.store.get(id)).toMatchObject({ state: 'completed' });
    expect(h.store.get(id)?.lastError).toBeUndefined();
  });

  it('ends a v2 video as not found when it still answers 404 15 minutes after it was added', async () => {
    const h = harness();
    const id = ann(3);
    h.api.scriptV2(id, () => notFound);
    h.scheduler.start();
    const addedAt = h.clock.now();
    h.scheduler.track(id);
    await h.clock.advance(14 * MIN);
    expect(h.store.get(id)?.state).toBe('active');
    await h.clock.advance(2 * MIN);
    const record = h.store.get(id)!;
    expect(record.state).toBe('not-found');
    expect(record.lastError).toMatch(/^Not found: .* 15 minutes after it was added/);
    expect(record.finishedAt! - addedAt).toBeGreaterThanOrEqual(15 * MIN);
    expect(h.events['job-finished'].map((j) => j.jobid)).toEqual([id]);
  });

  it('keeps waiting past 15 minutes while the v2 scheduler lists the video, then ends it when it leaves', async () => {
    const h = harness({ useList: true });
    const [id, other] = [ann(4), ann(5)];
    const leavesAt = h.clock.now() + 25 * MIN;
    h.api.scriptV2(id, () => notFound);
    h.api.scriptV2(other, () => generating(other));
    h.api.scriptV2List((_call, now) => ok(now < leavesAt ? [id, other] : [other]));
    h.scheduler.start();
    h.scheduler.track(id);
    h.scheduler.track(other);
    await h.clock.advance(20 * MIN);
    expect(h.store.get(id)).toMatchObject({ state: 'active', lastError: V2_NOT_YET_MESSAGE });
    await h.clock.advance(10 * MIN);
    expect(h.store.get(id)?.state).toBe('not-found');
    expect(h.api.listCalls).toEqual([]); // no v1 job: no v1 list
  });

  it('asks the v2 scheduler even for a single v2 video, so a long 404 while it runs is not taken for gone', async () => {
    const h = harness({ useList: true });
    const id = ann(15);
    const leavesAt = h.clock.now() + 25 * MIN;
    h.api.scriptV2(id, () => notFound);
    h.api.scriptV2List((_call, now) => ok(now < leavesAt ? [id] : []));
    h.scheduler.start();
    h.scheduler.track(id);
    await h.clock.advance(20 * MIN);
    expect(h.store.get(id)).toMatchObject({ state: 'active', lastError: V2_NOT_YET_MESSAGE });
    await h.clock.advance(10 * MIN);
    expect(h.store.get(id)?.state).toBe('not-found');
  });

  it('gives each source its own executing list: a failing v2 scheduler leaves the v1 list alone', async () => {
    const h = harness({ useList: true });
    for (const id of ['a', 'b']) h.api.timed(id, Infinity);
    for (const id of [ann(6), ann(7)]) h.api.scriptV2(id, () => generating(id));
    h.api.scriptList(() => ok(['a', 'b']));
    h.api.scriptV2List(() => transient('scheduler down'));
    h.scheduler.start();
    for (const id of ['a', 'b', ann(6), ann(7)]) h.scheduler.track(id);
    await h.clock.advance(5 * MIN);
    // v1: listed, so rarely polled; the list itself asked every 10 s (2 × 10 s / 2 jobs near their end)
    expect(h.api.callsFor('a').length).toBeLessThanOrEqual(4);
    expect(h.api.listCalls.length).toBeGreaterThanOrEqual(28);
    // v2: its list backs off, and its jobs are polled on their own every 15 s
    expect(h.api.callsOf('v2-list').length).toBeLessThanOrEqual(6);
    expect(h.api.callsFor(ann(6)).length).toBeGreaterThanOrEqual(19);
  });

  it('pauses only the jobs of a v2 account in an error state (596) until Resume', async () => {
    const h = harness();
    const [held, sibling, other] = [ann(8), ann(9), bob(1)];
    h.api.timed('v1job', Infinity);
    h.api.scriptV2(held, () => accountProblem);
    h.api.scriptV2(sibling, () => accountProblem);
    h.api.scriptV2(other, () => generating(other));
    h.scheduler.start();
    h.scheduler.track(held);
    await h.clock.advance(1 * S);
    for (const id of ['v1job', sibling, other]) h.scheduler.track(id);
    await h.clock.advance(10 * MIN);
    expect(h.api.callsFor(held)).toHaveLength(1);
    expect(h.api.callsFor(sibling)).toHaveLength(0);
    expect(h.api.callsFor(other).length).toBeGreaterThanOrEqual(39);
    expect(h.api.callsFor('v1job').length).toBeGreaterThanOrEqual(39);
    expect(h.events['account-problem']).toEqual([
      { source: 'v2', account: 'ann@example.com', message: accountProblem.message, jobid: held },
    ]);
    for (const id of [held, sibling]) {
      expect(h.store.get(id)).toMatchObject({ state: 'active', lastError: accountProblem.message });
    }
    expect(h.scheduler.state.paused).toBeNull();
    h.api.scriptV2(held, () => generating(held));
    h.scheduler.resume();
    await h.clock.advance(5 * S);
    expect(h.api.callsFor(held)).toHaveLength(2);
    expect(h.store.get(held)?.lastError).toBeUndefined();
  });

  it('pauses everything, v1 included, on a v2 401 as on a v1 one', async () => {
    const h = harness();
    const id = ann(14);
    h.api.scriptV2(id, () => ({ kind: 'credentials', status: 401, message: 'bad token (401).' }));
    h.api.timed('v1job', Infinity);
    h.scheduler.start();
    h.scheduler.track(id);
    await h.clock.advance(1);
    h.scheduler.track('v1job');
    await h.clock.advance(5 * MIN);
    expect(h.scheduler.state.paused).toBe('credentials');
    expect(h.events['credentials-problem']).toEqual([{ status: 401, message: 'bad token (401).' }]);
    expect(h.api.callsFor('v1job')).toEqual([]);
    expect(h.api.callsFor(id)).toHaveLength(1);
  });

  it('checks a held v2 account again after a long hold', async () => {
    const h = harness();
    const id = ann(10);
    h.api.scriptV2(id, () => accountProblem);
    h.scheduler.start();
    h.scheduler.track(id);
    await h.clock.advance(65 * MIN);
    expect(gaps(h.api.callsFor(id))).toEqual([30 * MIN, 30 * MIN]);
  });

  it('backs off every request after a v2 429 for as long as it asks', async () => {
    const h = harness();
    const id = ann(11);
    const limitedAt = h.clock.now();
    h.api.scriptV2(id, (call) =>
      call === 1
        ? { kind: 'rate-limited', retryAfterMs: 30 * S, queueFull: false, message: 'busy (429)' }
        : generating(id),
    );
    h.api.timed('v1job', Infinity);
    h.scheduler.start();
    h.scheduler.track(id);
    await h.clock.advance(1);
    h.scheduler.track('v1job');
    await h.clock.advance(60 * S);
    const after = h.api.calls.filter((c) => c.at > limitedAt).map((c) => c.at);
    expect(Math.min(...after)).toBe(limitedAt + 30 * S);
  });

  it('discovers website-started v2 videos from the videos list, at most once a minute', async () => {
    const h = harness({ discover: true, discovery: { v2Videos: true } });
    const [website, finished] = [ann(12), ann(13)];
    h.api.scriptV2(website, () => generating(website));
    h.api.scriptV2Videos(() =>
      ok([
        { video_id: website, video_status: 10 },
        { video_id: finished, video_status: 1, url: MP4, output_width: 640 },
      ]),
    );
    h.scheduler.start();
    await h.clock.advance(5 * MIN);
    const looks = h.api.callsOf('v2-videos');
    expect(looks.length).toBeGreaterThanOrEqual(4);
    expect(Math.min(...gaps(looks))).toBeGreaterThanOrEqual(60 * S);
    expect(h.events['job-added'].map((j) => [j.jobid, j.source])).toEqual([[website, 'v2']]);
    expect(h.api.callsFor(finished)).toEqual([]);
  });

  it('leaves each discovery off when told: no videos list by default, no v1 list when v1 is off', async () => {
    const h = harness({ discover: true, discovery: { v1: false } });
    h.scheduler.start();
    await h.clock.advance(3 * MIN);
    expect(h.api.callsOf('v2-videos')).toEqual([]);
    expect(h.api.listCalls).toEqual([]);
    // With no job to follow, the scheduler is asked for new ones about once a minute.
    expect(h.api.callsOf('v2-list').length).toBeGreaterThanOrEqual(3);
  });
});
