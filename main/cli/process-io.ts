import { inertOutput, redactingOutput, type Output } from './output.js';
import { describeWriteError, isReaderGone } from './output-failure.js';

/** Why a run ends before its jobs do. */
export type Ending = 'signal' | 'output-closed' | 'output-failed';

// After Ctrl+C the run stops its timers and saves the store; this is its longest allowed goodbye.
const GRACE_MS = 5000;

export interface ProcessIo {
  io: Output;
  /** Resolves when the user interrupts (SIGINT, SIGTERM) or whoever reads stdout stops reading. */
  ended: Promise<Ending>;
  /** What ended the run early, if anything did. */
  endedBy(): Ending | undefined;
  /**
   * Resolves once every write so far has reached its reader, or failed (a write error is emitted
   * later): a pipe's reader may be slow to start, and an exit drops what is still queued.
   */
  settled(): Promise<void>;
  /** Writes to stdout as is, while it is open: the live view's escape sequences. */
  writeRaw(text: string): void;
  /** Outside text as `io` would print it: inert, without the token. */
  clean(text: string): string;
}

/**
 * The CLI's stdout/stderr and its ways to end. A closed stdout (`| head -1`) is a normal end, not an
 * error to print; a stdout failing for another reason (a full disk) is said once on stderr and ends
 * the run as failed. A second signal, or a run that does not stop within the grace time, exits at once.
 */
export function processIo(
  token: string | undefined,
  exitNow: (reason: Ending) => void,
  proc: NodeJS.Process = process,
): ProcessIo {
  let endedBy: Ending | undefined;
  let resolveEnded!: (reason: Ending) => void;
  const ended = new Promise<Ending>((resolve) => (resolveEnded = resolve));
  const end = (reason: Ending) => {
    if (endedBy !== undefined) return exitNow(reason);
    endedBy = reason;
    resolveEnded(reason);
    setTimeout(() => exitNow(reason), GRACE_MS).unref();
  };
  let stdoutOpen = true;
  let stderrOpen = true;
  proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!stdoutOpen) return;
    stdoutOpen = false;
    const readerGone = isReaderGone(error);
    if (!readerGone) sink.err(`pixverse-tray: cannot write the output: ${describeWriteError(error)}`);
    // The reader walked away (`| head -1`): the run stops quietly, without a summary on stderr.
    else stderrOpen = false;
    if (endedBy === undefined) end(readerGone ? 'output-closed' : 'output-failed');
  });
  // Nowhere left to report a failing stderr: its lines are dropped, the run goes on.
  proc.stderr.on('error', () => (stderrOpen = false));
  proc.on('SIGINT', () => end('signal'));
  proc.on('SIGTERM', () => end('signal'));
  const sink: Output = {
    out: (line) => void (stdoutOpen && proc.stdout.write(`${line}\n`)),
    err: (line) => void (stderrOpen && proc.stderr.write(`${line}\n`)),
  };
  // The filters of `io`, for the text the live view draws itself.
  let filtered = '';
  const filter = redactingOutput(token, inertOutput({ out: (text) => (filtered = text), err: () => {} }));
  return {
    io: redactingOutput(token, inertOutput(sink)),
    writeRaw: (text) => void (stdoutOpen && proc.stdout.write(text)),
    clean: (text) => {
      filter.out(text);
      return filtered;
    },
    ended,
    endedBy: () => endedBy,
    settled: async () => {
      await Promise.all([flushed(proc.stdout, stdoutOpen), flushed(proc.stderr, stderrOpen)]);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Resolves once what was written to `stream` so far is out of this process (or the stream failed). */
function flushed(stream: NodeJS.WriteStream, open: boolean): Promise<void> {
  if (!open || stream.destroyed || stream.writableLength === 0) return Promise.resolve();
  // Writes leave in order: the callback of an empty write comes after every earlier one's.
  return new Promise((resolve) => stream.write('', () => resolve()));
}
