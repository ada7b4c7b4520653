import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { V2_VIDEO_ID } from '../../../main/core/jobs/job-id.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useSimulator } from '../../helpers/sim.js';
import { download, v2, videoPath } from './v2-calls.js';

const startSim = useSimulator();

async function started(spec: Parameters<Awaited<ReturnType<typeof startSim>>['addVideo']>[0] = {}) {
  const clock = new FakeClock();
  const sim = await startSim({ clock });
  const video = sim.addVideo({ queuedMs: 30_000, generatingMs: 60_000, ...spec });
  const read = async () => v2(sim, videoPath(video.id));
  return { sim, clock, video, read };
}

describe('useapi simulator v2: one video', () => {
  it('moves a video from QUEUED (with queue_data) through GENERATING to COMPLETED with a url', async () => {
    const { sim, clock, video, read } = await started({
      email: 'ann@example.com',
      model: 'v5',
      quality: '720p',
      duration: 8,
      aspect_ratio: '9:16',
      queueAhead: 4,
    });
    expect(video.id).toMatch(V2_VIDEO_ID);
    expect(video.id).toContain('-pixverse:ann@example.com-video:');

    const queued = await read();
    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({
      video_id: video.id,
      video_status: 5,
      video_status_name: 'QUEUED',
      video_status_final: false,
      model: 'v5',
      quality: '720p',
      duration: 8,
      video_duration: 8,
      aspect_ratio: '9:16',
      first_frame: '',
      output_width: 0,
      output_height: 0,
      queue_data: { queue_time: 30, queue_count: 4 },
    });
    expect(queued.body.url).toBeUndefined();
    expect(queued.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await clock.advance(20_000);
    expect((await read()).body.queue_data).toEqual({ queue_time: 10, queue_count: 1 });

    await clock.advance(20_000);
    const generating = (await read()).body;
    expect(generating).toMatchObject({ video_status: 10, video_status_name: 'GENERATING' });
    expect(generating).toMatchObject({ video_status_final: false, output_width: 0 });
    expect(generating.url).toBeUndefined();

    await clock.advance(60_000);
    const done = (await read()).body;
    expect(done).toMatchObject({ video_status: 1, video_status_name: 'COMPLETED', video_status_final: true });
    expect([done.output_width, done.output_height]).toEqual([720, 1280]);
    expect(done.url.startsWith(`${sim.cdnUrl}/`)).toBe(true);
    expect(done.first_frame.startsWith(`${sim.cdnUrl}/`)).toBe(true);
    expect(done.error).toBeUndefined();
    const file = await download(done.url);
    expect(file.status).toBe(200);
    expect(createHash('sha256').update(file.body).digest('hex')).toBe(video.media.sha256());
    expect((await download(done.first_frame)).headers.get('content-type')).toBe('image/png');
  });

  it('ends a failed video with status 8 and a top-level error, a moderated one with 7 and none', async () => {
    const clock = new FakeClock();
    const sim = await startSim({ clock });
    const failed = sim.addVideo({ outcome: 'failed', queuedMs: 0, generatingMs: 1000 });
    const moderated = sim.addVideo({ outcome: 'moderated', queuedMs: 0, generatingMs: 1000 });
    await clock.advance(1000);
    const f = (await v2(sim, videoPath(failed.id))).body;
    expect(f).toMatchObject({ video_status: 8, video_status_name: 'FAILED', video_status_final: true });
    expect(typeof f.error).toBe('string');
    expect(f.url).toBeUndefined();
    const m = (await v2(sim, videoPath(moderated.id))).body;
    expect(m).toMatchObject({ video_status: 7, video_status_name: 'MODERATED', video_status_final: true });
    expect(m.error).toBeUndefined();
    expect(m.url).toBeUndefined();
  });

  it('shows an early url while GENERATING whose file is only there once the video is complete', async () => {
    const { clock, read } = await started({ earlyUrl: true });
    expect((await read()).body.url).toBeUndefined();
    await clock.advance(40_000);
    const generating = (await read()).body;
    expect(generating).toMatchObject({ video_status: 10, video_status_final: false, output_width: 0 });
    expect(typeof generating.url).toBe('string');
    expect((await download(generating.url)).status).toBe(404);
    await clock.advance(60_000);
    const done = (await read()).body;
    expect(done.video_status).toBe(1);
    expect((await download(generating.url)).status).toBe(200);
  });

  it('answers only video_status, never its name or finality, for a numeric-only video', async () => {
    const { clock, read } = await started({ numericOnly: true });
    const statuses: number[] = [];
    for (const step of [0, 40_000, 60_000]) {
      await clock.advance(step);
      const body = (await read()).body;
      expect(Object.keys(body)).not.toContain('video_status_name');
      expect(Object.keys(body)).not.toContain('video_status_final');
      statuses.push(body.video_status);
    }
    expect(statuses).toEqual([5, 10, 1]);
  });

  it('answers 404 for a video still processing during its not-found window, then the video', async () => {
    const { sim, clock, video, read } = await started({ notFoundForMs: 45_000 });
    const hidden = await read();
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ error: expect.any(String), code: 404 });
    expect((await v2(sim, '/v2/pixverse/videos/')).body.data).toEqual([]);
    expect((await v2(sim, '/v2/pixverse/scheduler/')).body.map((e: { id: string }) => e.id)).toEqual([
      video.id,
    ]);
    await clock.advance(45_000);
    const shown = await read();
    expect([shown.status, shown.body.video_status]).toEqual([200, 10]);
  });

  it('takes the id raw in the path and rejects the percent-encoded form with 400', async () => {
    const { sim, video, read } = await started({ email: 'bob+tray@example.com' });
    expect((await read()).status).toBe(200);
    const encoded = await v2(sim, videoPath(encodeURIComponent(video.id)));
    expect(encoded.status).toBe(400);
    expect(encoded.body.code).toBe(400);
    const atOnly = await v2(sim, videoPath(video.id.replace('@', '%40')));
    expect(atOnly.status).toBe(400);
    const unknown = await v2(sim, videoPath('user:1234-pixverse:bob+tray@example.com-video:1'));
    expect(unknown.status).toBe(404);
  });

  it('answers 401 without the right Bearer token and 402 without a subscription', async () => {
    const { sim, video } = await started();
    expect(await v2(sim, videoPath(video.id), { token: null })).toMatchObject({
      status: 401,
      body: { error: 'Unauthorized', code: 401 },
    });
    expect((await v2(sim, '/v2/pixverse/scheduler/', { token: 'wrong' })).status).toBe(401);
    sim.subscriptionActive = false;
    const unpaid = await v2(sim, '/v2/pixverse/videos/');
    expect([unpaid.status, unpaid.body.code]).toEqual([402, 402]);
  });

  it("can answer as useapi's status table documents: QUEUED marked final, 9 for GENERATING", async () => {
    const { clock, read } = await started({ queuedFinal: true, generatingStatus: 9 });
    expect((await read()).body).toMatchObject({ video_status: 5, video_status_final: true });
    await clock.advance(40_000);
    expect((await read()).body).toMatchObject({
      video_status: 9,
      video_status_name: 'GENERATING',
      video_status_final: false,
    });
    await clock.advance(60_000);
    expect((await read()).body).toMatchObject({ video_status: 1, video_status_final: true });
  });

  it('merges extra fields into every answer', async () => {
    const { read } = await started({ extra: { off_peak: 1, template_id: 307489548427968 } });
    expect((await read()).body).toMatchObject({ off_peak: 1, template_id: 307489548427968 });
  });
});
