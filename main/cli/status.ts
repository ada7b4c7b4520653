import { createApiClient } from '../core/api/api-client.js';
import type { JobSource } from '../core/jobs/job.js';
import { EXIT } from './args.js';
import type { CliEnvironment } from './environment.js';
import { writeLines, type Output } from './output.js';
import { oneShotMessage } from './status-wording.js';

/** One request: prints the validated job as JSON. */
export async function runStatus(
  { jobid, source }: { jobid: string; source: JobSource },
  env: CliEnvironment & { token: string },
  io: Output,
  timeoutMs = 30_000,
): Promise<number> {
  const api = createApiClient({ baseUrl: env.baseUrl, getToken: () => env.token, timeoutMs });
  const outcome = await api.source(source).getJob(jobid);
  if (outcome.kind === 'ok') {
    writeLines(io.out, JSON.stringify(outcome.value, null, 2));
    return EXIT.ok;
  }
  io.err(`error: ${oneShotMessage(outcome)}`);
  return outcome.kind === 'credentials' ? EXIT.credentials : EXIT.jobProblem;
}
