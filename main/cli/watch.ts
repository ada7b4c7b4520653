import { V2_NOT_YET_MESSAGE } from '../core/polling/v2-not-found.js';
import { reopenMissingDownloads } from '../core/downloads/missing-saved.js';
import { systemClock, type Clock } from '../core/clock.js';
import { accountOf } from '../core/api/v2/adapter.js';
import { createEngine } from '../core/engine.js';
import { JOB_SOURCES, type JobSource } from '../core/jobs/job.js';
import { describeRecovery } from '../core/store/job-store-file.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import { resolvePolicy } from '../core/polling/polling-policy.js';
import { EXIT, UsageError, type WatchCommand } from './args.js';
import { downloadFolder, type CliEnvironment } from './environment.js';
import { prepareFolders } from './folders.js';
import type { Terminal } from './live-view-terminal.js';
import { desktopNotifier, type Notifier } from './notify.js';
import { credentialsMessage } from './status-wording.js';
import { completedWithoutVideo } from './summary.js';
import type { Output } from './output.js';
import { runReports } from './watch-reports.js';

export interface WatchDeps {
  clock?: Clock;
  random?: () => number;
  /** Resolves when the user interrupts (Ctrl+C, SIGTERM). */
  interrupted?: Promise<void>;
  /** A terminal to redraw in place: the live view instead of a line per change. */
  terminal?: Terminal;
  /** Shows `--notify`'s notifications (default: the desktop's, through node-notifier). */
  notifier?: Notifier;
  /** Real time, for the summary's elapsed time and the view's estimates (the clock may be scaled). */
  now?: () => number;
  /** Off: the summary does not say what to do about each problem (the demo's are scripted). */
  nextSteps?: boolean;
}

/** Changes of a running job worth a line: its state, its progress, what the API says about it. */
const NEWS: ReadonlySet<string> = new Set(['state', 'progress', 'message']);

/** Polls the given jobs until each is terminal and its videos are saved. Returns the exit code. */
export async function runWatch(
  cmd: WatchCommand,
  env: CliEnvironment & { token: string },
  io: Output,
  deps: WatchDeps = {},
): Promise<number> {
  // Everything is checked before anything is created on disk.
  const policy = { intervalMs: cmd.intervalMs };
  try {
    resolvePolicy(policy, env.baseUrl);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const folder = cmd.download ? downloadFolder(cmd.out, env.home) : undefined;
  prepareFolders([
    { dir: env.home, what: 'PIXVERSE_TRAY_HOME', purpose: 'the folder for tracked jobs', mode: 0o700 },
    ...(folder
      ? [
          cmd.out
            ? { dir: folder, what: '--out', purpose: 'a download folder' }
            : { dir: folder, what: 'The download folder', purpose: 'a download folder', whenUsed: true },
        ]
      : []),
  ]);

  const clock = deps.clock ?? systemClock;
  const reports = runReports({
    io,
    json: cmd.json,
    downloads: folder !== undefined,
    jobs: cmd.jobs,
    terminal: deps.terminal,
    notifier: cmd.notify ? (deps.notifier ?? desktopNotifier()) : undefined,
    now: deps.now,
    nextSteps: deps.nextSteps,
  });
  const { report } = reports;
  // A run that cannot remember what it announced must not claim success; saying so once is enough.
  let storeProblem = false;
  const engine = createEngine({
    baseUrl: env.baseUrl,
    getToken: () => env.token,
    timeoutMs: cmd.timeoutMs,
    policy,
    // --all: the account's executing list brings every running job, and each new one.
    discoverNewJobs: cmd.all,
    // --all --api v1|v2: only that API's list (v2's videos list stays off, as by default).
    discovery: cmd.api && { v1: cmd.api === 'v1', v2Scheduler: cmd.api === 'v2' },
    useExecutingList: true,
    resumeStoredJobs: false,
    storeDir: env.home,
    clock,
    random: deps.random,
    onStoreError: (error) => {
      if (storeProblem) return;
      storeProblem = true;
      report.notice(
        'error',
        `cannot save the jobs file (${error.message}); a next run will not know what this one did.`,
      );
    },
    downloads: folder
      ? {
          folder: () => folder,
          // Without --out, a video interrupted earlier is finished where its name was chosen.
          keepChosenFolder: cmd.out === undefined,
          idleTimeoutMs: cmd.idleTimeoutMs,
          progressEveryMs: 500,
          // exit 0 promises the video is on disk: one another process is saving is waited for
          awaitOthers: true,
          leaseMs: env.downloadLeaseMs,
          renewEveryMs: env.downloadLeaseMs && env.downloadLeaseMs / 3,
        }
      : undefined,
  });
  const { scheduler, store, downloads } = engine;
  if (engine.recovered) report.notice('warning', describeRecovery(engine.recovered));

  const watched = new Set<string>();
  // Each finished job: its state when it finished, and its record as last seen (one forgotten since
  // is judged on that, not on its absence).
  const finished = new Map<string, { state: TrackedJob['state']; job: TrackedJob }>();
  let credentialsProblem = false;
  let failedDownloads = 0;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  // v2's 596: the PixVerse account must be added again at useapi.net; its jobs cannot end in this run.
  const heldAccounts = new Set<string>();
  const isHeld = (jobid: string) => heldAccounts.has(accountOf(jobid) ?? '');
  // Forgotten by another process on this home (its `forget`, the app's Remove): no longer followed.
  const forgotten = new Set<string>();
  const allFinished = () =>
    [...watched].every((jobid) => finished.has(jobid) || isHeld(jobid) || forgotten.has(jobid));
  // --all follows the account, not a list: only --exit-when-idle ends it, after a list answer.
  const settleIfDone = () => !cmd.all && allFinished() && settle();
  const onFinished = (job: TrackedJob) => finished.set(job.jobid, { state: job.state, job });
  // Completed jobs whose video's fate this run knows (saved or failed, here or elsewhere): one
  // forgotten after that has nothing left to wait for; one forgotten before, its video unsaved, does.
  const videoSettled = new Set<string>();
  const reportAlreadySaved = (job: TrackedJob) => {
    for (const record of Object.values(job.downloads ?? {}))
      if (record.state === 'saved') {
        videoSettled.add(job.jobid);
        report.alreadySaved(job, record);
      }
  };
  const follow = (job: TrackedJob) => {
    if (watched.has(job.jobid)) return;
    watched.add(job.jobid);
    reports.follow(job);
  };

  scheduler.on('job-updated', ({ job, changed }) => {
    if (!watched.has(job.jobid) || job.state !== 'active' || credentialsProblem) return;
    report.jobChanged(job);
    if (changed.includes('lastError') && job.lastError) {
      const { jobid, lastError } = job;
      // Said after the engine's other news of this moment: a job held with its account is told once, for the account.
      // A v2 video useapi does not know yet is waited for: news about the job, not an error.
      const type = lastError === V2_NOT_YET_MESSAGE ? 'notice' : 'job-error';
      return queueMicrotask(() => isHeld(jobid) || report.notice(type, `${jobid}: ${lastError}`, job));
    }
    if (changed.some((field) => NEWS.has(field))) report.job('update', job);
  });
  scheduler.on('job-finished', (job) => {
    if (!watched.has(job.jobid)) return;
    report.job('finished', job);
    onFinished(job);
    settleIfDone();
  });
  // Another process on this home claimed the announcement: it reports and downloads the job, and
  // this run waits for its video (or takes the download over if that process stops renewing it).
  scheduler.on('job-finished-elsewhere', (job) => {
    if (!watched.has(job.jobid)) return;
    report.job('known', job);
    // Saved there already: said now (the download queue has nothing to wait for); still saving
    // there: the queue waits and says so (download-elsewhere, then download-saved-elsewhere).
    reportAlreadySaved(job);
    onFinished(job);
    settleIfDone();
  });
  if (cmd.all) {
    // A job picked up from the account gets a line at once, as it stands: the run says what it follows.
    const pickUp = (job: TrackedJob) => {
      if (watched.has(job.jobid) || job.state !== 'active') return;
      follow(job);
      report.job('update', job);
    };
    scheduler.on('job-added', pickUp);
    // Idle means every source's list has said what runs now: the first answer alone could be v1's
    // while a v2 video is only in the scheduler's.
    const listed = new Set<JobSource>();
    const followedSources = cmd.api ? [cmd.api] : JOB_SOURCES;
    const idleNow = () =>
      cmd.exitWhenIdle && followedSources.every((each) => listed.has(each)) && allFinished() && settle();
    // Until a list answers, jobs started elsewhere are not seen (and --exit-when-idle waits): said once.
    // A list the host does not have (404) is not waited for: it has no jobs to say.
    scheduler.on('list-failed', ({ source, message, missing }) => {
      const after = missing ? `; ${source} jobs started elsewhere are not followed` : '';
      report.notice('warning', `Cannot read the ${source} list of running jobs: ${message}${after}`);
      if (!missing) return;
      listed.add(source);
      idleNow();
    });
    scheduler.on('list-answered', ({ source, jobids }) => {
      listed.add(source);
      // Jobs this home already knew are not "new" to discovery: running ones are followed all the same.
      for (const jobid of jobids) {
        const known = store.get(jobid);
        if (known?.state === 'active' && !store.isDismissed(jobid)) pickUp(scheduler.track(jobid, source));
      }
      idleNow();
    });
  }
  scheduler.on('credentials-problem', ({ status, message, cause }) => {
    // Said once, with the CLI's next step (the app's "set a new token to resume" does not apply).
    if (credentialsProblem) return;
    credentialsProblem = true;
    report.notice('credentials-problem', cause ? credentialsMessage(status, cause) : message);
    settle();
  });
  scheduler.on('account-problem', ({ account, message, jobid, source }) => {
    heldAccounts.add(account);
    report.notice('account-problem', message, { jobid, source }, { account });
    settleIfDone();
  });
  // A hold or an unreachable host is said when it starts or its words change, not at every probe.
  let stateSaid: string | undefined;
  scheduler.on('state', ({ message, paused }) => {
    if (message && !paused && message !== stateSaid) report.notice('notice', message);
    stateSaid = message;
  });
  scheduler.on('warning', ({ message, job }) =>
    report.notice('warning', job ? `${job.jobid}: ${message}` : message, job),
  );
  downloads?.on('download-progress', (progress) => report.progress(progress));
  downloads?.on('download-saved', (saved) => {
    videoSettled.add(saved.jobid);
    report.saved(saved);
  });
  downloads?.on('download-elsewhere', ({ jobid, key }) => {
    reports.elsewhere(jobid, key, store.get(jobid)?.downloads?.[key]?.file);
    report.notice(
      'notice',
      `${jobid}: another PixVerse Tray process is saving this video; waiting for it.`,
      store.get(jobid),
    );
  });
  downloads?.on('download-saved-elsewhere', ({ jobid, key }) => {
    const job = store.get(jobid);
    const record = job?.downloads?.[key];
    videoSettled.add(jobid);
    if (job && record) report.alreadySaved(job, record);
  });
  downloads?.on('download-failed', (failure) => {
    videoSettled.add(failure.jobid);
    failedDownloads++;
    report.downloadFailed(failure);
  });

  for (const { jobid, source } of cmd.jobs) {
    // A saved video deleted since is one to save again, not one "already saved" (as retry does).
    if (downloads) reopenMissingDownloads(store, jobid);
    const job = scheduler.track(jobid, source);
    follow(job);
    if (job.state === 'active') {
      // Known from an earlier run: said as it stands, since its next answers may bring no news for a while.
      if (job.job) report.job('update', job);
      if (job.lastError === V2_NOT_YET_MESSAGE) report.notice('notice', `${jobid}: ${job.lastError}`, job);
      continue;
    }
    report.job('known', job);
    reportAlreadySaved(job);
    onFinished(job);
    engine.queueDownload(job);
  }
  settleIfDone();
  engine.start();
  // A job ended is past forgetting, unless its video is still to be saved (here, or by another process).
  const awaited = (jobid: string) =>
    !finished.has(jobid) ||
    (downloads !== undefined && finished.get(jobid)?.state === 'completed' && !videoSettled.has(jobid));
  const lookForForgotten = () => {
    for (const jobid of watched) {
      if (forgotten.has(jobid) || !awaited(jobid) || store.get(jobid)) continue;
      forgotten.add(jobid);
      scheduler.untrack(jobid);
      downloads?.cancel(jobid);
      report.notice('notice', `${jobid}: forgotten by another PixVerse Tray process; no longer followed.`);
    }
    settleIfDone();
  };
  // Looked for each second; this also keeps the run alive while its jobs wait, whatever the engine does.
  const forgottenCheck = setInterval(lookForForgotten, 1000);
  let interrupted = false;
  // Without a way to interrupt, the run ends with its jobs (a missing promise would win every race).
  const interruption = (deps.interrupted ?? new Promise<never>(() => {})).then(() => (interrupted = true));
  await Promise.race([done, interruption]);
  if (!interrupted && !credentialsProblem && downloads) await Promise.race([downloads.idle(), interruption]);
  clearInterval(forgottenCheck);
  // A download waited for elsewhere ends quietly when its job is forgotten: seen here, not after a second.
  if (!interrupted) lookForForgotten();
  engine.stop();
  const heldJobids = [...watched].filter(isHeld);
  await reports.end({ interrupted, credentialsProblem, heldJobids, forgottenJobids: [...forgotten] });

  if (interrupted) return EXIT.interrupted;
  if (credentialsProblem || heldAccounts.size > 0) return EXIT.credentials;
  const withVideo = (jobid: string) => {
    const job = store.get(jobid) ?? finished.get(jobid)?.job;
    return job !== undefined && !completedWithoutVideo(job);
  };
  const allCompleted =
    forgotten.size === 0 &&
    [...finished].every(([jobid, { state }]) => state === 'completed' && withVideo(jobid));
  return allCompleted && failedDownloads === 0 && !storeProblem ? EXIT.ok : EXIT.jobProblem;
}
