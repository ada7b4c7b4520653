import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useSimulator } from '../../helpers/sim.js';
import { v2, videoPath } from './v2-calls.js';

const startSim = useSimulator();
const SCHEDULER = '/v2/pixverse/scheduler/';
const VIDEOS = '/v2/pixverse/videos/';

describe('useapi simulator v2: scheduler and videos list', () => {
  it('lists the running API videos in the scheduler, under each id field name, until they end', async () => {
    const clock = new FakeClock();
    const sim = await startSim({ clock });
    const a = sim.addVideo({ queuedMs: 0, generatingMs: 200_000, replyRef: 'ref-a' });
    await clock.advance(1000);
    const b = sim.addVideo({ generatingMs: 600_000, schedulerIdField: 'videoId' });
    const c = sim.addVideo({ generatingMs: 600_000, schedulerIdField: 'video_id' });
    sim.addVideo({ website: true, generatingMs: 600_000 });
    await clock.advance(125_000);
    const list = await v2(sim, SCHEDULER);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: a.id,
        type: 'video',
        started: new Date(a.createdAt).toISOString(),
        elapsed: '02:06',
        replyRef: 'ref-a',
      },
      { videoId: b.id, type: 'video', started: new Date(b.createdAt).toISOString(), elapsed: '02:05' },
      { video_id: c.id, type: 'video', started: new Date(c.createdAt).toISOString(), elapsed: '02:05' },
    ]);
    await clock.advance(100_000);
    const later = (await v2(sim, SCHEDULER)).body as Record<string, string>[];
    expect(later.map((e) => e.id ?? e.videoId ?? e.video_id)).toEqual([b.id, c.id]);
  });

  it('lists image and music jobs after the videos in the scheduler when a test adds them', async () => {
    const sim = await startSim();
    const video = sim.addVideo();
    const music = { id: 'user:1234-pixverse:sim@example.com-music:5', type: 'music', elapsed: '00:10' };
    sim.schedulerExtras.push(music);
    const list = (await v2(sim, SCHEDULER)).body;
    expect(list.map((e: { id: string; type: string }) => [e.id, e.type])).toEqual([
      [video.id, 'video'],
      [music.id, 'music'],
    ]);
  });

  it('lists every video newest first, website and queued ones included, with limit and offset', async () => {
    const clock = new FakeClock();
    const sim = await startSim({ clock });
    const ids: string[] = [];
    for (const spec of [{ queuedMs: 0, generatingMs: 0 }, { website: true }, {}, {}]) {
      ids.push(sim.addVideo(spec).id);
      await clock.advance(1000);
    }
    const all = await v2(sim, VIDEOS);
    expect(all.status).toBe(200);
    expect(all.body.data.map((v: { video_id: string }) => v.video_id)).toEqual([...ids].reverse());
    expect(all.body.data.map((v: { video_status: number }) => v.video_status)).toEqual([5, 5, 5, 1]);
    const page = await v2(sim, `${VIDEOS}?limit=2&offset=1`);
    expect(page.body.data.map((v: { video_id: string }) => v.video_id)).toEqual([ids[2], ids[1]]);
    expect((await v2(sim, `${VIDEOS}?limit=lots`)).status).toBe(400);
    // The website video is in the list, never in the scheduler.
    const scheduled = (await v2(sim, SCHEDULER)).body.map((e: { id: string }) => e.id);
    expect(scheduled).toEqual([ids[2], ids[3]]);
  });

  it('needs email= once several accounts have videos, and filters by it', async () => {
    const sim = await startSim();
    const ann = sim.addVideo({ email: 'ann@example.com' });
    expect((await v2(sim, VIDEOS)).body.data).toHaveLength(1);
    const bob = sim.addVideo({ email: 'bob@example.com' });
    expect((await v2(sim, VIDEOS)).status).toBe(400);
    const annOnly = await v2(sim, `${VIDEOS}?email=ann@example.com`);
    expect(annOnly.body.data.map((v: { video_id: string }) => v.video_id)).toEqual([ann.id]);
    const bobOnly = await v2(sim, `${VIDEOS}?email=${encodeURIComponent('bob@example.com')}`);
    expect(bobOnly.body.data.map((v: { video_id: string }) => v.video_id)).toEqual([bob.id]);
  });

  it('DELETE scheduler/{id} stops listing a running video but it still completes; 404 when not running', async () => {
    const clock = new FakeClock();
    const sim = await startSim({ clock });
    const video = sim.addVideo({ queuedMs: 10_000, generatingMs: 10_000 });
    const website = sim.addVideo({ website: true });
    const stop = (id: string) => v2(sim, `${SCHEDULER}${id}`, { method: 'DELETE' });
    expect((await stop(video.id)).status).toBe(204);
    expect((await v2(sim, SCHEDULER)).body).toEqual([]);
    expect((await stop(video.id)).status).toBe(404);
    expect((await stop(website.id)).status).toBe(404);
    expect((await stop('user:1-pixverse:x@example.com-video:9')).status).toBe(404);
    await clock.advance(20_000);
    expect((await v2(sim, videoPath(video.id))).body.video_status).toBe(1);
    const finished = sim.addVideo({ queuedMs: 0, generatingMs: 0 });
    expect((await stop(finished.id)).status).toBe(404);
    expect(sim.apiRequests.filter((r) => r.route === 'v2-cancel').map((r) => r.method)).toEqual([
      'DELETE',
      'DELETE',
      'DELETE',
      'DELETE',
      'DELETE',
    ]);
  });

  it('records DELETE videos/{id}, the call the app must never make, even with the logs off', async () => {
    const sim = await startSim({ recordRequests: false });
    const video = sim.addVideo();
    expect(sim.videoDeletions).toEqual([]);
    const res = await v2(sim, videoPath(video.id), { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(sim.videoDeletions).toEqual([video.id]);
    expect((await v2(sim, videoPath(video.id))).status).toBe(404);
  });

  it('records each v2 request with its route, id, method and whether it was authorized', async () => {
    const sim = await startSim();
    const video = sim.addVideo();
    await v2(sim, videoPath(video.id));
    await v2(sim, SCHEDULER, { token: null });
    await v2(sim, `${VIDEOS}?limit=1`);
    await v2(sim, `${SCHEDULER}${video.id}`, { method: 'DELETE' });
    await v2(sim, videoPath(video.id), { method: 'DELETE' });
    const seen = sim.apiRequests.map(({ route, jobid, method, authorized }) => ({
      route,
      jobid,
      method,
      authorized,
    }));
    expect(seen).toEqual([
      { route: 'v2-video', jobid: video.id, method: 'GET', authorized: true },
      { route: 'v2-scheduler', jobid: undefined, method: 'GET', authorized: false },
      { route: 'v2-videos', jobid: undefined, method: 'GET', authorized: true },
      { route: 'v2-cancel', jobid: video.id, method: 'DELETE', authorized: true },
      { route: 'v2-delete-video', jobid: video.id, method: 'DELETE', authorized: true },
    ]);
  });
});
