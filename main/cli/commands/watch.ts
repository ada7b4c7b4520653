import { parseWatch } from '../args.js';
import { readEnvironment, requireToken } from '../environment.js';
import type { CommandContext } from './command.js';

export async function run(
  args: string[],
  { env, io, interrupted, terminal }: CommandContext,
): Promise<number> {
  const command = parseWatch(args);
  const environment = readEnvironment(env);
  const token = requireToken(environment);
  // The engine (axios, the database) only once the arguments are known to be good.
  const { runWatch } = await import('../watch.js');
  return runWatch(command, { ...environment, token }, io, { interrupted, terminal });
}
