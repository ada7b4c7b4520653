import { parseCommand } from '../args.js';
import { runDemo } from '../demo.js';
import type { CommandContext } from './command.js';

export async function run(args: string[], { io, interrupted }: CommandContext): Promise<number> {
  const command = parseCommand(['demo', ...args]);
  if (command.command !== 'demo') throw new Error('demo: the arguments were read as another command.');
  return runDemo(command.json, io, interrupted);
}
