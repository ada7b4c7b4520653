import { describe, expect, it } from 'vitest';
import { Notification } from '../fakes/electron.js';
import { v1Job } from '../helpers/v1-jobs.js';
import { notifierHarness } from '../helpers/notifier-harness.js';

const setup = notifierHarness;

describe('Notifier', () => {
  it('keeps a reference to each notification until it closes, so its click still works', () => {
    Notification.shown.length = 0;
    const { store, notifier, opened } = setup();
    const { job } = store.add('a');
    store.update('a', { state: 'completed', job: v1Job('a', { prompt: 'p' }) });
    notifier.jobFinished(job);
    notifier.saved(job, 'k', '/d/a.mp4');
    expect(notifier.liveCount).toBe(2);
    Notification.shown[1]!.emit('click');
    expect(opened).toEqual(['/d/a.mp4']);
    Notification.shown[0]!.close();
    expect(notifier.liveCount).toBe(1);
  });

  it('shows each transition once, and a credentials problem once until fixed', () => {
    Notification.shown.length = 0;
    const { store, notifier } = setup();
    const { job } = store.add('a');
    store.update('a', { state: 'failed', job: v1Job('a', { error: 'boom' }) });
    notifier.jobFinished(job);
    notifier.jobFinished(job);
    notifier.credentialsProblem('401');
    notifier.credentialsProblem('401');
    notifier.credentialsFixed();
    notifier.credentialsProblem('402');
    expect(Notification.shown.map((n) => n.options.title)).toEqual([
      'Generation failed',
      'PixVerse Tray stopped polling',
      'PixVerse Tray stopped polling',
    ]);
    expect(Notification.shown[0]!.options.body).toContain('boom');
  });
});
