import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../main/core/jobs/job.js';
import type { TrackedJob } from '../../main/core/store/job-store-schema.js';
import { renderFrame, type JobRow } from '../../main/cli/live-view-rows.js';

// What one frame of the live view says about each kind of job: the words, the bars, the estimates.
const plain = pc.createColors(false);

function row(job: Partial<Job> & Pick<Job, 'state'>, tracked: Partial<TrackedJob> = {}): JobRow {
  const source = job.source ?? 'v1';
  const id = job.id ?? 'job-1';
  return {
    jobid: id,
    source,
    job: {
      jobid: id,
      source,
      addedAt: 0,
      state: 'active',
      finishAnnounced: false,
      job: { source, id, results: [], ...job },
      ...tracked,
    } as TrackedJob,
    downloads: new Map(),
  };
}

const frame = (rows: JobRow[], width = 100, now = 60_000) =>
  renderFrame({
    rows,
    width,
    colors: plain,
    tick: 0,
    now,
    elapsedMs: 65_000,
    downloads: true,
    clean: (t) => t,
  }).split('\n');

describe('a frame of the live view', () => {
  it('shows v1 progress as a bar with the percentage, and the time left once progress moved', () => {
    const generating = row({ state: 'running', progress: 40, prompt: 'a fox in the snow' });
    expect(frame([generating])[0]).toMatch(/^⠋ a fox in the snow +generating +█{6}░{10} {2}40%$/);
    // 10 % → 40 % in 30 s: 60 % more takes about a minute.
    generating.firstProgress = { at: 30_000, progress: 10 };
    expect(frame([generating])[0]).toMatch(/40% {2}~1m 00s left$/);
  });

  it('shows a v2 job waiting in the queue with its place and expected wait', () => {
    const queued = row({
      source: 'v2',
      state: 'queued',
      queuePosition: 3,
      queueWaitSec: 95,
      prompt: 'a heron',
    });
    expect(frame([queued])[0]).toMatch(/^⠋ a heron +queued +#3 in queue, ~1m 35s wait$/);
  });

  it('names how a job ended, with its reason', () => {
    const lines = frame([
      row(
        { state: 'failed', prompt: 'a boat', error: { message: 'PixVerse could not generate this video' } },
        { state: 'failed' },
      ),
      row(
        { state: 'moderated', prompt: 'forbidden', error: { message: 'rejected by moderation' } },
        { state: 'moderated' },
      ),
      row(
        { state: 'not-found' },
        { state: 'not-found', lastError: 'useapi.net does not know job job-1 (404)' },
      ),
    ]);
    expect(lines[0]).toMatch(/^✖ a boat +failed +PixVerse could not generate this video$/);
    expect(lines[1]).toMatch(/^⊘ forbidden +moderated +rejected by moderation$/);
    expect(lines[2]).toMatch(/^– job-1 +not found +useapi\.net does not know job job-1 \(404\)$/);
  });

  it('shows a download with a bar, bytes, rate and ETA, then the saved file', () => {
    const done = row({ state: 'completed', prompt: 'a lighthouse' }, { state: 'completed' });
    done.downloads.set('#0', {
      file: '/videos/lighthouse.mp4',
      bytes: 1024 * 1024,
      total: 4 * 1024 * 1024,
      rate: 512 * 1024,
      state: 'downloading',
    });
    const lines = frame([done]);
    expect(lines[0]).toMatch(/^↓ a lighthouse +downloading$/);
    expect(lines[1]).toMatch(
      /^ {4}↓ lighthouse\.mp4 {2}█{4}░{12} {2}25% {2}1\.0 MB\/4\.0 MB {2}512 KB\/s {2}ETA 6s$/,
    );
    done.downloads.set('#0', {
      file: '/videos/lighthouse.mp4',
      bytes: 4 * 1024 * 1024,
      rate: 0,
      state: 'saved',
    });
    expect(frame([done]).slice(0, 2)).toEqual(['✔ a lighthouse  saved', '    ✔ lighthouse.mp4  4.0 MB']);
  });

  it('says when another process saves the video and this run waits for it', () => {
    const waiting = row({ state: 'completed', prompt: 'a lighthouse' }, { state: 'completed' });
    waiting.downloads.set('#0', { file: '/videos/lighthouse.mp4', bytes: 0, rate: 0, state: 'elsewhere' });
    expect(frame([waiting]).slice(0, 2)).toEqual([
      '↓ a lighthouse  downloading',
      '    ↓ lighthouse.mp4  another process is saving it',
    ]);
  });

  it('keeps every line within the width, cutting the prompt with …', () => {
    const long = row({ state: 'running', progress: 5, prompt: 'x'.repeat(300) });
    for (const width of [40, 60, 80, 200]) {
      const lines = frame([long], width);
      for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(width);
      expect(lines[0]).toContain('x…');
    }
  });

  it('ends with the count of jobs, how many run, and the time so far', () => {
    const lines = frame([row({ state: 'running' }), row({ state: 'completed' }, { state: 'completed' })]);
    expect(lines.at(-1)).toBe('2 jobs, 1 running · 1m 05s · Ctrl+C to stop');
  });
});
