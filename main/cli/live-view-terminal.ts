import { Writable } from 'node:stream';

/** A terminal the live view may redraw in place: raw writes to stdout, its size, whether to colour. */
export interface Terminal {
  /** What log-update writes to: stdout itself, through the run's guard for a closed stdout. */
  stream: NodeJS.WritableStream & { columns?: number; rows?: number; isTTY?: boolean };
  colors: boolean;
  /** Text from outside (prompts, messages, file names) made inert and without the token. */
  clean(text: string): string;
}

interface TerminalStdout {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/**
 * A live view only on a terminal that can show one: stdout a TTY, `TERM` not `dumb`, not in CI (`CI`
 * set, as CI services set it; some give a TTY whose log keeps every redraw). Pipes, CI logs and dumb
 * terminals keep the line-per-change output. Colours follow no-color.org (`NO_COLOR`
 * set and not empty turns them off) and `FORCE_COLOR=0`; `FORCE_COLOR` cannot colour a pipe, whose
 * output stays byte for byte what scripts parse.
 */
/** `CI` as CI services set it (`true`, `1`, a name); empty, `0` or `false` mean no CI. */
const inCi = (env: NodeJS.ProcessEnv): boolean =>
  env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());

export function liveTerminal(options: {
  env: NodeJS.ProcessEnv;
  stdout: TerminalStdout;
  write: (text: string) => void;
  clean: (text: string) => string;
}): Terminal | undefined {
  const { env, stdout } = options;
  if (!stdout.isTTY || env.TERM === 'dumb' || inCi(env)) return undefined;
  const colors = !env.NO_COLOR && env.FORCE_COLOR !== '0';
  const stream = Object.assign(
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _encoding, done) {
        options.write(String(chunk));
        done();
      },
    }),
    { isTTY: true },
  );
  // The size is read at each frame: a resized window redraws at its new width.
  Object.defineProperty(stream, 'columns', { get: () => stdout.columns || undefined });
  Object.defineProperty(stream, 'rows', { get: () => stdout.rows || undefined });
  return { stream, colors, clean: options.clean };
}
