import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useSimulator } from '../../helpers/sim.js';
import { download, v2, videoPath } from './v2-calls.js';

const startSim = useSimulator();

describe('useapi simulator v2: faults', () => {
  it('answers 429 with or without Retry-After on the v2 route it was queued for only', async () => {
    const sim = await startSim();
    const video = sim.addVideo();
    sim.faults.add({ kind: 'rate-limit', retryAfter: '30' }, { route: 'v2-video' });
    sim.faults.add({ kind: 'rate-limit' }, { route: 'v2-scheduler' });
    expect((await v2(sim, '/v2/pixverse/videos/')).status).toBe(200);
    const busy = await v2(sim, videoPath(video.id));
    expect([busy.status, busy.headers.get('retry-after'), busy.body.code]).toEqual([429, '30', 429]);
    expect(typeof busy.body.error).toBe('string');
    const busyList = await v2(sim, '/v2/pixverse/scheduler/');
    expect([busyList.status, busyList.headers.get('retry-after')]).toEqual([429, null]);
    expect((await v2(sim, videoPath(video.id))).status).toBe(200);
  });

  it("answers 596 with useapi's error body when the account is in an error state", async () => {
    const sim = await startSim();
    sim.faults.add({ kind: 'status', status: 596 }, { route: 'v2-videos', count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await v2(sim, '/v2/pixverse/videos/');
      expect(res.status).toBe(596);
      expect(res.body).toEqual({ error: expect.stringMatching(/account/i), code: 596 });
    }
    expect((await v2(sim, '/v2/pixverse/videos/')).status).toBe(200);
  });

  it('applies faults to one video id, and to DELETE scheduler/{id}', async () => {
    const sim = await startSim();
    const a = sim.addVideo();
    const b = sim.addVideo();
    sim.faults.add({ kind: 'malformed' }, { route: 'v2-video', jobid: b.id });
    sim.faults.add({ kind: 'status', status: 503 }, { route: 'v2-cancel' });
    expect((await v2(sim, videoPath(a.id))).status).toBe(200);
    const malformed = await v2(sim, videoPath(b.id));
    expect(malformed.status).toBe(200);
    expect(typeof malformed.body).toBe('string'); // not JSON
    const cancel = await v2(sim, `/v2/pixverse/scheduler/${a.id}`, { method: 'DELETE' });
    expect(cancel.status).toBe(503);
    expect((await v2(sim, '/v2/pixverse/scheduler/')).body).toHaveLength(2);
  });

  it('drops the connection for a reset and answers a non-video for not-a-job', async () => {
    const sim = await startSim();
    const video = sim.addVideo();
    sim.faults.add({ kind: 'reset' }, { route: 'v2-video' });
    sim.faults.add({ kind: 'not-a-job' }, { route: 'v2-video' });
    await expect(v2(sim, videoPath(video.id))).rejects.toThrow();
    const odd = await v2(sim, videoPath(video.id));
    expect(odd.status).toBe(200);
    expect(odd.body.video_id).toBeUndefined();
    expect(typeof odd.body.video_status).not.toBe('number');
  });

  it('keeps v1 as it was: v1 faults, lists and jobs ignore v2 videos and the other way round', async () => {
    const sim = await startSim();
    const job = sim.addJob();
    const video = sim.addVideo();
    sim.faults.add({ kind: 'status', status: 500 }, { route: 'job' });
    expect((await v2(sim, videoPath(video.id))).status).toBe(200);
    expect((await v2(sim, `/v1/pixverse/jobs/?jobid=${job.jobid}`)).status).toBe(500);
    sim.faults.add({ kind: 'status', status: 500 }, { route: 'v2-video' });
    const v1 = await v2(sim, `/v1/pixverse/jobs/?jobid=${job.jobid}`);
    expect([v1.status, v1.body.jobid]).toEqual([200, job.jobid]);
    expect((await v2(sim, '/v1/pixverse/jobs')).body).toEqual([job.jobid]);
    expect((await v2(sim, `/v1/pixverse/jobs/?jobid=${video.id}`)).status).toBe(404);
    expect((await v2(sim, videoPath(video.id))).status).toBe(500); // the v2 fault waited for a v2 request
    expect((await v2(sim, videoPath(job.jobid))).status).toBe(400);
    expect(sim.apiRequests.find((r) => r.route === 'job')).toMatchObject({ method: 'GET', jobid: job.jobid });
  });
});

describe('useapi simulator v2: media host', () => {
  async function completedVideo(expiredLinkStatus?: 403 | 404 | 410) {
    const clock = new FakeClock();
    const sim = await startSim({ clock, mediaLinkTtlMs: 60_000, linkTtlMs: 3_600_000 });
    const video = sim.addVideo({ queuedMs: 0, generatingMs: 0, videoSize: 2_000_000, expiredLinkStatus });
    const fetchUrl = async () => (await v2(sim, videoPath(video.id))).body.url as string;
    return { sim, clock, video, fetchUrl };
  }

  for (const status of [403, 404, 410] as const) {
    it(`expires a url with ${status}; the next fetch of the video gives a fresh one that works`, async () => {
      const { clock, fetchUrl } = await completedVideo(status);
      const first = await fetchUrl();
      expect((await download(first)).status).toBe(200);
      await clock.advance(61_000);
      expect((await download(first)).status).toBe(status);
      const fresh = await fetchUrl();
      expect(fresh).not.toBe(first);
      expect((await download(fresh)).status).toBe(200);
    });
  }

  it('answers 403 for an expired url by default and for a tampered one', async () => {
    const { clock, fetchUrl } = await completedVideo();
    const url = await fetchUrl();
    expect((await download(url.replace(/hm=[0-9a-f]/, 'hm=z'))).status).toBe(403);
    await clock.advance(61_000);
    expect((await download(url)).status).toBe(403);
  });

  it('serves the file with Range and If-Range, with slashes written either way, and records Authorization', async () => {
    const { sim, video, fetchUrl } = await completedVideo();
    const url = await fetchUrl();
    const whole = await download(url);
    expect(whole.body.length).toBe(video.media.size);
    const etag = whole.headers.get('etag')!;
    const part = await download(url, { Range: 'bytes=1500000-', 'If-Range': etag });
    expect(part.status).toBe(206);
    expect(part.body.equals(whole.body.subarray(1_500_000))).toBe(true);
    expect((await download(url, { Range: 'bytes=10-', 'If-Range': '"old"' })).status).toBe(200);
    const decoded = await download(url.replace(/%2F/g, '/'));
    expect(decoded.body.equals(whole.body)).toBe(true);
    await download(url, { Authorization: `Bearer ${sim.token}` });
    expect(sim.cdnRequests.map((r) => r.authorization)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      `Bearer ${sim.token}`,
    ]);
  });

  it('lets tests replace the file behind a video url (new ETag) like a v1 attachment', async () => {
    const { sim, video, fetchUrl } = await completedVideo();
    const url = await fetchUrl();
    const before = (await download(url)).headers.get('etag');
    sim.changeEtag(video.mediaId);
    expect((await download(url)).headers.get('etag')).not.toBe(before);
  });
});
