import fs from 'node:fs';
import type { Clock } from '../core/clock.js';
import { createEngine } from '../core/engine.js';
import type { TrackedJob } from '../core/job-store-schema.js';
import { EXIT, UsageError, type WatchCommand } from './args.js';
import type { CliEnvironment } from './environment.js';
import { jobLine, jobRecord, type Announcement, type Output } from './output.js';

export interface WatchDeps {
  clock?: Clock;
  random?: () => number;
  /** Resolves when the user interrupts (Ctrl+C, SIGTERM). */
  interrupted?: Promise<void>;
}

/** Polls the given jobs until each is terminal, printing one line per change. Returns the exit code. */
export async function runWatch(
  cmd: WatchCommand,
  env: CliEnvironment & { token: string },
  io: Output,
  deps: WatchDeps = {},
): Promise<number> {
  if (cmd.download && cmd.out) ensureWritableFolder(cmd.out);
  const engine = createEngine({
    baseUrl: env.baseUrl,
    getToken: () => env.token,
    timeoutMs: cmd.timeoutMs,
    policy: cmd.intervalMs === undefined ? {} : { intervalMs: cmd.intervalMs },
    discoverNewJobs: false,
    useExecutingList: true,
    storeDir: env.home,
    clock: deps.clock,
    random: deps.random,
    onStoreError: (error) => io.err(`warning: ${error.message}`),
  });
  const { scheduler, store } = engine;
  const clock = deps.clock ?? { now: Date.now };
  if (engine.recovered) {
    io.err(
      `warning: the job store was unreadable (${engine.recovered.reason}); it was moved to ${engine.recovered.movedTo}`,
    );
  }

  const watched = new Set(cmd.jobids);
  const finished = new Map<string, TrackedJob['state']>();
  let credentialsProblem = false;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));

  const announce = (kind: Announcement, job: TrackedJob) => {
    if (cmd.json) io.out(JSON.stringify(jobRecord(kind, job, clock.now())));
    else io.out(jobLine(kind, job, clock.now()));
  };
  const settleIfDone = () => {
    if ([...watched].every((jobid) => finished.has(jobid))) settle();
  };

  scheduler.on('job-updated', ({ job, changed }) => {
    if (!watched.has(job.jobid) || job.state !== 'active') return;
    if (changed.includes('lastError') && job.lastError)
      return notice('job-error', `${job.jobid}: ${job.lastError}`);
    if (changed.some((field) => field === 'status' || field === 'content')) announce('update', job);
  });
  scheduler.on('job-finished', (job) => {
    if (!watched.has(job.jobid)) return;
    finished.set(job.jobid, job.state);
    announce('finished', job);
    settleIfDone();
  });
  scheduler.on('credentials-problem', ({ message }) => {
    credentialsProblem = true;
    notice('credentials-problem', message);
    settle();
  });
  scheduler.on('state', (state) => {
    if (state.message && !state.paused) notice('notice', state.message);
  });
  scheduler.on('warning', (message) => notice('warning', message));

  function notice(type: string, message: string): void {
    if (cmd.json) io.out(JSON.stringify({ type, time: new Date(clock.now()).toISOString(), message }));
    else io.err(`${type === 'notice' ? 'note' : type}: ${message}`);
  }

  for (const jobid of watched) {
    const job = scheduler.track(jobid);
    if (job.state !== 'active') {
      finished.set(jobid, job.state);
      announce('known', job);
    }
  }
  settleIfDone();
  scheduler.start();
  let interrupted = false;
  await Promise.race([done, deps.interrupted?.then(() => (interrupted = true))]);
  scheduler.stop();
  store.flush();

  if (interrupted) return EXIT.interrupted;
  if (credentialsProblem) return EXIT.credentials;
  return [...finished.values()].every((state) => state === 'completed') ? EXIT.ok : EXIT.jobProblem;
}

function ensureWritableFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    if (!fs.statSync(dir).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--out ${dir} cannot be used as a download folder (${why}).`);
  }
}
