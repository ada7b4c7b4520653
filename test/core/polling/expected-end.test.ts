import { describe, expect, it } from 'vitest';
import { ok } from '../../helpers/fake-api.js';
import { harness } from '../../helpers/scheduler-harness.js';

const S = 1000;
const iso = (t: number) => new Date(t).toISOString();

describe('PollScheduler.expectedEnd: when a job is expected to end, for "about N minutes left"', () => {
  it('follows the pace of the progress the answers show, the earliest end never after the likely one', async () => {
    const h = harness();
    const start = h.clock.now();
    const runMs = 600 * S;
    // Refreshed every 20 s; progress grows steadily over 10 minutes.
    h.api.script('a', (_call, now) => {
      const tick = start + Math.floor((now - start) / (20 * S)) * 20 * S;
      const progress = Math.min(99, Math.floor((100 * (tick - start)) / runMs));
      return ok({
        jobid: 'a',
        status: 'progress',
        created: iso(start),
        updated: iso(tick),
        content: `(${progress}%)`,
      });
    });
    h.scheduler.start();
    expect(h.scheduler.expectedEnd('a')).toBeUndefined(); // not tracked
    h.scheduler.track('a');
    await h.clock.advance(1 * S);
    expect(h.scheduler.expectedEnd('a')).toBeUndefined(); // 0 %: no pace, no history

    await h.clock.advance(300 * S);
    const end = h.scheduler.expectedEnd('a')!;
    expect(end).toBeDefined();
    expect(Math.abs(end.likely - (start + runMs))).toBeLessThanOrEqual(60 * S);
    expect(end.earliest).toBeGreaterThanOrEqual(h.clock.now());
    expect(end.earliest).toBeLessThanOrEqual(end.likely);
    expect(end.earliest).toBeLessThan(start + runMs);
  });

  it('uses what finished jobs of the same kind took when the answers show no progress', async () => {
    const h = harness();
    const t0 = h.clock.now();
    // Six jobs of the same (default) kind that took 8 minutes each from creation to the end.
    for (let i = 0; i < 6; i++)
      h.api.script(`old${i}`, () =>
        ok({ jobid: `old${i}`, status: 'completed', created: iso(t0 - 480 * S), updated: iso(t0) }),
      );
    h.scheduler.start();
    for (let i = 0; i < 6; i++) h.scheduler.track(`old${i}`);
    await h.clock.advance(1 * S);

    const created = h.clock.now();
    h.api.script('new', () => ok({ jobid: 'new', status: 'progress', created: iso(created) }));
    h.scheduler.track('new');
    await h.clock.advance(60 * S);
    const end = h.scheduler.expectedEnd('new')!;
    expect(end).toBeDefined();
    expect(Math.abs(end.likely - (created + 480 * S))).toBeLessThanOrEqual(2 * S);
    expect(end.earliest).toBeLessThan(end.likely);
    expect(end.earliest).toBeGreaterThanOrEqual(h.clock.now());
  });
});
