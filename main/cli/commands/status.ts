import { parseStatus } from '../args.js';
import { readEnvironment, requireToken } from '../environment.js';
import { runStatus } from '../status.js';
import type { CommandContext } from './command.js';

export async function run(args: string[], { env, io }: CommandContext): Promise<number> {
  const command = parseStatus(args);
  const environment = readEnvironment(env);
  return runStatus(command, { ...environment, token: requireToken(environment) }, io);
}
