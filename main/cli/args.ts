import { parseArgs } from 'node:util';
import { z } from 'zod';
import { boundedText } from '../core/bounded-text.js';
import { callJobs, inputJobSchema, inputSourceSchema } from '../core/input-jobid.js';
import type { JobSource } from '../core/jobs/job.js';

export const EXIT = {
  ok: 0,
  jobProblem: 1,
  usage: 2,
  credentials: 3,
  interrupted: 130,
  /** stdout was closed by its reader (`| head`): the status of a program ended by SIGPIPE. */
  outputClosed: 141,
} as const;

export class UsageError extends Error {}

export const USAGE = `Usage:
  pixverse-tray watch JOBID... [--api v1|v2] [--out DIR] [--no-download] [--interval S]
                              [--timeout S] [--idle-timeout S] [--json] [--notify]
  pixverse-tray watch --all [--exit-when-idle] [same options]
  pixverse-tray status JOBID [--api v1|v2]
  pixverse-tray demo [--json] [--notify]

  --all             follow every job the account is running now, and new ones as they start
  --exit-when-idle  with --all: end once no job is left running
  --notify          a desktop notification when a job completes, fails or is moderated

A JOBID is a v1 jobid or a v2 video id (user:<digits>-pixverse:<email>-video:<digits>), or a
useapi.net job URL, curl line or JSON answer that holds one. v1 and v2 ids can be mixed; the API is
told by the id's shape unless --api v1|v2 names it for every id.

Environment:
  USEAPI_TOKEN        your useapi.net API token (required by watch and status)
  USEAPI_BASE_URL     API base URL (default https://api.useapi.net)
  PIXVERSE_TRAY_HOME  where tracked jobs and settings.json are kept (default: the OS config folder)

Videos are saved to --out, else to downloadFolder in settings.json, else ~/Downloads/PixVerse Tray.`;

const seconds = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number of seconds.` })
    .refine((n) => Number.isFinite(n) && n > 0, `${what} must be a positive number of seconds.`);

const watchSchema = z
  .object({
    command: z.literal('watch'),
    jobs: z.array(inputJobSchema),
    api: inputSourceSchema.optional(),
    all: z.boolean(),
    exitWhenIdle: z.boolean(),
    notify: z.boolean(),
    out: z.string().min(1, '--out needs a folder; it cannot be empty.').optional(),
    download: z.boolean(),
    intervalMs: seconds('--interval')
      .transform((s) => Math.round(s * 1000))
      .optional(),
    timeoutMs: seconds('--timeout').transform((s) => Math.round(s * 1000)),
    idleTimeoutMs: seconds('--idle-timeout').transform((s) => Math.round(s * 1000)),
    json: z.boolean(),
  })
  .refine((cmd) => cmd.all || cmd.jobs.length > 0, 'watch needs at least one JOBID.')
  .refine((cmd) => cmd.all || !cmd.exitWhenIdle, '--exit-when-idle goes with --all.')
  .transform(({ api, ...cmd }) => ({ ...cmd, jobs: callJobs(cmd.jobs, api) }));

const statusSchema = z
  .object({ command: z.literal('status'), jobs: z.array(inputJobSchema), api: inputSourceSchema.optional() })
  .transform(({ api, jobs }) => ({ command: 'status' as const, ...callJobs(jobs, api)[0]! }));

export type WatchCommand = z.output<typeof watchSchema>;
export type Command =
  | WatchCommand
  | { command: 'status'; jobid: string; source: JobSource }
  | { command: 'demo'; json: boolean; notify: boolean }
  | { command: 'help' };

/** Parses and validates the command line; throws UsageError with a readable message. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        'no-download': { type: 'boolean', default: false },
        interval: { type: 'string' },
        timeout: { type: 'string', default: '30' },
        'idle-timeout': { type: 'string', default: '30' },
        json: { type: 'boolean', default: false },
        api: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        // #14 part B: the live view's run options
        all: { type: 'boolean', default: false },
        'exit-when-idle': { type: 'boolean', default: false },
        notify: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || command === undefined) return { command: 'help' };
  const check = <T>(schema: z.ZodType<T>, input: unknown): T => {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    // An issue of one jobid names it; one of the list as a whole (none given) has no jobid to name.
    const at = issue.path[0] === 'jobs' ? issue.path[1] : undefined;
    const where = typeof at === 'number' ? `JOBID "${boundedText(String(rest[at] ?? ''), 80)}": ` : '';
    throw new UsageError(`${where}${issue.message}`);
  };
  switch (command) {
    case 'watch':
      return check(watchSchema, {
        command,
        jobs: rest,
        api: values.api,
        all: values.all,
        exitWhenIdle: values['exit-when-idle'],
        notify: values.notify,
        out: values.out,
        download: !values['no-download'],
        intervalMs: values.interval,
        timeoutMs: values.timeout,
        idleTimeoutMs: values['idle-timeout'],
        json: values.json,
      });
    case 'status':
      if (rest.length !== 1) throw new UsageError('status takes exactly one JOBID.');
      return check(statusSchema, { command, jobs: rest, api: values.api });
    case 'demo':
      return { command, json: values.json, notify: values.notify };
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}
