import { parseWatch } from '../args.js';
import { readEnvironment, requireToken } from '../environment.js';
import { runWatch } from '../watch.js';
import type { CommandContext } from './command.js';

export async function run(args: string[], { env, io, interrupted }: CommandContext): Promise<number> {
  const command = parseWatch(args);
  const environment = readEnvironment(env);
  const token = requireToken(environment);
  return runWatch(command, { ...environment, token }, io, { interrupted });
}
