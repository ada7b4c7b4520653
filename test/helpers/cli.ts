import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
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

// A CLI left running by a failed test must not outlive it (nor spin on a shared machine).
const running = new Map<ChildProcess, () => void>();
afterEach(() => {
  for (const kill of running.values()) kill();
  running.clear();
});

/** The environment of a CLI child: HOME and the working folder in temp folders, never the real ones. */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // HOME in a temp folder: default downloads (~/Downloads/PixVerse Tray) never reach the real one.
  return { PATH: process.env.PATH, HOME: env.PIXVERSE_TRAY_HOME ?? tempHome(), ...env };
}

/** Starts the built CLI as a real child process, with no standard input, in an empty working folder. */
export function startCli(
  args: string[],
  env: Record<string, string | undefined>,
  cwd = tempDir('cwd'),
): RunningCli {
  return track(
    spawn(process.execPath, [CLI, ...args], { env: childEnv(env), cwd, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

/**
 * Runs `pixverse-tray ARGS | TAIL` through bash: a real pipeline whose reader may close early. bash
 * waits for both sides, so the result also proves the CLI ended; `cliCode` is its exit status.
 */
export async function runCliPiped(
  args: string[],
  tail: string,
  env: Record<string, string | undefined>,
): Promise<CliResult & { cliCode: number }> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${quoted} | ${tail}; echo "cli-exit=\${PIPESTATUS[0]}" >&2`;
  // Its own process group, so a failed test can end the whole pipeline.
  const shell = spawn('bash', ['-c', script], {
    env: childEnv(env),
    cwd: tempDir('cwd'),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killGroup = () => {
    try {
      process.kill(-shell.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const result = await track(shell, killGroup).done;
  const cliCode = Number(/cli-exit=(\d+)\n$/.exec(result.stderr)?.[1]);
  return { ...result, stderr: result.stderr.replace(/cli-exit=\d+\n$/, ''), cliCode };
}

function track(child: ChildProcess, kill: () => void = () => child.kill('SIGKILL')): RunningCli {
  running.set(child, kill);
  child.on('exit', () => running.delete(child));
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

export const runCli = (
  args: string[],
  env: Record<string, string | undefined>,
  cwd?: string,
): Promise<CliResult> => startCli(args, env, cwd).done;

export const ndjson = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
