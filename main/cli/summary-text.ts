import { formatBytes } from '../core/format-bytes.js';
import { formatElapsed, truncate } from './live-view-format.js';
import type { JobOutcome, RunFacts } from './summary.js';

export interface Problem {
  jobid: string;
  source: JobOutcome['source'];
  /** The job's end (`failed`, `moderated`…), `download-failed`, or `unfinished` when the run ended first. */
  problem: string;
  reason?: string;
  prompt?: string;
  /** What the user can do about it. */
  next: string;
}

/** What to do next, for each way a job can end without a saved video. */
export function nextStep(problem: string, jobid: string): string {
  switch (problem) {
    case 'failed':
      return 'Start the job again (another seed or prompt may help).';
    case 'moderated':
      return 'Reword the prompt (or change the image) and start a new job.';
    case 'cancelled':
      return 'The job was cancelled; start it again if you still want the video.';
    case 'expired':
      return 'useapi.net keeps jobs for 31 days; this one is gone, start it again.';
    case 'not-found':
      // Ended not found, it is not asked for again until forgotten.
      return `Check the JOBID and that USEAPI_TOKEN belongs to the account that started it; to ask again, run pixverse-tray forget ${jobid}, then pixverse-tray watch ${jobid}`;
    case 'download-failed':
      return `Try the download again with: pixverse-tray retry ${jobid}`;
    case 'not-downloaded':
      return `Download it with: pixverse-tray retry ${jobid}`;
    case 'stopped-by-account':
      return `Fix the token or renew the subscription, then: pixverse-tray watch ${jobid}`;
    case 'account-held':
      return `Add the PixVerse account again at useapi.net, then: pixverse-tray watch ${jobid}`;
    case 'rejected':
      return `Check the JOBID: useapi.net refused it; to ask again, run pixverse-tray forget ${jobid}, then pixverse-tray watch ${jobid}`;
    case 'forgotten':
      return `To follow it again: pixverse-tray watch ${jobid}`;
    case 'no-video':
      return 'Check the job at useapi.net; PixVerse may not have made its video.';
    default:
      return `Pick it up again with: pixverse-tray watch ${jobid}`;
  }
}

/** A job useapi.net says is completed, with no video link in its answer. */
export const NO_VIDEO_REASON = 'completed without a video at useapi.net';

/** Why a job still running when the run ended did not end, and the next step (`nextStep`) that fits. */
function whyUnfinished(facts: RunFacts, jobid: string): { reason: string; step: string } {
  if (facts.credentialsProblem)
    return {
      reason: 'the API refused the token or the subscription (said above)',
      step: 'stopped-by-account',
    };
  if (facts.heldJobids?.includes(jobid))
    return {
      reason: 'its PixVerse account needs attention at useapi.net (said above)',
      step: 'account-held',
    };
  const reason = facts.interrupted ? 'the run was interrupted first' : 'the run ended first';
  return { reason, step: 'unfinished' };
}

/** Every job that did not end with its video saved (or its link, without downloads), with the next step. */
export function problemsOf(facts: RunFacts): Problem[] {
  const problems: Problem[] = [];
  const failedDownloads = new Map(facts.downloadFailures.map((f) => [f.jobid, f.message]));
  const savedJobs = new Set(facts.saved.map((video) => video.jobid));
  for (const job of facts.jobs) {
    let problem: string | undefined;
    let reason = job.reason;
    let step: string | undefined;
    if (facts.forgottenJobids?.includes(job.jobid) && (job.state === 'active' || !savedJobs.has(job.jobid))) {
      problem = 'forgotten';
      reason =
        job.state === 'active'
          ? 'another PixVerse Tray process stopped tracking it during the run'
          : 'another PixVerse Tray process stopped tracking it before its video was saved';
    } else if (job.state === 'active') {
      problem = 'unfinished';
      ({ reason, step } = whyUnfinished(facts, job.jobid));
    } else if (job.state !== 'completed') problem = job.state;
    else if (job.noVideo) [problem, reason] = ['no-video', NO_VIDEO_REASON];
    else if (failedDownloads.has(job.jobid))
      [problem, reason] = ['download-failed', failedDownloads.get(job.jobid)];
    else if (facts.downloads && (facts.interrupted || facts.credentialsProblem) && !savedJobs.has(job.jobid))
      // A 401/402 ends the run at once: a video still being saved is left in its .part.
      [problem, reason] = [
        'not-downloaded',
        `the run ${facts.interrupted ? 'was interrupted' : 'stopped'} before its video was downloaded`,
      ];
    if (!problem) continue;
    problems.push({
      jobid: job.jobid,
      source: job.source,
      problem,
      reason,
      prompt: job.prompt,
      next: nextStep(step ?? problem, job.jobid),
    });
  }
  return problems;
}

function totals(facts: RunFacts) {
  const count = (state: string) => facts.jobs.filter((job) => job.state === state).length;
  const thisRun = facts.saved.filter((video) => !video.earlier);
  return {
    jobs: facts.jobs.length,
    completed: count('completed'),
    failed: count('failed'),
    moderated: count('moderated'),
    otherProblems: facts.jobs.filter((j) => !['active', 'completed', 'failed', 'moderated'].includes(j.state))
      .length,
    unfinished: count('active'),
    videosSaved: thisRun.length,
    bytesSaved: thisRun.reduce((sum, video) => sum + video.bytes, 0),
    downloadsFailed: facts.downloadFailures.length,
  };
}

/** The `summary` event of --json: the last line of every run. */
export function summaryRecord(facts: RunFacts, at: number): Record<string, unknown> {
  return {
    type: 'summary',
    time: new Date(at).toISOString(),
    interrupted: facts.interrupted,
    elapsedMs: Math.round(facts.elapsedMs),
    totals: totals(facts),
    saved: facts.saved.map(({ jobid, file, bytes, earlier }) => ({
      jobid,
      source: facts.jobs.find((job) => job.jobid === jobid)?.source,
      file,
      bytes,
      earlier,
    })),
    ...(facts.downloads ? {} : { links: links(facts) }),
    problems: problemsOf(facts).map(({ prompt: _, ...problem }) => problem),
  };
}

/** Without downloads, the video links of the completed jobs. */
const links = (facts: RunFacts) =>
  facts.jobs.flatMap(({ jobid, source, urls }) => (urls ?? []).map((url) => ({ jobid, source, url })));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary for people: a headline, the saved files, then each problem with its next step. */
export function summaryLines(facts: RunFacts, { nextSteps = true } = {}): string[] {
  const t = totals(facts);
  const parts = [plural(t.jobs, 'job')];
  if (t.completed) parts.push(`${t.completed} completed`);
  if (t.failed) parts.push(`${t.failed} failed`);
  if (t.moderated) parts.push(`${t.moderated} moderated`);
  if (t.otherProblems) parts.push(`${t.otherProblems} not available`);
  if (t.unfinished) parts.push(`${t.unfinished} unfinished`);
  const how = facts.interrupted ? 'Interrupted after' : 'Done in';
  const lines = [`${how} ${formatElapsed(facts.elapsedMs)}: ${parts.join(', ')}.`];
  if (facts.downloads) {
    // Worded so that a run that saved nothing never says "saved".
    const earlier = facts.saved.length - t.videosSaved;
    if (facts.saved.length === 0) lines.push('No video downloaded.');
    else if (t.videosSaved === 0) lines.push(`No new video; ${earlier} already saved:`);
    else
      lines.push(
        `${plural(t.videosSaved, 'video')} saved (${formatBytes(t.bytesSaved)})${earlier ? `, ${earlier} already saved` : ''}:`,
      );
    for (const video of facts.saved) lines.push(`  saved  ${video.file} (${formatBytes(video.bytes)})`);
  } else {
    for (const { jobid, url } of links(facts)) lines.push(`  video  ${jobid}  ${url}`);
  }
  for (const problem of problemsOf(facts)) {
    const about = problem.prompt ? `  "${truncate(problem.prompt, 60)}"` : '';
    lines.push(
      `  ${problem.problem}  ${problem.jobid}${about}${problem.reason ? `: ${problem.reason}` : ''}`,
    );
    if (nextSteps) lines.push(`    next: ${problem.next}`);
  }
  return lines;
}
