import fs from 'node:fs';
import path from 'node:path';
import type { Job } from '../../main/core/jobs/job.js';
import type { TrackedJob, TrackedState } from '../../main/core/store/job-store-schema.js';
import { v1Job } from './v1-jobs.js';

/** A job as the store records it: the API's answer in the app's model, and the app's bookkeeping. */
export interface SeededJob {
  job: Job;
  record?: Partial<TrackedJob>;
}

const MINUTE = 60_000;
/** API timestamps a few minutes back from the moment the state is entered (rows say "… ago"). */
export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

/** PixVerse's Discord message as useapi.net v1 hands it over, mention ids and author tail included. */
const MENTION = '<@1122334455667788990>';
const discordContent = (prompt: string, tail: string) =>
  `${MENTION} (prompt: ${prompt} style: Realistic aspect-ratio: 16:9) ${tail} Author: ${MENTION})`;

export const v1 = (n: number) => `user:1234-pixverse:states-job:${n}`;
export const v2 = (n: number) => `user:1234-pixverse:ann@example.com-video:${9000 + n}`;

/** A v1 job the way the v1 adapter reads an answer with this status and content. */
export function v1Seed(n: number, status: string, prompt: string, tail: string, extra: object = {}): Job {
  return v1Job(v1(n), {
    status,
    prompt,
    created: minutesAgo(12),
    updated: minutesAgo(1),
    content: discordContent(prompt, tail),
    ...extra,
  });
}

/** A v2 job in the app's model, as the v2 adapter hands it over. */
export const v2Seed = (n: number, fields: Partial<Job>): Job => ({
  source: 'v2',
  id: v2(n),
  state: 'running',
  model: 'v5',
  quality: '720p',
  durationSec: 5,
  created: minutesAgo(6),
  results: [],
  ...fields,
});

/** A finished v1 job with one video on the (simulated) CDN. */
export function completedV1(n: number, prompt: string): Job {
  return v1Seed(n, 'completed', prompt, '(completed)', {
    attachments: [
      {
        id: `att-${n}`,
        filename: `states_${n}.mp4`,
        content_type: 'video/mp4',
        url: `https://cdn.discordapp.com/attachments/1/${n}/states_${n}.mp4`,
        size: 7_204_115,
      },
    ],
  });
}

/** What the store says a tracked job is doing, from the job's own state. */
export function trackedStateOf(job: Job): TrackedState {
  return job.state === 'queued' || job.state === 'running' ? 'active' : job.state;
}

/** A video saved in `folder` (a real file of a few bytes), as the download queue records it. */
export function savedVideo(folder: string, fileName: string, keep = true) {
  const file = path.join(folder, fileName);
  if (keep) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(file, Buffer.alloc(1024));
  }
  return { state: 'saved' as const, file, bytes: 7_204_115, total: 7_204_115, savedAt: Date.now() };
}

export const LONG_PROMPT =
  'A slow aerial shot over a misty pine forest at sunrise, golden light breaking through the fog, ' +
  'a river winding between the hills, birds taking off from the treetops, the camera rising until ' +
  'the snowy mountain range appears on the horizon, cinematic, photorealistic, soft colours, 35 mm film grain';

/** Arabic and Hebrew prompt text, and a right-to-left override that would reverse a file name. */
export const RTL_PROMPT = 'غروب الشمس فوق البحر — שקיעה מעל הים — sunset over the sea';
export const BIDI_FILE_NAME = 'sunset \u202Egnp.exe';
