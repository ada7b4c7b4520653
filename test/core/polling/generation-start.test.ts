import { describe, expect, it } from 'vitest';
import type { V2Answer } from '../../../main/core/api/v2/schema.js';
import { ok } from '../../helpers/fake-api.js';
import { harness, type Harness } from '../../helpers/scheduler-harness.js';

const S = 1000;
const iso = (t: number) => new Date(t).toISOString();
const video = (n: number) => `user:1-pixverse:ann@example.com-video:${n}`;

/** A v2 video (no progress, no `updated`): QUEUED for `queueMs`, GENERATING for `runMs`, then COMPLETED. */
function scriptVideo(h: Harness, id: string, queueMs: number, runMs: number): { finalAt: number } {
  const created = h.clock.now();
  const finalAt = created + queueMs + runMs;
  h.api.scriptV2(id, (_call, now) => {
    const base = { video_id: id, created_at: iso(created), model: 'v5' };
    if (now >= finalAt)
      return ok<V2Answer>({
        ...base,
        video_status: 1,
        video_status_final: true,
        url: 'https://m.test/v.mp4',
      });
    const queued = now < created + queueMs;
    return ok<V2Answer>({ ...base, video_status: queued ? 5 : 10, video_status_final: false });
  });
  return { finalAt };
}

describe('The polling policy: a generation counts from its start, not from the job’s creation', () => {
  it('keeps a long-queued v2 job sparse after it starts, until its kind’s shortest generation is near, and expects its end from its start', async () => {
    const h = harness();
    // Six videos of the model that queued briefly and generated for 5 minutes each.
    for (let i = 1; i <= 6; i++) scriptVideo(h, video(i), 30 * S, 300 * S);
    h.scheduler.start();
    for (let i = 1; i <= 6; i++) h.scheduler.track(video(i));
    await h.clock.advance(400 * S);
    expect(h.events['job-finished']).toHaveLength(6);

    // This one waits 10 minutes in the queue: from its creation, the earlier ones' times are long past.
    const created = h.clock.now();
    const { finalAt } = scriptVideo(h, video(7), 600 * S, 300 * S);
    h.scheduler.track(video(7));
    await h.clock.advance(700 * S);
    // Expected from its start plus what its kind's generations took, not from its creation (335 s).
    expect(Math.abs(h.scheduler.expectedEnd(video(7))!.likely - finalAt)).toBeLessThanOrEqual(60 * S);
    await h.clock.advance(300 * S);
    const calls = h.api.callsFor(video(7));
    // Generating from 600 s (seen within about a minute), minutes from its end: every 10 s would be 10 polls.
    const early = calls.filter((t) => t >= created + 680 * S && t < created + 780 * S);
    expect(early.length).toBeLessThanOrEqual(3);
    const done = h.events['job-finished'].find((j) => j.jobid === video(7));
    expect(done).toBeDefined();
    expect(Math.max(...calls) - finalAt).toBeLessThanOrEqual(11 * S);
  });

  it('looks at a generating v2 video next at its earliest end, not in steps towards it: its answers show no progress', async () => {
    const h = harness();
    // Six videos of the model that generated for 10 minutes each, from the moment they were created.
    for (let i = 1; i <= 6; i++) scriptVideo(h, video(i), 0, 600 * S);
    h.scheduler.start();
    for (let i = 1; i <= 6; i++) h.scheduler.track(video(i));
    await h.clock.advance(700 * S);
    expect(h.events['job-finished']).toHaveLength(6);

    const created = h.clock.now();
    const { finalAt } = scriptVideo(h, video(7), 0, 600 * S);
    h.scheduler.track(video(7));
    await h.clock.advance(700 * S);
    const calls = h.api.callsFor(video(7)).map((t) => t - created);
    // Its kind took 600 s: it may end from about 510 s. Before that, a look every 2.5 minutes (a job
    // that fails early is not left for long); stepping towards the end (65 % of the way) would be 5.
    expect(calls.filter((t) => t < 500 * S)).toHaveLength(4);
    expect(calls[1]).toBeGreaterThanOrEqual(150 * S);
    expect(h.events['job-finished'].some((j) => j.jobid === video(7))).toBe(true);
    expect(Math.max(...calls) + created - finalAt).toBeLessThanOrEqual(11 * S);
  });
});
