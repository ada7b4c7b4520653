import { parseDemo } from '../args.js';
import { runDemo } from '../demo.js';
import type { CommandContext } from './command.js';

export async function run(args: string[], { io, interrupted }: CommandContext): Promise<number> {
  return runDemo(parseDemo(args).json, io, interrupted);
}
