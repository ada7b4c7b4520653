// Every way a job reaches the app (window, tray clipboard, deep link, --track) takes v2 ids and
// what carries one, tracks it as a v2 job, and refuses what is not one job.
import { describe, expect, it } from 'vitest';
import { Notification, clipboard } from '../fakes/electron.js';
import { appDirs, makeApp, storeToken } from '../helpers/app-harness.js';

const V1 = 'user:12345-pixverse:987654321098765432-job:5b6d4c8e';
const V2 = 'user:12345-pixverse:ann.lee+work@example.com-video:998877665';
const V2_OTHER = 'user:12345-pixverse:ann.lee+work@example.com-video:111222333';
const TOKEN = 'tok-add-job-input-1234';

async function startedApp() {
  const dirs = appDirs();
  storeToken(dirs, TOKEN);
  // Nothing listens at the harness's API: these tests are about what gets tracked, not polled.
  const app = makeApp(dirs, { pollIntervalSec: 3600, autoDiscovery: false });
  await app.controller.start();
  app.controller.openWindow();
  const sources = () =>
    Object.fromEntries(app.controller.session!.store.all().map((job) => [job.jobid, job.source]));
  return { app, sources };
}

describe('adding a job from the window', () => {
  it('tracks a pasted v2 answer as a v2 job and says which', async () => {
    const { app, sources } = await startedApp();
    const answer = JSON.stringify({ video_id: V2, video_status: 5, video_status_name: 'QUEUED' });
    expect(await app.invoke('addJob', answer)).toEqual({ ok: true, jobid: V2, source: 'v2' });
    expect(await app.invoke('addJob', `"${V1}"`)).toEqual({ ok: true, jobid: V1, source: 'v1' });
    expect(sources()).toEqual({ [V2]: 'v2', [V1]: 'v1' });
  });

  it('says a job is already tracked instead of nothing', async () => {
    const { app } = await startedApp();
    expect(await app.invoke('addJob', V2)).toEqual({ ok: true, jobid: V2, source: 'v2' });
    expect(await app.invoke('addJob', `https://api.useapi.net/v2/pixverse/videos/${V2}`)).toEqual({
      ok: true,
      jobid: V2,
      source: 'v2',
      alreadyTracked: true,
    });
  });

  it.each([
    ['a list of two ids', JSON.stringify([V1, V2]), /one job at a time/],
    ['an id with its closing quote missing', `"${V1}`, /no quotes/],
    ['a pixverse.ai page with only its own number', 'https://app.pixverse.ai/video/998877665', /video_id/],
  ])('refuses %s with a reason and tracks nothing', async (_what, text, reason) => {
    const { app, sources } = await startedApp();
    expect(await app.invoke('addJob', text)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
    expect(sources()).toEqual({});
  });
});

describe('adding a job from the tray', () => {
  it('tracks a v2 curl line from the clipboard without showing its token', async () => {
    const { app, sources } = await startedApp();
    clipboard.text = `curl "https://api.useapi.net/v2/pixverse/videos/${V2}" -H "Authorization: Bearer ${TOKEN}"'`;
    app.tray().click('Add Job from Clipboard');
    expect(sources()).toEqual({ [V2]: 'v2' });
    expect(Notification.shown.at(-1)?.options).toMatchObject({ title: 'Tracking job', body: V2 });
    expect(JSON.stringify(Notification.shown.map((n) => n.options))).not.toContain(TOKEN);
  });
});

describe('adding jobs from a launch', () => {
  it('tracks v2 ids from deep links and --track, by their shape', async () => {
    const { app, sources } = await startedApp();
    app.controller.handleArgs([
      '/opt/PixVerse Tray/pixverse-tray',
      `pixverse-tray://track/${encodeURIComponent(V2)}`,
      '--track',
      `https://api.useapi.net/v2/pixverse/scheduler/${V2_OTHER}`,
      `--track=https://api.useapi.net/v1/pixverse/jobs/?jobid=${V1}`,
      '--track',
      '["two", "jobs"]',
    ]);
    expect(sources()).toEqual({ [V2]: 'v2', [V2_OTHER]: 'v2', [V1]: 'v1' });
  });
});
