#!/usr/bin/env node
// Only what every run needs is imported here: each command brings its own modules (zod, the API
// client, the database, the simulator) when it runs, so --help and --version answer at once.
import type { CommandContext, CommandModule } from './cli/commands/command.js';
import { quoted } from './cli/command-line.js';
import { CommandFailure, EXIT, UsageError } from './cli/exit-codes.js';
import {
  COMMAND_NAMES,
  commandHelp,
  generalHelp,
  usageReminder,
  isCommandName,
  type CommandName,
} from './cli/help.js';
import { writeLines } from './cli/output.js';
import { liveTerminal } from './cli/live-view-terminal.js';
import { processIo, type Ending } from './cli/process-io.js';
import { closestName } from './cli/suggest.js';
import { cliVersion } from './cli/version.js';

const COMMANDS: Record<Exclude<CommandName, 'help'>, () => Promise<CommandModule>> = {
  watch: () => import('./cli/commands/watch.js'),
  status: () => import('./cli/commands/status.js'),
  list: () => import('./cli/commands/list.js'),
  forget: () => import('./cli/commands/forget.js'),
  retry: () => import('./cli/commands/retry.js'),
  simulate: () => import('./cli/commands/simulate.js'),
  demo: () => import('./cli/commands/demo.js'),
};

/** What may come before a command. */
const GLOBAL_OPTIONS = ['--help', '--version'] as const;

const EXIT_FOR_ENDING: Record<Ending, number> = {
  signal: EXIT.interrupted,
  'output-closed': EXIT.outputClosed,
  'output-failed': EXIT.jobProblem,
};
const exitCodeFor = (ending: Ending) => EXIT_FOR_ENDING[ending];

const asksForHelp = (args: string[]) => {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
};

/** The command a first argument names, or a usage error that suggests the one meant. */
function commandNamed(typed: string): CommandName {
  if (isCommandName(typed)) return typed;
  if (typed.startsWith('-')) {
    const meant = closestName(typed, GLOBAL_OPTIONS);
    const hint = meant ? ` Did you mean ${meant}?` : ' Options follow a command.';
    throw new UsageError(`Unknown option ${quoted(typed)}.${hint}`);
  }
  const meant = closestName(typed, COMMAND_NAMES);
  throw new UsageError(`Unknown command ${quoted(typed)}.${meant ? ` Did you mean ${meant}?` : ''}`);
}

async function run(argv: string[], context: CommandContext): Promise<number> {
  const { io } = context;
  let name: CommandName | undefined;
  try {
    const [first, ...rest] = argv;
    if (first === '--version' || first === '-V') {
      io.out(cliVersion());
      return EXIT.ok;
    }
    if (first === undefined || first === '--help' || first === '-h') {
      writeLines(io.out, generalHelp());
      return EXIT.ok;
    }
    name = commandNamed(first);
    if (name === 'help') {
      // `help --help` is a request for help too, as `COMMAND --help` is.
      const topic = rest.find((arg) => arg !== '--help' && arg !== '-h');
      writeLines(io.out, topic === undefined ? generalHelp() : commandHelp(commandNamed(topic)));
      return EXIT.ok;
    }
    if (asksForHelp(rest)) {
      writeLines(io.out, commandHelp(name));
      return EXIT.ok;
    }
    const command = await COMMANDS[name]();
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`pixverse-tray: ${error.message}`);
      writeLines(io.err, usageReminder(name === 'help' ? undefined : name));
      return EXIT.usage;
    }
    if (error instanceof CommandFailure) {
      io.err(`pixverse-tray: ${error.message}`);
      return error.exitCode;
    }
    // Anything else is unexpected: say what, without a stack trace that could carry request data.
    io.err(`pixverse-tray: ${(error as Error).message ?? String(error)}`);
    return EXIT.usage;
  }
}

const { io, ended, endedBy, settled, writeRaw, clean } = processIo(
  process.env.USEAPI_TOKEN?.trim(),
  (ending) => process.exit(exitCodeFor(ending)),
);
const interrupted = ended.then(() => undefined);
const terminal = liveTerminal({ env: process.env, stdout: process.stdout, write: writeRaw, clean });
run(process.argv.slice(2), { env: process.env, io, interrupted, terminal }).then(
  async (code) => {
    await settled(); // a failed last write is only reported after it was made
    const ending = endedBy();
    process.exit(ending ? exitCodeFor(ending) : code);
  },
  () => process.exit(EXIT.usage),
);
