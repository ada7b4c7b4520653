import { parseJobidInput } from '../../core/api/jobid-input.js';
import { dropForgottenParts } from '../../core/downloads/forgotten-parts.js';
import { parseOptions, quoted } from '../command-line.js';
import { readEnvironment } from '../environment.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { withTrackedJobs } from '../tracked-jobs.js';
import type { CommandContext } from './command.js';

/** `forget JOBID...`: stops tracking each job; saved videos are left alone, unfinished `.part` files go. */
export async function run(args: string[], { env, io }: CommandContext): Promise<number> {
  const { positionals } = parseOptions('forget', args, {});
  if (positionals.length === 0) throw new UsageError('forget needs at least one JOBID.');
  const jobids = positionals.map((raw) => {
    // Read as watch reads it: an id, or a URL, curl line or JSON answer that holds one.
    const parsed = parseJobidInput(raw);
    if (!parsed.ok) throw new UsageError(`JOBID ${quoted(raw)}: ${parsed.problem}`);
    return parsed.jobid;
  });
  const environment = readEnvironment(env);
  const unknown = withTrackedJobs(environment, io, (store) =>
    [...new Set(jobids)].filter((jobid) => {
      const job = store?.get(jobid);
      if (!store || !job) return true;
      store.remove(jobid);
      const files = Object.values(job.downloads ?? {}).flatMap((d) => (d.state === 'saved' && d.file) || []);
      const parts = dropForgottenParts(job, undefined, Date.now());
      const notes = [
        ...(files.length > 0 ? [`its video stays in ${files.join(', ')}`] : []),
        ...(parts.length > 0 ? [`its unfinished download ${parts.join(', ')} was deleted`] : []),
      ];
      io.out(`forgot ${jobid}${notes.map((note) => `; ${note}`).join('')}`);
      return false;
    }),
  );
  for (const jobid of unknown) io.err(`error: ${jobid} is not tracked under ${environment.home}.`);
  return unknown.length === 0 ? EXIT.ok : EXIT.jobProblem;
}
