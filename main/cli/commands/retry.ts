import { reopenMissingDownloads } from '../../core/downloads/missing-saved.js';
import type { TrackedJob } from '../../core/store/job-store-schema.js';
import { parseWatch } from '../args.js';
import { parseOptions } from '../command-line.js';
import { readEnvironment, requireToken } from '../environment.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { withTrackedJobs } from '../tracked-jobs.js';
import { completedWithoutVideo } from '../summary.js';
import { NO_VIDEO_REASON, nextStep } from '../summary-text.js';
import { runWatch } from '../watch.js';
import type { CommandContext } from './command.js';

/** Why a job's video cannot be downloaded again, or undefined when it can. */
function whyNot(job: TrackedJob | undefined, jobid: string, home: string): string | undefined {
  if (!job)
    return `${jobid} is not tracked under ${home}; 'pixverse-tray watch ${jobid}' tracks and saves it.`;
  if (job.state === 'active')
    return `${jobid} is still running; 'pixverse-tray watch ${jobid}' follows it and saves its video.`;
  if (job.state !== 'completed')
    return `${jobid} ended ${job.state}: it has no video to download. ${nextStep(job.state, jobid)}`;
  if (completedWithoutVideo(job)) return `${jobid} ${NO_VIDEO_REASON}: there is nothing to download.`;
  return undefined;
}

/**
 * `retry JOBID`: a completed job's videos downloaded again (a failed one starts afresh, as does a
 * saved one whose file is gone; a saved one still there stays), reported as `watch` reports them: it is `watch` on a job that has already ended. It saves
 * into --out, else the download folder, as the app's Retry does (a failed download kept no name).
 */
export async function run(
  args: string[],
  { env, io, interrupted, terminal }: CommandContext,
): Promise<number> {
  const { positionals } = parseOptions('retry', args, {
    out: { type: 'string' },
    timeout: { type: 'string' },
    'idle-timeout': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('retry takes exactly one JOBID.');
  // retry is watch on a job that has ended: watch's checks and defaults for the options they share.
  const command = parseWatch(args);
  const jobid = command.jobs[0]!.jobid;
  const environment = readEnvironment(env);
  const token = requireToken(environment);
  const refusal = withTrackedJobs(environment, io, (store) => {
    const job = store?.get(jobid);
    const why = whyNot(job, jobid, environment.home);
    // A saved video deleted since is one to download again, not one "already saved".
    if (!why && store) reopenMissingDownloads(store, jobid);
    return why && { message: why, source: job?.source ?? command.jobs[0]!.source };
  });
  if (refusal) {
    io.err(`error: ${refusal.message}`);
    // A script reading --json's records learns of the refusal there too, as watch's errors are.
    if (command.json) {
      const { message, source } = refusal;
      const time = new Date().toISOString();
      io.out(JSON.stringify({ type: 'error', time, jobid, ...(source && { source }), message }));
    }
    return EXIT.jobProblem;
  }
  return runWatch(command, { ...environment, token }, io, { interrupted, terminal });
}
