import { describe, expect, it } from 'vitest';
import { accountOf, fromV2Answer, readableFileName } from '../../../../main/core/api/v2/adapter.js';
import { videoSchema, type V2Answer } from '../../../../main/core/api/v2/schema.js';

const ID = 'user:1234-pixverse:ann@example.com-video:998877';
const URL_MP4 = 'https://media.pixverse.ai/pixverse/mp4/media/web/ori/998877.mp4';
const FRAME = 'https://media.pixverse.ai/pixverse/jpg/media/web/ori/998877.jpg';

/** An answer shaped as useapi documents it, with the fields a generating video has. */
const answer = (patch: Record<string, unknown>): V2Answer =>
  videoSchema.parse({
    video_id: ID,
    created_at: '2026-11-24T12:00:00Z',
    prompt: 'A cat surfing: a big wave at sunset!',
    model: 'v5',
    quality: '540p',
    duration: 5,
    aspect_ratio: '16:9',
    seed: 42,
    first_frame: '',
    last_frame: '',
    output_width: 0,
    output_height: 0,
    ...patch,
  });

const DONE = {
  video_status: 1,
  video_status_name: 'COMPLETED',
  video_status_final: true,
  url: URL_MP4,
  first_frame: FRAME,
  output_width: 1024,
  output_height: 576,
};

describe('the v2 adapter', () => {
  it.each([
    [{ video_status: 5, video_status_name: 'QUEUED', video_status_final: false }, 'queued'],
    [{ video_status: 10, video_status_name: 'GENERATING', video_status_final: false }, 'running'],
    [DONE, 'completed'],
    [{ video_status: 7, video_status_name: 'MODERATED', video_status_final: true }, 'moderated'],
    [{ video_status: 8, video_status_name: 'FAILED', video_status_final: true }, 'failed'],
  ])('reads %o as %s', (patch, state) => {
    const job = fromV2Answer(answer(patch), ID);
    expect(job).toMatchObject({ source: 'v2', id: ID, state });
    expect(job.unknown).toBeUndefined();
  });

  it.each([
    [5, 'queued'],
    [9, 'running'],
    [10, 'running'],
    [7, 'moderated'],
    [8, 'failed'],
  ])('maps the bare status number %i to %s', (video_status, state) => {
    const job = fromV2Answer(answer({ video_status }), ID);
    expect(job.state).toBe(state);
    expect(job.unknown).toBeUndefined();
  });

  it('completes a numeric-only answer once it has its url and width', () => {
    const job = fromV2Answer(answer({ video_status: 1, url: URL_MP4, output_width: 720 }), ID);
    expect(job.state).toBe('completed');
    expect(job.results).toEqual([
      { key: 'video', url: URL_MP4, width: 720, fileName: 'a-cat-surfing-a-big-wave-998877.mp4' },
    ]);
  });

  it('keeps a QUEUED video queued even when the answer marks it final (as useapi’s table does)', () => {
    const queued = { video_status: 5, video_status_name: 'QUEUED', video_status_final: true };
    expect(fromV2Answer(answer(queued), ID).state).toBe('queued');
  });

  it('prefers the status name over the number', () => {
    const job = fromV2Answer(answer({ video_status: 5, video_status_name: 'GENERATING' }), ID);
    expect(job.state).toBe('running');
  });

  it('keeps a video with an early url running, with no result, until it is final and completed', () => {
    const early = {
      video_status: 10,
      video_status_name: 'GENERATING',
      video_status_final: false,
      url: URL_MP4,
    };
    expect(fromV2Answer(answer(early), ID)).toMatchObject({ state: 'running', results: [] });
    const notFinal = { ...DONE, video_status_final: false };
    expect(fromV2Answer(answer(notFinal), ID)).toMatchObject({ state: 'running', results: [] });
    const noWidth = { ...DONE, output_width: 0 };
    expect(fromV2Answer(answer(noWidth), ID)).toMatchObject({ state: 'running', results: [] });
    const noUrl = { ...DONE, url: '' };
    expect(fromV2Answer(answer(noUrl), ID)).toMatchObject({ state: 'running', results: [] });
  });

  it('reads model, quality, duration, ratio, prompt, creation time, preview and the video', () => {
    expect(fromV2Answer(answer(DONE), ID)).toMatchObject({
      model: 'v5',
      quality: '540p',
      durationSec: 5,
      aspectRatio: '16:9',
      prompt: 'A cat surfing: a big wave at sunset!',
      created: '2026-11-24T12:00:00Z',
      preview: FRAME,
      results: [{ key: 'video', url: URL_MP4, width: 1024, height: 576 }],
    });
    expect(fromV2Answer(answer({ video_duration: 8, duration: undefined }), ID).durationSec).toBe(8);
  });

  it('shows no preview while first_frame is empty', () => {
    const job = fromV2Answer(answer({ video_status: 10, first_frame: '' }), ID);
    expect(job).not.toHaveProperty('preview');
  });

  it('reads the queue position and wait while queued', () => {
    const queued = answer({ video_status: 5, queue_data: { queue_time: 40, queue_count: 3 } });
    expect(fromV2Answer(queued, ID)).toMatchObject({ state: 'queued', queuePosition: 3, queueWaitSec: 40 });
    const running = answer({ video_status: 10, queue_data: { queue_time: 0, queue_count: 0 } });
    expect(fromV2Answer(running, ID)).not.toHaveProperty('queuePosition');
  });

  it('fails a video whose answer carries an error, with that message', () => {
    const job = fromV2Answer(answer({ video_status: 10, error: 'Insufficient credits', code: 500 }), ID);
    expect(job).toMatchObject({ state: 'failed', error: { message: 'Insufficient credits' } });
  });

  it('words why a moderated or failed video stopped when the API does not', () => {
    expect(fromV2Answer(answer({ video_status: 7 }), ID).error?.message).toMatch(/moderated/);
    expect(fromV2Answer(answer({ video_status: 8 }), ID).error?.message).toMatch(/failed/);
  });

  it('keeps an unknown status number running and reports it', () => {
    const job = fromV2Answer(answer({ video_status: 42 }), ID);
    expect(job).toMatchObject({ state: 'running', unknown: ['video_status=42'] });
  });

  it('tolerates unknown fields and keeps the answer as it came', () => {
    const raw = { ...DONE, brand_new_field: { nested: true }, credits_used: 20 };
    const job = fromV2Answer(answer(raw), ID);
    expect(job.state).toBe('completed');
    expect(job.raw).toMatchObject({ brand_new_field: { nested: true } });
  });

  it('names the file from prompt words and the video number, never the raw id', () => {
    expect(readableFileName('A cat: surfing / on CON.txt', ID)).toBe('a-cat-surfing-on-con-txt-998877.mp4');
    expect(readableFileName(undefined, ID)).toBe('pixverse-998877.mp4');
    expect(readableFileName('日本の 猫', ID)).toBe('日本の-猫-998877.mp4');
    const name = readableFileName('x'.repeat(500), ID);
    expect(name.length).toBeLessThan(80);
    expect(name).not.toMatch(/[:@/\\]/);
  });

  it('tells the account from the id', () => {
    expect(accountOf(ID)).toBe('ann@example.com');
    expect(accountOf('plain-v1-jobid')).toBeUndefined();
  });
});
