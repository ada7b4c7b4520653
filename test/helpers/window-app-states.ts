import { until } from './app-harness.js';
import { completedV1, savedVideo, v1Seed, v2Seed, type SeededJob } from './window-job-seeds.js';
import { seedJobs, settled, shows, type StateWindow, type WindowState } from './window-state-steps.js';

const session = (w: StateWindow) => w.controller.session!;
const state = (w: StateWindow) => w.controller.state();

/** A job the simulator runs for an hour, tracked the way the window's Add does it (through IPC). */
async function trackSimJob(w: StateWindow, prompt: string): Promise<string> {
  const job = w.sim.addJob({ durationMs: 3_600_000, prompt });
  const added = await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
  if (!added.ok) throw new Error(added.reason);
  return job.jobid;
}

/** A short list of ordinary jobs: what the window usually shows under a banner or a dialog. */
function everydayJobs(w: StateWindow): SeededJob[] {
  return [
    { job: v1Seed(101, 'progress', 'Timelapse of a city skyline from day to night', '(64%) (fast)') },
    {
      job: completedV1(102, 'A red fox running through fresh snow at dawn'),
      record: { downloads: { 'att-102': savedVideo(w.dirs.downloads, 'A red fox running.mp4') } },
    },
    { job: v2Seed(103, { state: 'queued', prompt: 'A paper boat on a rainy street', queuePosition: 2 }) },
    {
      job: v1Seed(104, 'failed', 'A glass city under the sea', '(failed)', { error: 'Generation failed' }),
    },
  ];
}

export const APP_STATES: WindowState[] = [
  {
    name: 'paused',
    caption: 'Polling paused by the user',
    group: 'app',
    enter: async (w) => {
      await seedJobs(w, everydayJobs(w));
      await w.page.evaluate(() => window.pixverse.pause());
      await shows(w, () => state(w).paused === 'user', /paused/i);
    },
  },
  {
    name: 'http-401',
    caption: 'The token was rejected (401)',
    group: 'app',
    token: 'tok-rejected-by-api',
    enter: async (w) => {
      await seedJobs(w, everydayJobs(w));
      await trackSimJob(w, 'A job polled with a bad token');
      await shows(w, () => state(w).paused !== null, /401|token/i);
    },
  },
  {
    name: 'http-402',
    caption: 'The subscription expired (402)',
    group: 'app',
    enter: async (w) => {
      w.sim.subscriptionActive = false;
      await seedJobs(w, everydayJobs(w));
      await trackSimJob(w, 'A job polled without a subscription');
      await shows(w, () => state(w).paused !== null, /402|subscription/i);
    },
  },
  {
    name: 'http-429',
    caption: 'Rate limited: a 429 hold of 40 s',
    group: 'app',
    enter: async (w) => {
      w.sim.faults.add({ kind: 'rate-limit', retryAfter: '40' }, { count: 1000 });
      await seedJobs(w, everydayJobs(w));
      await trackSimJob(w, 'A job polled while rate limited');
      await shows(w, () => state(w).message !== undefined, /rate|429/i);
    },
  },
  {
    name: 'offline',
    caption: 'Offline (the system says the network is down)',
    group: 'app',
    enter: async (w) => {
      await seedJobs(w, everydayJobs(w));
      session(w).scheduler.setNetworkAvailable(false);
      await shows(w, () => state(w).offline, /offline|network/i);
    },
  },
  {
    name: 'demo',
    caption: 'Demo mode (a local simulator)',
    group: 'app',
    enter: async (w) => {
      await w.controller.startDemo();
      await shows(w, () => state(w).demo, /demo/i);
      await w.page.locator('job-row').first().waitFor();
    },
  },
];

const openSettings = async (w: StateWindow) => {
  await w.page.getByRole('button', { name: 'Settings' }).click();
  await w.page.locator('#interval').waitFor();
};

export const VIEW_STATES: WindowState[] = [
  {
    name: 'jobs-view',
    caption: 'The job list, everyday jobs',
    group: 'view',
    enter: (w) => seedJobs(w, everydayJobs(w)),
  },
  { name: 'settings', caption: 'Settings', group: 'view', enter: openSettings },
  {
    name: 'settings-invalid',
    caption: 'Settings, after an out-of-range poll interval (0 s)',
    group: 'view',
    enter: async (w) => {
      await openSettings(w);
      const asked = w.traffic.calls.length;
      await w.page.locator('#interval').fill('0');
      await w.page.locator('#interval').dispatchEvent('change');
      await until(() => w.traffic.calls.slice(asked).includes('setSettings'));
    },
  },
  {
    name: 'cancel-dialog',
    caption: 'The cancel dialog of a running v1 job',
    group: 'view',
    enter: async (w) => {
      await seedJobs(w, [{ job: v1Seed(14, 'progress', 'A long running volcano', '(12%) (fast)') }]);
      await w.page
        .locator('job-row')
        .first()
        .getByRole('button', { name: /^Cancel/ })
        .click();
      await w.page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'context-menu',
    caption: 'The context menu of a job',
    group: 'view',
    enter: async (w) => {
      await seedJobs(w, everydayJobs(w));
      await w.page.locator('job-row').first().click({ button: 'right' });
      await settled(w.page);
      if ((await w.page.getByRole('menu').count()) === 0)
        return 'no context menu: the window has none yet (part A adds it)';
    },
  },
];
