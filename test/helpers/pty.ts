import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import { CLI, tempHome } from './cli.js';
import { tempDir } from './temp.js';

/** The CLI under a pseudo-terminal (util-linux `script`), as a person at a terminal runs it. */
export interface PtyCli {
  child: ChildProcess;
  /** Everything the terminal was sent so far (stdout and stderr together, `\r\n` line ends). */
  output: () => string;
  /** Resolves once the output contains `text`. */
  waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  /** Ctrl+C typed at the terminal: the pty sends SIGINT to the CLI. */
  interrupt: () => void;
  done: Promise<{ code: number | null; output: string }>;
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

const running = new Set<() => void>();
afterEach(() => {
  for (const kill of running) kill();
  running.clear();
});

/**
 * Starts `node dist/main/cli.js ARGS` in a pty of `columns`×`rows` (a fresh pty has no size: stty
 * gives it one). `script -e` exits with the CLI's status.
 */
export function startCliInPty(
  args: string[],
  env: Record<string, string | undefined>,
  { columns = 100, rows = 40 }: { columns?: number; rows?: number } = {},
): PtyCli {
  const command = `stty cols ${columns} rows ${rows}; exec ${[process.execPath, CLI, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: {
      PATH: process.env.PATH,
      HOME: env.PIXVERSE_TRAY_HOME ?? tempHome(),
      TERM: 'xterm-256color',
      ...env,
    },
    cwd: tempDir('cwd'),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  running.add(kill);
  let output = '';
  const waiters: { text: string | RegExp; resolve: () => void }[] = [];
  const matches = (text: string | RegExp) =>
    typeof text === 'string' ? output.includes(text) : text.test(output);
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.filter((w) => matches(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => {
      running.delete(kill);
      resolve({ code, output });
    }),
  );
  return {
    child,
    output: () => output,
    done,
    interrupt: () => child.stdin!.write('\x03'),
    waitFor: (text, timeoutMs = 30_000) =>
      matches(text)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`the terminal never showed ${String(text)}:\n${output}`)),
              timeoutMs,
            );
            waiters.push({ text, resolve: () => (clearTimeout(timer), resolve()) });
          }),
  };
}

/** What a person would read: colours and cursor movements taken out, line ends as `\n`. */
export const plainText = (output: string): string =>
  // eslint-disable-next-line no-control-regex
  output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');

/** The SGR colour sequences in the output (ESC [ … m). */
// eslint-disable-next-line no-control-regex
export const colourCodes = (output: string): string[] => output.match(/\u001b\[[0-9;]*m/g) ?? [];

/**
 * The screen (with scrollback) a terminal shows after `output`: a small emulator of what the live
 * view sends (text, CR, LF, cursor up/down/column, erase line/to end); colours and modes are ignored.
 * A redraw that moved to the wrong line or left stale text shows here as it would to a person. Lines
 * are not wrapped: one longer than the terminal shows whole, where a terminal would wrap it.
 */
export function screen(output: string): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = () => (lines[row] ??= []);
  // eslint-disable-next-line no-control-regex
  const tokens = output.match(/\u001b\[[0-9;?]*[A-Za-z]|\r|\n|[^\u001b\r\n]/gu) ?? [];
  for (const token of tokens) {
    if (token === '\r') col = 0;
    else if (token === '\n') {
      row++;
      col = 0;
      line();
    } else if (token.startsWith('\u001b[')) {
      const n = Number(token.slice(2, -1)) || 1;
      const op = token.at(-1);
      if (token.includes('?') || op === 'm') continue;
      if (op === 'A') row = Math.max(0, row - n);
      else if (op === 'B') row += n;
      else if (op === 'G') col = n - 1;
      else if (op === 'K') {
        const mode = token.slice(2, -1);
        if (mode === '2') lines[row] = [];
        else line().splice(col);
      }
      line();
    } else {
      const current = line();
      while (current.length < col) current.push(' ');
      current[col++] = token;
    }
  }
  return lines.map((chars) => chars.join('').trimEnd());
}

/* eslint-disable no-control-regex -- these match the terminal's escape sequences */
export const ESCAPE = /\u001b/;
/** Cursor up (CSI n A) and erase line (CSI 2 K): what redrawing in place is made of. */
export const CURSOR_UP = /\u001b\[\d*A/;
export const ERASE_LINE = /\u001b\[2K/;
/* eslint-enable no-control-regex */
