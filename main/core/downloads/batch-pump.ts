/** A write into the `.part` file failed: a disk problem, not a network one. */
export class SinkError extends Error {
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error));
  }
}

export type BatchWrite = (buffers: Buffer[]) => Promise<void>;

export const BATCH_BYTES = 1 << 20;
/**
 * A crash must cost at most about a second of download: bytes reach the `.part` once 256 KiB wait
 * or the oldest waited a second, whichever comes first, however slow the link.
 */
export const FLUSH_BYTES = 256 * 1024;
export const FLUSH_INTERVAL_MS = 1000;

/**
 * Copies body bytes into two reused 1 MiB batches: one is written while the other fills. The
 * memory stays flat however fast the link is. A batch goes to the disk as soon as the writer is
 * free and it holds FLUSH_BYTES (or waited FLUSH_INTERVAL_MS): while a write is slow, the next
 * batch grows up to 1 MiB, so a slow disk sees fewer, larger writes.
 */
export class BatchPump {
  readonly #batches = [Buffer.allocUnsafe(BATCH_BYTES), Buffer.allocUnsafe(BATCH_BYTES)] as const;
  #current = 0;
  #fill = 0;
  #writing: Promise<void> = Promise.resolve();
  #busy = false;
  #error: unknown;
  /** Bytes that did not fit yet, copied aside so the reader may reuse its buffer at once. */
  #spill = Buffer.alloc(0);
  #spillStart = 0;
  #spillEnd = 0;
  #makingRoom: Promise<void> | undefined;
  /** Armed when the first byte enters an empty batch; when it fires, that batch is due. */
  #flushTimer: NodeJS.Timeout | undefined;
  #flushDue = false;

  constructor(
    private readonly write: BatchWrite,
    private readonly onWriteError: (error: unknown) => void,
  ) {}

  /**
   * Takes body bytes (their memory may be reused as soon as this returns). False when both batches
   * are taken: the reader should pause until `room` resolves.
   */
  push(slices: Buffer[]): boolean {
    let index = 0;
    if (!this.#makingRoom) {
      for (; index < slices.length; index++) {
        const rest = this.#copyIn(slices[index]!);
        if (rest.length === 0) continue;
        this.#spillIn(rest);
        index++;
        this.#makingRoom = this.#makeRoom();
        break;
      }
    }
    // Out of room: the rest waits in the spill buffer (a TLS socket may deliver a little more
    // after being paused, so this can happen more than once).
    for (; index < slices.length; index++) this.#spillIn(slices[index]!);
    this.#armFlushTimer();
    return this.#makingRoom === undefined;
  }

  get room(): Promise<void> {
    return this.#makingRoom ?? Promise.resolve();
  }

  /** Writes what is left; rejects with a SinkError if any write failed. */
  async finish(): Promise<void> {
    this.#stopFlushTimer();
    await this.room;
    await this.#writing;
    if (this.#error === undefined && this.#fill > 0) {
      this.#handOff();
      await this.#writing;
    }
    if (this.#error !== undefined) throw new SinkError(this.#error);
  }

  async #makeRoom(): Promise<void> {
    try {
      while (this.#spillEnd > this.#spillStart) {
        await this.#writing;
        if (this.#error !== undefined) return;
        const rest = this.#copyIn(this.#spill.subarray(this.#spillStart, this.#spillEnd));
        this.#spillStart = this.#spillEnd - rest.length;
      }
      this.#spillStart = this.#spillEnd = 0;
    } finally {
      // In the same turn as the last copy: a push never lands in the spill after it was emptied.
      this.#makingRoom = undefined;
    }
  }

  /** Copies as much of `bytes` as fits, handing full batches to the writer; returns what is left. */
  #copyIn(bytes: Buffer): Buffer {
    let rest = bytes;
    while (rest.length > 0) {
      if (this.#fill === BATCH_BYTES) {
        if (this.#busy) return rest;
        this.#handOff();
      }
      const copied = rest.copy(this.#batches[this.#current]!, this.#fill);
      this.#fill += copied;
      rest = rest.subarray(copied);
    }
    if (this.#fill >= FLUSH_BYTES && !this.#busy) this.#handOff();
    return rest;
  }

  #armFlushTimer(): void {
    if (this.#fill === 0 || this.#flushTimer || this.#flushDue) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      if (this.#busy) this.#flushDue = true;
      else if (this.#fill > 0 && this.#error === undefined) this.#handOff();
    }, FLUSH_INTERVAL_MS);
    // Never what keeps the process alive: finish() writes what is left anyway.
    this.#flushTimer.unref();
  }

  #stopFlushTimer(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    this.#flushDue = false;
  }

  /** The writer is free: the batch that filled (or came due) meanwhile goes now. */
  #afterWrite(): void {
    const due = this.#flushDue && this.#fill > 0;
    if (due || this.#fill >= FLUSH_BYTES) this.#handOff();
    else this.#armFlushTimer();
  }

  /** Appends to the spill buffer, which is reused and only grows when a burst outgrows it. */
  #spillIn(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.#spillEnd + bytes.length > this.#spill.length) {
      const kept = this.#spill.subarray(this.#spillStart, this.#spillEnd);
      const bigger =
        kept.length + bytes.length > this.#spill.length
          ? Buffer.allocUnsafe(Math.max(2 * this.#spill.length, kept.length + bytes.length))
          : this.#spill;
      kept.copy(bigger, 0);
      this.#spill = bigger;
      this.#spillEnd = kept.length;
      this.#spillStart = 0;
    }
    this.#spillEnd += bytes.copy(this.#spill, this.#spillEnd);
  }

  #handOff(): void {
    const batch = this.#batches[this.#current]!.subarray(0, this.#fill);
    this.#stopFlushTimer();
    this.#current ^= 1;
    this.#fill = 0;
    this.#busy = true;
    this.#writing = this.write([batch]).then(
      () => {
        this.#busy = false;
        this.#afterWrite();
      },
      (error: unknown) => {
        this.#busy = false;
        if (this.#error !== undefined) return;
        this.#error = error;
        this.onWriteError(error);
      },
    );
  }
}
