import { randomBytes } from 'node:crypto';
import { Simulator } from '../../core/simulator/simulator.js';
import { integerOption, parseOptions, positiveOption, quoted } from '../command-line.js';
import { CommandFailure, EXIT, UsageError } from '../exit-codes.js';
import type { CommandContext } from './command.js';

const DEFAULT_SPEED = 10;

/** Jobs the simulator knows from the start, so a watch pointed at it has something to follow. */
const SEEDED = [
  { prompt: 'A red fox running through fresh snow at dawn', durationMs: 150_000, says: 'completes' },
  { prompt: 'Timelapse of a city skyline from day to night', durationMs: 240_000, says: 'completes' },
  {
    prompt: 'A paper boat sailing down a rainy street',
    durationMs: 120_000,
    outcome: 'failed',
    says: 'fails',
  },
  { prompt: 'A forbidden prompt', durationMs: 90_000, outcome: 'moderated', says: 'is moderated' },
] as const;

/** Why the simulator could not listen, in one line that names the port. */
function listenError(error: NodeJS.ErrnoException, port: number | undefined): Error {
  const where = `port ${port} on 127.0.0.1`;
  if (port && error.code === 'EADDRINUSE')
    return new CommandFailure(
      `${where} is in use; choose another --port, or leave it out for a free one.`,
      EXIT.usage,
    );
  if (port && error.code === 'EACCES')
    return new CommandFailure(`${where} needs privileges; choose a --port above 1023.`, EXIT.usage);
  return error;
}

/** `simulate [--port N] [--speed X]`: the built-in useapi.net simulator alone, until Ctrl+C. */
export async function run(args: string[], { io, interrupted }: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions('simulate', args, {
    port: { type: 'string' },
    speed: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new UsageError(`simulate takes no argument (${quoted(positionals[0]!)}).`);
  const port = typeof values.port === 'string' ? integerOption('port', values.port, 1, 65_535) : undefined;
  const speed =
    typeof values.speed === 'string' ? positiveOption('speed', values.speed, 10_000) : DEFAULT_SPEED;

  const token = `sim-${randomBytes(8).toString('hex')}`;
  let sim: Simulator;
  try {
    sim = await Simulator.start({ timeScale: speed, token, apiPort: port, recordRequests: false });
  } catch (error) {
    throw listenError(error as NodeJS.ErrnoException, port);
  }
  try {
    const jobs = SEEDED.map(({ says, ...spec }) => ({ says, job: sim.addJob(spec) }));
    // stdout: the two lines to copy (or to read from a script); stderr: what they are for.
    io.out(`USEAPI_BASE_URL=${sim.apiUrl}`);
    io.out(`USEAPI_TOKEN=${token}`);
    io.err(`The useapi.net simulator answers at ${sim.apiUrl}, time running ${speed}× faster.`);
    io.err('Its jobs (it serves GET /v1/pixverse/jobs and /v1/pixverse/jobs/?jobid=…):');
    for (const { says, job } of jobs) io.err(`  ${job.jobid}  ${says}`);
    io.err(
      `Try: USEAPI_BASE_URL=${sim.apiUrl} USEAPI_TOKEN=${token} pixverse-tray watch ${jobs[0]!.job.jobid}`,
    );
    io.err('Press Ctrl+C to stop.');
    await interrupted;
    return EXIT.interrupted;
  } finally {
    await sim.close();
  }
}
