#!/usr/bin/env node
import { EXIT, parseCommand, USAGE, UsageError } from './cli/args.js';
import { runDemo } from './cli/demo.js';
import { readEnvironment, requireToken } from './cli/environment.js';
import { redactingOutput, type Output } from './cli/output.js';
import { runStatus } from './cli/status.js';
import { runWatch } from './cli/watch.js';

const console_: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const io = redactingOutput(env.USEAPI_TOKEN?.trim(), console_);
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  try {
    const command = parseCommand(argv);
    switch (command.command) {
      case 'help':
        io.out(USAGE);
        return EXIT.ok;
      case 'demo':
        return await runDemo(command.json, io, interrupted);
      case 'status': {
        const environment = readEnvironment(env);
        return await runStatus(command.jobid, { ...environment, token: requireToken(environment) }, io);
      }
      case 'watch': {
        const environment = readEnvironment(env);
        const token = requireToken(environment);
        return await runWatch(command, { ...environment, token }, io, { interrupted });
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`pixverse-tray: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    // Anything else is unexpected: say what, without a stack trace that could carry request data.
    io.err(`pixverse-tray: ${(error as Error).message ?? String(error)}`);
    return EXIT.usage;
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  () => process.exit(EXIT.usage),
);
