import { until } from './app-harness.js';
import { v1Job } from './v1-jobs.js';
import {
  BIDI_FILE_NAME,
  completedV1,
  LONG_PROMPT,
  minutesAgo,
  RTL_PROMPT,
  savedVideo,
  v1,
  v1Seed,
  v2Seed,
  type SeededJob,
} from './window-job-seeds.js';
import { reloadList, seedJobs, shows, type StateWindow, type WindowState } from './window-state-steps.js';

const session = (w: StateWindow) => w.controller.session!;

const seedOne = (seed: (w: StateWindow) => SeededJob) => (w: StateWindow) => seedJobs(w, [seed(w)]);

export const JOB_STATES: WindowState[] = [
  {
    name: 'empty',
    caption: 'No jobs tracked yet',
    group: 'job',
    enter: (w) => reloadList(w, 0),
  },
  {
    name: 'v1-queued',
    caption: 'v1 job waiting to start',
    group: 'job',
    enter: seedOne(() => ({
      job: v1Seed(1, 'created', 'A lighthouse in a storm, waves breaking', '(Waiting to start)'),
    })),
  },
  {
    name: 'v1-generating',
    caption: 'v1 job generating at 37 %, with a long prompt',
    group: 'job',
    enter: seedOne(() => ({ job: v1Seed(2, 'progress', LONG_PROMPT, '(37%) (fast)') })),
  },
  {
    name: 'v2-queued',
    caption: 'v2 video queued at PixVerse, 3 ahead',
    group: 'job',
    enter: seedOne(() => ({
      job: v2Seed(3, {
        state: 'queued',
        prompt: 'A heron in the reeds',
        queuePosition: 3,
        queueWaitSec: 120,
      }),
    })),
  },
  {
    name: 'v2-generating',
    caption: 'v2 video generating',
    group: 'job',
    enter: seedOne(() => ({ job: v2Seed(4, { state: 'running', prompt: 'An otter floating on its back' }) })),
  },
  {
    name: 'downloading',
    caption: 'Finished, its video downloading (43 %)',
    group: 'job',
    enter: async (w) => {
      const job = completedV1(5, 'Northern lights over a frozen lake');
      const download = { state: 'downloading' as const, bytes: 3_100_000, total: 7_204_115 };
      session(w).live.set(`${job.id}\natt-5`, { ...download, rate: 1_250_000 });
      await seedJobs(w, [{ job, record: { downloads: { 'att-5': download } } }]);
    },
  },
  {
    name: 'saved',
    caption: 'Finished and saved',
    group: 'job',
    enter: seedOne((w) => ({
      job: completedV1(6, 'Waves crashing on black sand'),
      record: { downloads: { 'att-6': savedVideo(w.dirs.downloads, 'Waves crashing on black sand.mp4') } },
    })),
  },
  {
    name: 'saved-selected',
    caption: 'Finished and saved, selected',
    group: 'job',
    enter: async (w) => {
      await seedJobs(w, [
        {
          job: completedV1(16, 'Lanterns rising over a lake'),
          record: {
            downloads: { 'att-16': savedVideo(w.dirs.downloads, 'Lanterns rising over a lake.mp4') },
          },
        },
      ]);
      await w.page.locator('job-row .jobid').first().click();
      await w.page.locator('job-row[selected]').waitFor();
    },
  },
  {
    name: 'download-failed',
    caption: 'Finished, its download failed',
    group: 'job',
    enter: seedOne(() => ({
      job: completedV1(7, 'A clip behind a dead link'),
      record: {
        downloads: {
          'att-7': { state: 'failed', bytes: 0, error: 'The video link no longer works (404).' },
        },
      },
    })),
  },
  {
    name: 'saved-file-deleted',
    caption: 'Saved, then the file was deleted',
    group: 'job',
    enter: seedOne((w) => ({
      job: completedV1(8, 'A hummingbird in slow motion'),
      record: { downloads: { 'att-8': savedVideo(w.dirs.downloads, 'A hummingbird.mp4', false) } },
    })),
  },
  {
    name: 'failed-details',
    caption: 'Failed, with errorDetails',
    group: 'job',
    enter: seedOne(() => ({
      job: v1Seed(9, 'failed', 'A castle made of sand', '(failed)', {
        error: 'Generation failed',
        errorDetails: 'PixVerse could not read the uploaded image (code 500054).',
      }),
    })),
  },
  {
    name: 'moderated',
    caption: 'Moderated, no error given',
    group: 'job',
    enter: seedOne(() => ({ job: v1Seed(10, 'moderated', 'A forbidden prompt', '') })),
  },
  {
    name: 'cancelled',
    caption: 'Cancelled by the user',
    group: 'job',
    enter: seedOne(() => ({ job: v1Seed(11, 'cancelled', 'A cancelled meadow', '(cancelled)') })),
  },
  {
    name: 'not-found',
    caption: 'Not found: useapi.net answered 404',
    group: 'job',
    enter: async (w) => {
      await w.page.evaluate((id) => window.pixverse.addJob(id), v1(12));
      await shows(w, () => session(w).store.get(v1(12))?.state === 'not-found', /not found|404/i);
    },
  },
  {
    name: 'polls-failing',
    caption: 'A job whose polls keep failing (HTTP 500)',
    group: 'job',
    enter: async (w) => {
      const job = w.sim.addJob({ durationMs: 3_600_000, prompt: 'A job the API keeps failing on' });
      w.sim.faults.add({ kind: 'status', status: 500, error: 'Internal error' }, { count: 1000 });
      await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
      await until(() => session(w).store.get(job.jobid)?.lastError !== undefined);
      await reloadList(w, 1);
    },
  },
  {
    name: 'bidi-text',
    caption: 'API text with U+202E and right-to-left text',
    group: 'job',
    enter: seedOne((w) => ({
      job: completedV1(13, `${RTL_PROMPT} \u202Ereversed tail`),
      record: { downloads: { 'att-13': savedVideo(w.dirs.downloads, BIDI_FILE_NAME) } },
    })),
  },
  {
    name: 'ten-thousand',
    caption: '10,000 jobs',
    group: 'job',
    enter: async (w) => {
      const store = session(w).store;
      for (let i = 0; i < 10_000; i++) {
        const jobid = `user:1-many:${String(i).padStart(5, '0')}`;
        store.add(jobid);
        const finished = i % 3 !== 0;
        const job = v1Job(jobid, {
          status: finished ? 'completed' : 'progress',
          prompt: `Job number ${i}: a mountain lake at dawn`,
          created: minutesAgo(10_000 - i),
          content: finished ? '(completed)' : `(${i % 100}%) (fast)`,
        });
        store.update(jobid, {
          state: finished ? 'completed' : 'active',
          addedAt: 1_700_000_000_000 + i,
          job,
        });
      }
      await reloadList(w, 10_000);
    },
  },
];
