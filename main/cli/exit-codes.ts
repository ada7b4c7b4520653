/** The CLI's exit statuses: what a script reading `$?` can tell apart. */
export const EXIT = {
  ok: 0,
  jobProblem: 1,
  usage: 2,
  credentials: 3,
  interrupted: 130,
  /** stdout was closed by its reader (`| head`): the status of a program ended by SIGPIPE. */
  outputClosed: 141,
} as const;

/** A command line, environment or folder the CLI cannot work with: said in one line, exit 2. */
export class UsageError extends Error {}

/** A command that cannot start for a reason outside the command line (a port in use): one line. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
