import { parseStatus } from '../args.js';
import { readEnvironment, requireToken } from '../environment.js';
import type { CommandContext } from './command.js';

export async function run(args: string[], { env, io }: CommandContext): Promise<number> {
  const command = parseStatus(args);
  const environment = readEnvironment(env);
  const token = requireToken(environment);
  // The API client (axios) only once the arguments are known to be good: a typo answers at once.
  const { runStatus } = await import('../status.js');
  return runStatus(command, { ...environment, token }, io);
}
