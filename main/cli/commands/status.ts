import { parseCommand } from '../args.js';
import { readEnvironment, requireToken } from '../environment.js';
import { runStatus } from '../status.js';
import type { CommandContext } from './command.js';

export async function run(args: string[], { env, io }: CommandContext): Promise<number> {
  const command = parseCommand(['status', ...args]);
  if (command.command !== 'status') throw new Error('status: the arguments were read as another command.');
  const environment = readEnvironment(env);
  return runStatus(command.jobid, { ...environment, token: requireToken(environment) }, io);
}
