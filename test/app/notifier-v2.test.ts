import { describe, expect, it } from 'vitest';
import type { Job } from '../../main/core/jobs/job.js';
import { Notification } from '../fakes/electron.js';
import { notifierHarness } from '../helpers/notifier-harness.js';

const videoId = (n: number) => `user:1234-pixverse:ann@example.com-video:${n}`;
const v2Job = (id: string, fields: Partial<Job>): Job => ({
  source: 'v2',
  id,
  state: 'completed',
  results: [],
  ...fields,
});

function setup() {
  const { store, notifier, opened } = notifierHarness();
  const finished = (id: string, fields: Partial<Job>) => {
    store.add(id, 'v2');
    const state = fields.state ?? 'completed';
    return store.update(id, {
      state: state === 'running' ? 'active' : (state as 'completed'),
      job: v2Job(id, fields),
    });
  };
  return { store, notifier, opened, finished };
}

describe('Notifier and v2 jobs', () => {
  it('names a v2 job by its prompt and the model and quality it was made with', () => {
    const { notifier, finished } = setup();
    notifier.jobFinished(
      finished(videoId(1), { prompt: 'A lighthouse at dawn', model: 'v4.5', quality: '1080p' }),
    );
    notifier.jobFinished(
      finished(videoId(2), {
        state: 'failed',
        prompt: 'A stormy sea',
        model: 'v5',
        error: { message: 'Out of credits' },
      }),
    );
    expect(Notification.shown.map((n) => [n.options.title, n.options.body])).toEqual([
      ['Video ready', 'A lighthouse at dawn\nPixVerse v4.5 · 1080p'],
      ['Generation failed', 'A stormy sea\nPixVerse v5\nOut of credits'],
    ]);
  });

  it('names a v2 video without a prompt by its number, never by the raw id with the email', () => {
    const { notifier, finished } = setup();
    notifier.jobFinished(finished(videoId(998877), { state: 'moderated', model: 'v4.5' }));
    const body = Notification.shown[0]!.options.body!;
    expect(body).toBe('PixVerse video 998877\nPixVerse v4.5');
    expect(body).not.toContain('@');
  });

  it('shows a PixVerse account problem (596) once per account, however many of its jobs report it', () => {
    const { notifier, opened } = setup();
    const message =
      'The PixVerse account ann@example.com is in an error state at useapi.net (596): add it again at useapi.net; its v2 jobs are paused until then, other jobs go on.';
    for (let i = 0; i < 3; i++) notifier.accountProblem({ account: 'ann@example.com', message });
    notifier.accountProblem({ account: 'bob@example.com', message: message.replace('ann', 'bob') });
    expect(Notification.shown.map((n) => n.options.title)).toEqual([
      'PixVerse account needs attention',
      'PixVerse account needs attention',
    ]);
    expect(Notification.shown[0]!.options.body).toBe(message);
    Notification.shown[0]!.emit('click');
    expect(opened).toEqual(['jobs']);
  });
});
