/**
 * What `pixverse-tray help [COMMAND]` prints. Plain text only: the help path imports nothing else,
 * so `--help` answers as fast as Node starts.
 */
export interface CommandHelp {
  summary: string;
  usage: string;
  options?: string;
  examples: string;
}

export const COMMAND_HELP = {
  watch: {
    summary: 'follow jobs until they finish, and save their videos',
    usage: `pixverse-tray watch JOBID... [--api v1|v2] [--out DIR] [--no-download] [--interval S]
                            [--timeout S] [--idle-timeout S] [--json] [--notify]
  pixverse-tray watch --all [--exit-when-idle] [the options above]`,
    options: `  --api v1|v2        the API every JOBID belongs to (default: told by each id's shape);
                     with --all, follow only that API's jobs
  --out DIR          save videos here (default: downloadFolder in settings.json,
                     else ~/Downloads/PixVerse Tray; without --out, a video whose
                     download began in another folder is finished there)
  --no-download      do not save videos; a completed job prints its video URLs
  --interval S       least seconds between two polls of a job (default 10; api.useapi.net: 10 or more)
  --timeout S        seconds an API request may take (default 30)
  --idle-timeout S   seconds a download may receive nothing before it is retried (default 30)
  --json             one JSON object per line (NDJSON) instead of text
  --notify           a desktop notification when a job completes, fails or is moderated
  --all              follow every job the account runs now (v1 jobs list, v2 scheduler), and
                     each new one as it starts
  --exit-when-idle   with --all: end once no job is left running`,
    examples: `  pixverse-tray watch user:12345-pixverse:987654321098765432-job:5b6d4c8e
  pixverse-tray watch JOBID1 JOBID2 --out ~/Videos/pixverse
  pixverse-tray watch JOBID --no-download --json | jq .state
  pixverse-tray watch --all --exit-when-idle --notify`,
  },
  status: {
    summary: 'print a job as the API describes it now (one request, JSON)',
    usage: 'pixverse-tray status JOBID [--api v1|v2]',
    options: "  --api v1|v2   the API the JOBID belongs to (default: told by the id's shape)",
    examples: `  pixverse-tray status user:12345-pixverse:987654321098765432-job:5b6d4c8e
  pixverse-tray status JOBID | jq .results`,
  },
  list: {
    summary: 'list the jobs tracked under PIXVERSE_TRAY_HOME, newest first',
    usage: 'pixverse-tray list [--active | --finished | --problems] [--json]',
    options: `  --active     only jobs still running
  --finished   only jobs that ended (completed or not)
  --problems   only jobs that failed, were moderated, not found or expired, or whose video could not be saved
  --json       one JSON object per job (NDJSON), each naming its source (v1 or v2)`,
    examples: `  pixverse-tray list
  pixverse-tray list --problems
  pixverse-tray list --json | jq -r 'select(.state == "completed") | .jobid'`,
  },
  forget: {
    summary: 'stop tracking jobs (saved videos stay; unfinished .part files go)',
    usage: 'pixverse-tray forget JOBID...',
    examples: `  pixverse-tray forget user:12345-pixverse:987654321098765432-job:5b6d4c8e
  pixverse-tray list --finished --json | jq -r .jobid | xargs pixverse-tray forget`,
  },
  retry: {
    summary: "download a completed job's video again after its download failed",
    usage: 'pixverse-tray retry JOBID [--out DIR] [--timeout S] [--idle-timeout S] [--json]',
    options: `  --out DIR          where to save a video that has no file name chosen yet (as for watch)
  --timeout S        seconds an API request may take (default 30)
  --idle-timeout S   seconds a download may receive nothing before it is retried (default 30)
  --json             one JSON object per line (NDJSON), as watch writes them`,
    examples: `  pixverse-tray list --problems
  pixverse-tray retry user:12345-pixverse:987654321098765432-job:5b6d4c8e`,
  },
  simulate: {
    summary: 'run the built-in useapi.net simulator alone, until Ctrl+C',
    usage: 'pixverse-tray simulate [--port N] [--speed X]',
    options: `  --port N    listen on 127.0.0.1:N (default: a free port)
  --speed X   how many times faster than real time its jobs run (default 10)`,
    examples: `  pixverse-tray simulate --port 8787
  # in another terminal, with the two lines it printed:
  USEAPI_BASE_URL=http://127.0.0.1:8787 USEAPI_TOKEN=sim-… pixverse-tray watch JOBID`,
  },
  demo: {
    summary: 'watch a few jobs of the built-in simulator to their end (no account needed)',
    usage: 'pixverse-tray demo [--json] [--notify]',
    options: `  --json     one JSON object per line (NDJSON), as watch writes them
  --notify   a desktop notification when a job completes, fails or is moderated`,
    examples: '  pixverse-tray demo',
  },
  help: {
    summary: 'show this help, or the help of one command',
    usage: 'pixverse-tray help [COMMAND]',
    examples: `  pixverse-tray help watch
  pixverse-tray watch --help`,
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMAND_HELP;
export const COMMAND_NAMES = Object.keys(COMMAND_HELP) as CommandName[];
export const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMAND_HELP, name);

const JOBIDS = `A JOBID is a v1 jobid or a v2 video id (user:<digits>-pixverse:<email>-video:<digits>), or a
useapi.net job URL, curl line or JSON answer that holds one.`;

const ENVIRONMENT = `Environment:
  USEAPI_TOKEN        your useapi.net API token (required by watch, status and retry)
  USEAPI_BASE_URL     API base URL (default https://api.useapi.net)
  PIXVERSE_TRAY_HOME  where tracked jobs and settings.json are kept (default: the OS config folder)`;

/** `pixverse-tray --help`: every command in a line, the environment, where to read more. */
export function generalHelp(): string {
  const width = Math.max(...COMMAND_NAMES.map((name) => name.length));
  const commands = COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}  ${COMMAND_HELP[name].summary}`);
  return `Usage: pixverse-tray COMMAND [OPTIONS]

Track useapi.net PixVerse jobs, and save their videos.

Commands:
${commands.join('\n')}

${JOBIDS}

${ENVIRONMENT}

Options for every command: --help (-h); pixverse-tray --version prints the version.
Run 'pixverse-tray help COMMAND' for a command's options and examples.`;
}

/** `pixverse-tray help COMMAND`, `pixverse-tray COMMAND --help`. */
export function commandHelp(name: CommandName): string {
  const help: CommandHelp = COMMAND_HELP[name];
  const options = help.options ? `\n\nOptions:\n${help.options}` : '';
  const jobids = help.usage.includes('JOBID') ? `\n\n${JOBIDS}` : '';
  return `pixverse-tray ${name}: ${help.summary}

Usage:
  ${help.usage}${options}

Examples:
${help.examples}${jobids}

${ENVIRONMENT}`;
}

/** What follows a usage error: the command's usage (what a JOBID is), and where to read more. */
export function usageReminder(name?: CommandName): string {
  if (!name) return "Run 'pixverse-tray help' for usage.";
  const { usage } = COMMAND_HELP[name];
  const jobids = usage.includes('JOBID') ? `\n${JOBIDS}` : '';
  return `Usage:\n  ${usage}${jobids}\nRun 'pixverse-tray help ${name}' for its options and examples.`;
}
