import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processIo, type Ending } from '../../main/cli/process-io.js';

/** Just enough of `process` for processIo: two streams that can fail, and signals. */
function fakeProcess() {
  const written: string[] = [];
  const stream = () =>
    Object.assign(new EventEmitter(), { write: (text: string) => (written.push(text), true) });
  const proc = Object.assign(new EventEmitter(), { stdout: stream(), stderr: stream() });
  return { proc: proc as unknown as NodeJS.Process, emitter: proc, written };
}

describe('processIo', () => {
  it('ends the run once stdout is closed, and writes nothing more to it', async () => {
    const { proc, emitter, written } = fakeProcess();
    const exits: Ending[] = [];
    const { io, ended, endedBy } = processIo(undefined, (e) => exits.push(e), proc);
    io.out('first');
    emitter.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    io.out('second');
    expect(await ended).toBe('output-closed');
    expect(endedBy()).toBe('output-closed');
    expect(written).toEqual(['first\n']);
    expect(exits).toEqual([]);
  });

  it('ends the run as failed when stdout fails for another reason, and says why once on stderr', async () => {
    const { proc, emitter, written } = fakeProcess();
    const { io, ended } = processIo(undefined, () => undefined, proc);
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
    });
    emitter.stdout.emit('error', full);
    emitter.stdout.emit('error', full);
    io.out('lost');
    expect(await ended).toBe('output-failed');
    expect(written).toEqual(['pixverse-tray: cannot write the output: no space left on device\n']);
  });

  it('exits at once on a second signal, whatever the run is doing', async () => {
    const { proc, emitter } = fakeProcess();
    const exits: Ending[] = [];
    const { ended } = processIo(undefined, (e) => exits.push(e), proc);
    emitter.emit('SIGINT');
    expect(await ended).toBe('signal');
    expect(exits).toEqual([]);
    emitter.emit('SIGTERM');
    expect(exits).toEqual(['signal']);
  });

  it('drops stderr lines once stderr fails, without ending the run', () => {
    const { proc, emitter, written } = fakeProcess();
    const { io, endedBy } = processIo('secret-token-123', () => undefined, proc);
    io.err('uses secret-token-123');
    emitter.stderr.emit('error', new Error('write EPIPE'));
    io.err('lost');
    expect(written).toEqual(['uses ***\n']);
    expect(endedBy()).toBeUndefined();
  });
});
