import { spawn, type ChildProcess } from 'node:child_process';
import { tempDir } from './temp.js';
import path from 'node:path';

export const CLI = path.resolve('dist/main/cli.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  /** Resolves once stdout contains `text`. */
  waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  done: Promise<CliResult>;
}

export const tempHome = (): string => tempDir('cli');

/** Starts the built CLI as a real child process, with no standard input. */
export function startCli(args: string[], env: Record<string, string | undefined>): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    // HOME in a temp folder: default downloads (~/Downloads/PixVerse Tray) never reach the real one.
    env: { PATH: process.env.PATH, HOME: env.PIXVERSE_TRAY_HOME ?? tempHome(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string | RegExp; resolve: () => void }[] = [];
  const matches = (text: string | RegExp) =>
    typeof text === 'string' ? stdout.includes(text) : text.test(stdout);
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const w of waiters.filter((w) => matches(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    stdout: () => stdout,
    done,
    waitFor: (text, timeoutMs = 15_000) =>
      matches(text)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`CLI never printed ${String(text)}:\n${stdout}\n${stderr}`)),
              timeoutMs,
            );
            waiters.push({ text, resolve: () => (clearTimeout(timer), resolve()) });
          }),
  };
}

export const runCli = (args: string[], env: Record<string, string | undefined>): Promise<CliResult> =>
  startCli(args, env).done;

export const ndjson = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
