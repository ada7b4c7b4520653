import type { TrackedJob } from '../core/store/job-store-schema.js';
import { LiveView } from './live-view.js';
import type { Terminal } from './live-view-terminal.js';
import { JobNotifications, type Notifier } from './notify.js';
import type { Output } from './output.js';
import { Reporter, type JobAbout } from './reporter.js';
import { fanOut, type RunReport } from './run-report.js';
import { RunSummary, type RunFacts } from './summary.js';
import { summaryLines, summaryRecord } from './summary-text.js';

export interface RunReportsOptions {
  io: Output;
  json: boolean;
  downloads: boolean;
  /** The jobs asked for, with their sources: every --json line about one names its source. */
  jobs: JobAbout[];
  /** Given (and not --json): the live view instead of a line per change. */
  terminal?: Terminal;
  /** Given: `--notify`. */
  notifier?: Notifier;
  now?: () => number;
  /** Off: the summary lists problems without what to do next (the demo's are part of its script). */
  nextSteps?: boolean;
}

/**
 * Everything a `watch` run reports to: the line-per-change reporter (or the live view on a terminal),
 * the summary, and the notifications; and how the run ends on screen.
 */
export function runReports(o: RunReportsOptions) {
  const now = o.now ?? Date.now;
  const summary = new RunSummary(now);
  const live = o.terminal && !o.json ? new LiveView(o.terminal, { downloads: o.downloads, now }) : undefined;
  // Its lines are stamped with wall time: the engine's clock runs faster in the demo.
  const lines = live ? undefined : new Reporter(o.io, o.json, { now }, !o.downloads, o.jobs);
  const notifications = o.notifier && new JobNotifications(o.notifier, o.terminal?.clean);
  const reports: Partial<RunReport>[] = [live ?? lines!, summary];
  if (notifications) reports.push(notifications);
  return {
    report: fanOut(reports),
    /** A job the run follows, shown (and summed up) from the start. */
    follow(job: TrackedJob): void {
      summary.jobChanged(job);
      live?.follow(job.jobid, job.source);
      if (job.job) live?.jobChanged(job);
    },
    /** Another process saves this video: the live view says it waits. */
    elsewhere(jobid: string, key: string, file?: string): void {
      live?.elsewhere(jobid, key, file);
    },
    /** Leaves the last frame, waits for notifications going out, then prints the summary. */
    async end(
      how: Pick<RunFacts, 'interrupted' | 'credentialsProblem' | 'heldJobids' | 'forgottenJobids'>,
    ): Promise<void> {
      live?.close();
      await notifications?.settled();
      const facts = summary.facts({ ...how, downloads: o.downloads });
      if (o.json) o.io.out(JSON.stringify(summaryRecord(facts, now())));
      // Line by line: a line break inside a line (an API's reason, a prompt) is printed inert, so
      // outside text can never pass for a line of the summary.
      else for (const line of ['', ...summaryLines(facts, { nextSteps: o.nextSteps })]) o.io.err(line);
    },
  };
}
