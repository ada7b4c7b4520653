import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromV1Answer, progressPercent } from '../../../../main/core/api/v1/adapter.js';
import { jobSchema, STATUSES } from '../../../../main/core/api/v1/schema.js';

const seed = JSON.parse(
  fs.readFileSync(new URL('../../../fixtures/seed-examples.json', import.meta.url), 'utf8'),
);

/** The completed example exactly as the useapi.net reference page prints it. */
function referenceExample(): unknown {
  const page = fs.readFileSync('/work/shared/seed/pixverse-jobs-endpoint.txt', 'utf8');
  const start = page.indexOf('{ "jobid"');
  let depth = 0;
  for (let i = start; i < page.length; i++) {
    if (page[i] === '{') depth++;
    if (page[i] === '}' && --depth === 0) return JSON.parse(page.slice(start, i + 1));
  }
  throw new Error('no example in the reference page');
}

const adapt = (answer: unknown, jobid = 'job-1') => fromV1Answer(jobSchema.parse(answer), jobid);

describe('v1 adapter', () => {
  it.each([
    ['the seed fixture', () => seed.completed],
    ['the reference page', referenceExample],
  ])("turns the reference's completed example (%s) into a Job", (_name, example) => {
    const answer = example();
    const job = adapt(answer, 'ignored: the answer names its job');
    expect(job).toEqual({
      source: 'v1',
      id: '<jobid>',
      state: 'completed',
      prompt: 'Sun breaking through clouds over the beautiful view of San Francisco',
      created: '2023-09-09T02:04:49.667Z',
      updated: '2023-09-09T02:19:20.256Z',
      results: [
        {
          key: '<Discord attachment id>',
          url: '<generated video url>',
          altUrl: '<generated proxy video url>',
          fileName: '<generated video filename>',
          contentType: '<generated video type>',
          size: 7204115,
          width: 768,
          height: 768,
        },
      ],
      raw: answer,
    });
  });

  it('maps every documented status onto the state machine, an unknown one to running', () => {
    const states = STATUSES.map((status) => adapt({ status }).state);
    expect(Object.fromEntries(STATUSES.map((s, i) => [s, states[i]]))).toEqual({
      created: 'queued',
      started: 'running',
      progress: 'running',
      completed: 'completed',
      failed: 'failed',
      moderated: 'moderated',
      cancelled: 'cancelled',
    });
    expect(adapt({ jobid: 'job-1' }).state).toBe('queued');
    const unknown = adapt({ status: 'rendering', newField: 1 });
    expect(unknown.state).toBe('running');
    expect(unknown.unknown?.sort()).toEqual(['field:newField', 'status=rendering']);
  });

  it('never repeats the prompt and style PixVerse echoes back as the message', () => {
    const content =
      '<@1> (prompt: A fox (red) in snow style: Anime aspect-ratio: 9:16) (45%) (fast) Author: <@1>)';
    expect(adapt({ status: 'progress', content })).toMatchObject({ progress: 45, message: '(45%) (fast)' });
    expect(
      adapt({ status: 'created', content: '<@1> (prompt: x style: y) Author: <@1>)' }).message,
    ).toBeUndefined();
  });

  it('reads the progress from `(NN%)` in the message, and only a real percentage', () => {
    expect(progressPercent('<@1> (prompt: x) (45%) (fast)')).toBe(45);
    expect(progressPercent('no progress here')).toBeUndefined();
    expect(progressPercent('(250%)')).toBeUndefined();
    // Only the figure in brackets, whole: never a digit cut from a fraction, a sign or the prompt.
    expect(progressPercent('<@1> (prompt: x) (12.5%) (fast)')).toBe(12);
    expect(progressPercent('<@1> (prompt: x) (-5%) (fast)')).toBeUndefined();
    expect(progressPercent('<@1> (prompt: a 100% real fox) (30%) (fast)')).toBe(30);
    expect(
      adapt({ status: 'progress', content: '<@1> (prompt: x) (7%) (fast) Author: <@1>)' }),
    ).toMatchObject({
      progress: 7,
      message: '(7%) (fast)',
    });
  });

  it('says why a job was moderated, from its message when there is no error field, without mention ids', () => {
    const job = adapt({
      status: 'moderated',
      content:
        '<@1122334455667788990> (prompt: a beach) (Moderated: flagged words) Author: <@!1122334455667788990>)',
    });
    expect(job.error).toEqual({ message: 'Moderated: flagged words' });
    expect(job.message).toBe('(Moderated: flagged words)');
  });

  it('keeps error and errorDetails apart', () => {
    expect(
      adapt({ status: 'failed', error: 'PixVerse failed', errorDetails: 'try another seed' }).error,
    ).toEqual({
      message: 'PixVerse failed',
      details: 'try another seed',
    });
    expect(adapt({ status: 'failed', errorDetails: 'only details' }).error).toEqual({
      message: 'only details',
    });
    expect(adapt({ status: 'completed', content: '(prompt: failing light)' }).error).toBeUndefined();
    // The prompt's own words are not a reason, even when they say "fail" and the job failed.
    const failed = adapt({
      status: 'failed',
      content: '<@1> (prompt: a failing bridge (at dusk) style: Anime) (failed)',
    });
    expect(failed.error).toEqual({ message: 'failed' });
    expect(failed.message).toBe('(failed)');
  });

  it('prefers an https preview, and keys results without an id by their place', () => {
    const job = adapt({
      status: 'completed',
      embeds: [
        { image: {} },
        { image: { url: 'http://cdn.test/p.png', proxy_url: 'https://proxy.test/p.png' } },
      ],
      attachments: [{ proxy_url: 'https://proxy.test/a.mp4' }, { id: 'x', url: 'https://cdn.test/b.mp4' }],
    });
    expect(job.preview).toBe('https://proxy.test/p.png');
    expect(job.results).toEqual([
      { key: '#0', url: 'https://proxy.test/a.mp4' },
      { key: 'x', url: 'https://cdn.test/b.mp4' },
    ]);
  });
});
