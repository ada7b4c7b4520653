import type { Terminal } from '../live-view-terminal.js';
import type { Output } from '../output.js';

/** What every command is given: the environment, where to write, and a promise of Ctrl+C. */
export interface CommandContext {
  env: NodeJS.ProcessEnv;
  io: Output;
  /** Resolves when the user interrupts (SIGINT, SIGTERM) or the reader of stdout goes away. */
  interrupted: Promise<void>;
  /** Set when stdout is a terminal that can show the live view. */
  terminal?: Terminal;
}

/** A command module: `main/cli.ts` imports one only when it is the command run. */
export interface CommandModule {
  run(args: string[], context: CommandContext): Promise<number>;
}
