import { parseDemo } from '../args.js';
import { runDemo } from '../demo.js';
import type { CommandContext } from './command.js';

export async function run(args: string[], { io, interrupted, terminal }: CommandContext): Promise<number> {
  return runDemo(parseDemo(args), io, { interrupted, terminal });
}
