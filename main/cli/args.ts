import { z } from 'zod';
import { callJobs, inputJobSchema, inputSourceSchema } from '../core/input-jobid.js';
import type { JobSource } from '../core/jobs/job.js';
import { parseOptions, quoted, type OptionSpec } from './command-line.js';
import { UsageError } from './exit-codes.js';

export { EXIT, UsageError } from './exit-codes.js';

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
  // --api also narrows --all to that API's running jobs.
  .transform(({ api, ...cmd }) => ({ ...cmd, jobs: callJobs(cmd.jobs, api), ...(api ? { api } : {}) }));

const statusSchema = z
  .object({ command: z.literal('status'), jobs: z.array(inputJobSchema), api: inputSourceSchema.optional() })
  .transform(({ api, jobs }) => ({ command: 'status' as const, ...callJobs(jobs, api)[0]! }));

export type WatchCommand = z.output<typeof watchSchema>;
export type StatusCommand = { command: 'status'; jobid: string; source: JobSource };
export type DemoCommand = { command: 'demo'; json: boolean; notify: boolean };
export type Command = WatchCommand | StatusCommand | DemoCommand;

// One option table per command: an option another command takes is refused here, by name.
const WATCH_OPTIONS = {
  out: { type: 'string' },
  'no-download': { type: 'boolean' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  'idle-timeout': { type: 'string' },
  json: { type: 'boolean' },
  api: { type: 'string' },
  // #14 part B: the live view's run options
  all: { type: 'boolean' },
  'exit-when-idle': { type: 'boolean' },
  notify: { type: 'boolean' },
} satisfies OptionSpec;
const STATUS_OPTIONS = { api: { type: 'string' } } satisfies OptionSpec;
const DEMO_OPTIONS = { json: { type: 'boolean' }, notify: { type: 'boolean' } } satisfies OptionSpec;

/** Validates with `schema`; the first issue becomes the usage error, naming the JOBID it is about. */
function check<T>(schema: z.ZodType<T>, input: unknown, jobids: string[]): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // An issue of one jobid names it; one of the list as a whole (none given) has no jobid to name.
  const at = issue.path[0] === 'jobs' ? issue.path[1] : undefined;
  const where = typeof at === 'number' ? `JOBID ${quoted(String(jobids[at] ?? ''))}: ` : '';
  throw new UsageError(`${where}${issue.message}`);
}

/** `watch`'s arguments (after the command name). */
export function parseWatch(args: string[]): WatchCommand {
  const { values, positionals } = parseOptions('watch', args, WATCH_OPTIONS);
  const input = {
    command: 'watch',
    jobs: positionals,
    api: values.api,
    out: values.out,
    download: values['no-download'] !== true,
    intervalMs: values.interval,
    timeoutMs: values.timeout ?? '30',
    idleTimeoutMs: values['idle-timeout'] ?? '30',
    json: values.json === true,
    all: values.all === true,
    exitWhenIdle: values['exit-when-idle'] === true,
    notify: values.notify === true,
  };
  return check(watchSchema, input, positionals);
}

export function parseStatus(args: string[]): StatusCommand {
  const { values, positionals } = parseOptions('status', args, STATUS_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('status takes exactly one JOBID.');
  return check(statusSchema, { command: 'status', jobs: positionals, api: values.api }, positionals);
}

export function parseDemo(args: string[]): DemoCommand {
  const { values, positionals } = parseOptions('demo', args, DEMO_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`demo takes no argument (${quoted(positionals[0]!)}).`);
  return { command: 'demo', json: values.json === true, notify: values.notify === true };
}

const PARSERS = { watch: parseWatch, status: parseStatus, demo: parseDemo };

/** A whole command line of watch, status or demo (what tests of their arguments call). */
export function parseCommand(argv: string[]): Command {
  const [name = '', ...args] = argv;
  if (!Object.hasOwn(PARSERS, name)) throw new UsageError(`Unknown command ${quoted(name)}.`);
  return PARSERS[name as keyof typeof PARSERS](args);
}
