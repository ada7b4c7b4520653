import { describe, expect, it } from 'vitest';
import type { Job } from '../../main/core/jobs/job.js';
import { useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';
import { modelJob } from '../helpers/window-seed.js';

const openWindow = useWindow();

/** A 1×1 PNG: what a media host answers for a live preview. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=',
  'base64',
);

/** A completed v1 job in the app's model. */
const v1Job = (id: string, fields: Partial<Job>): Job =>
  modelJob('v1', id, { state: 'completed', ...fields });

describe("the window's content security policy (Chromium)", () => {
  it('loads previews from the media hosts the APIs use, and never from any other https host', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { autoDownload: false } });
    const asked: string[] = [];
    await w.page.route('https://**/*', async (route) => {
      asked.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
    });
    const session = w.controller.session!;
    session.scheduler.pause();
    const previews = {
      'user:1-job:tracker': 'https://tracker.example/p.gif',
      'user:1-job:pixverse': 'https://media.pixverse.ai/frames/a.jpg',
      'user:1-job:discord-cdn': 'https://cdn.discordapp.com/attachments/1/2/a.png',
      'user:1-job:discord-media': 'https://media.discordapp.net/attachments/1/2/b.png',
    };
    for (const [id, preview] of Object.entries(previews)) {
      session.store.add(id, 'v1');
      session.store.update(id, {
        state: 'completed',
        job: v1Job(id, { prompt: `Preview of ${id}`, preview }),
      });
    }
    await w.page.reload();
    await w.page.locator('job-row', { hasText: 'job:tracker' }).waitFor();
    const allowed = Object.values(previews).filter((url) => !url.includes('tracker'));
    await expect.poll(() => allowed.filter((url) => asked.includes(url)).sort()).toEqual(allowed.sort());
    // The tracker's row rendered (and settled) alongside the others: its image was refused by the policy.
    await expect.poll(() => w.problems.csp.some((line) => line.includes('tracker.example'))).toBe(true);
    expect(asked.filter((url) => url.includes('tracker.example'))).toEqual([]);
  });
});
