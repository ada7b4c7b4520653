import type { JobFilter } from '../../core/store/job-records.js';
import { parseOptions, quoted } from '../command-line.js';
import { readEnvironment } from '../environment.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { listLine, listRecord } from '../list-format.js';
import { withTrackedJobs } from '../tracked-jobs.js';
import type { CommandContext } from './command.js';

const FILTERS = ['active', 'finished', 'problems'] as const;
/** What a filter keeps, as the empty answer says it ("None of the 12 jobs … is running"). */
const FILTER_WORDS: Record<JobFilter, string> = {
  all: 'listed',
  active: 'running',
  finished: 'finished',
  problems: 'a problem',
};
// Read a page at a time: a home with 50,000 jobs is listed without holding them all twice.
const PAGE = 500;

/** `list [--active|--finished|--problems] [--json]`: the tracked jobs, newest first. */
export async function run(args: string[], { env, io, interrupted }: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions('list', args, {
    active: { type: 'boolean' },
    finished: { type: 'boolean' },
    problems: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`list takes no JOBID (${quoted(positionals[0]!)}).`);
  const chosen = FILTERS.filter((filter) => values[filter]);
  if (chosen.length > 1) throw new UsageError(`Choose one of --active, --finished, --problems.`);
  const filter: JobFilter = chosen[0] ?? 'all';
  const json = values.json === true;
  const environment = readEnvironment(env);
  let stopped = false;
  void interrupted.then(() => (stopped = true));

  let tracked = 0;
  const listed = withTrackedJobs(environment, io, (store) => {
    if (!store) return 0;
    let count = 0;
    for (let offset = 0; !stopped; offset += PAGE) {
      const { rows } = store.query({ filter, search: '', offset, limit: PAGE });
      for (const job of rows) io.out(json ? JSON.stringify(listRecord(job)) : listLine(job));
      count += rows.length;
      if (rows.length < PAGE) break;
    }
    // Counted only when nothing was listed: the answer then says whether any job is tracked at all.
    if (count === 0) tracked = store.count('').all;
    return count;
  });
  // On stderr, so --json's output stays one object per line.
  if (listed === 0 && tracked > 0)
    io.err(`None of the ${tracked} jobs tracked under ${environment.home} is ${FILTER_WORDS[filter]}.`);
  else if (listed === 0) io.err(`No jobs are tracked under ${environment.home}.`);
  return EXIT.ok;
}
