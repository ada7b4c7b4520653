#!/usr/bin/env node
import { EXIT, parseCommand, USAGE, UsageError } from './cli/args.js';
import { runDemo } from './cli/demo.js';
import { readEnvironment, requireToken } from './cli/environment.js';
import { liveTerminal, type Terminal } from './cli/live-view-terminal.js';
import { writeLines, type Output } from './cli/output.js';
import { processIo, type Ending } from './cli/process-io.js';
import { runStatus } from './cli/status.js';
import { runWatch } from './cli/watch.js';

const EXIT_FOR_ENDING: Record<Ending, number> = {
  signal: EXIT.interrupted,
  'output-closed': EXIT.outputClosed,
  'output-failed': EXIT.jobProblem,
};
const exitCodeFor = (ending: Ending) => EXIT_FOR_ENDING[ending];

async function run(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: Output,
  ended: Promise<Ending>,
  terminal: Terminal | undefined,
): Promise<number> {
  const interrupted = ended.then(() => undefined);
  try {
    const command = parseCommand(argv);
    switch (command.command) {
      case 'help':
        writeLines(io.out, USAGE);
        return EXIT.ok;
      case 'demo':
        return await runDemo(command, io, { interrupted, terminal });
      case 'status': {
        const environment = readEnvironment(env);
        return await runStatus(command, { ...environment, token: requireToken(environment) }, io);
      }
      case 'watch': {
        const environment = readEnvironment(env);
        const token = requireToken(environment);
        return await runWatch(command, { ...environment, token }, io, { interrupted, terminal });
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      writeLines(io.err, `pixverse-tray: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
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
const terminal = liveTerminal({ env: process.env, stdout: process.stdout, write: writeRaw, clean });
run(process.argv.slice(2), process.env, io, ended, terminal).then(
  async (code) => {
    await settled(); // a failed last write is only reported after it was made
    const ending = endedBy();
    process.exit(ending ? exitCodeFor(ending) : code);
  },
  () => process.exit(EXIT.usage),
);
