import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BATCH_BYTES,
  BatchPump,
  FLUSH_INTERVAL_MS,
  SinkError,
} from '../../../main/core/downloads/batch-pump.js';

const MiB = 1024 * 1024;

describe('BatchPump', () => {
  it('holds a burst larger than both batches until the writer catches up, in order', async () => {
    const written: Buffer[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pump = new BatchPump(
      async ([batch]) => {
        await gate;
        written.push(Buffer.from(batch!));
      },
      () => {},
    );
    const burst = randomBytes(3 * MiB + 5);
    const source = Buffer.from(burst);
    expect(pump.push([source.subarray(0, MiB), source.subarray(MiB)])).toBe(false);
    source.fill(0); // the caller may reuse its memory at once: what the pump kept, it copied
    release();
    await pump.room;
    await pump.finish();
    expect(Buffer.concat(written).equals(burst)).toBe(true);
  });

  it('keeps bytes pushed while it waits for room (as TLS may deliver after a pause) in order', async () => {
    const written: Buffer[] = [];
    const gates: (() => void)[] = [];
    const pump = new BatchPump(
      async ([batch]) => {
        await new Promise<void>((resolve) => gates.push(resolve));
        written.push(Buffer.from(batch!));
      },
      () => {},
    );
    const data = randomBytes(5 * MiB + 17);
    const pieces = [0, 1.5, 3, 3.2, 4, 5].map((m) => Math.round(m * MiB));
    pieces.push(data.length);
    const answers = pieces.slice(0, -1).map((at, i) => pump.push([data.subarray(at, pieces[i + 1])]));
    expect(answers[0]).toBe(true);
    expect(answers.slice(1)).toEqual([false, false, false, false, false]);
    const release = setInterval(() => gates.shift()?.(), 1);
    await pump.room;
    await pump.finish();
    clearInterval(release);
    expect(Buffer.concat(written).equals(data)).toBe(true);
  });

  it('calls back once on a failed write and rejects finish with a SinkError', async () => {
    const failures: unknown[] = [];
    const pump = new BatchPump(
      async () => {
        throw new Error('EIO');
      },
      (error) => failures.push(error),
    );
    pump.push([Buffer.alloc(2 * MiB + 1)]);
    await expect(pump.finish()).rejects.toBeInstanceOf(SinkError);
    expect(failures).toHaveLength(1);
  });

  describe('on a slow link', () => {
    afterEach(() => void vi.useRealTimers());
    const recording = () => {
      const written: Buffer[] = [];
      const pump = new BatchPump(
        async ([batch]) => void written.push(Buffer.from(batch!)),
        () => {},
      );
      return { written, pump };
    };

    it('writes bytes that waited a second, without waiting for a full batch', async () => {
      vi.useFakeTimers();
      const { written, pump } = recording();
      pump.push([Buffer.alloc(100 * 1024, 1)]);
      await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS - 1);
      expect(written).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(written.map((b) => b.length)).toEqual([100 * 1024]);
      // The next batch is timed from its own first byte, not from the timer's last run.
      await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS / 2);
      pump.push([Buffer.alloc(10, 2)]);
      await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS - 1);
      expect(written.map((b) => b.length)).toEqual([100 * 1024]);
      await vi.advanceTimersByTimeAsync(1);
      expect(written.map((b) => b.length)).toEqual([100 * 1024, 10]);
      await pump.finish();
    });

    it('writes what waited a second once a slow write ends, and never two writes at once', async () => {
      vi.useFakeTimers();
      const lengths: number[] = [];
      const releases: (() => void)[] = [];
      let inFlight = 0;
      const pump = new BatchPump(
        async ([batch]) => {
          expect(++inFlight).toBe(1);
          lengths.push(batch!.length);
          await new Promise<void>((resolve) => releases.push(resolve));
          inFlight--;
        },
        () => {},
      );
      pump.push([Buffer.alloc(BATCH_BYTES)]); // handed off at once; its write hangs
      pump.push([Buffer.alloc(5)]);
      await vi.advanceTimersByTimeAsync(5 * FLUSH_INTERVAL_MS);
      expect(lengths).toEqual([BATCH_BYTES]);
      releases.shift()!();
      await vi.advanceTimersByTimeAsync(0);
      expect(lengths).toEqual([BATCH_BYTES, 5]);
      releases.shift()!();
      await pump.finish();
    });
  });
});
