import { randomBytes } from 'node:crypto';
import { Simulator } from '../../core/simulator/simulator.js';
import { integerOption, parseOptions, positiveOption, quoted } from '../command-line.js';
import { CommandFailure, EXIT, UsageError } from '../exit-codes.js';
import type { CommandContext } from './command.js';

const DEFAULT_SPEED = 10;

/** v1 jobs the simulator knows from the start, so a watch pointed at it has something to follow. */
const V1_JOBS = [
  { prompt: 'A red fox running through fresh snow at dawn', durationMs: 150_000, says: 'completes' },
  {
    prompt: 'A paper boat sailing down a rainy street',
    durationMs: 120_000,
    outcome: 'failed',
    says: 'fails',
  },
  { prompt: 'A forbidden prompt', durationMs: 90_000, outcome: 'moderated', says: 'is moderated' },
] as const;
/** v2 videos likewise: queued for a while, then generating. */
const V2_VIDEOS = [
  { prompt: 'Timelapse of a city skyline from day to night', queuedMs: 30_000, says: 'completes' },
  { prompt: 'A lighthouse in a storm', queuedMs: 20_000, outcome: 'failed', says: 'fails' },
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
    const v1 = V1_JOBS.map(({ says, ...spec }) => ({ says, id: sim.addJob(spec).jobid }));
    const v2 = V2_VIDEOS.map(({ says, ...spec }) => ({ says, id: sim.addVideo(spec).id }));
    // stdout: the two lines to copy (or to read from a script); stderr: what they are for.
    io.out(`USEAPI_BASE_URL=${sim.apiUrl}`);
    io.out(`USEAPI_TOKEN=${token}`);
    io.err(`The useapi.net simulator answers at ${sim.apiUrl}, time running ${speed}× faster.`);
    io.err('v1 jobs (GET /v1/pixverse/jobs, /v1/pixverse/jobs/?jobid=ID):');
    for (const { says, id } of v1) io.err(`  ${id}  ${says}`);
    io.err('v2 videos (GET /v2/pixverse/videos/ID, /v2/pixverse/scheduler/):');
    for (const { says, id } of v2) io.err(`  ${id}  ${says}`);
    io.err(
      `Try: USEAPI_BASE_URL=${sim.apiUrl} USEAPI_TOKEN=${token} pixverse-tray watch ${v1[0]!.id} ${v2[0]!.id}`,
    );
    io.err('Press Ctrl+C to stop.');
    await interrupted;
    return EXIT.interrupted;
  } finally {
    await sim.close();
  }
}
