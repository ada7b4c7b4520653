/** A write into the `.part` file failed: a disk problem, not a network one. */
export class SinkError extends Error {
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error));
  }
}

export type BatchWrite = (buffers: Buffer[]) => Promise<void>;

export const BATCH_BYTES = 1 << 20;
/**
 * A crash must cost at most about a second of download, however slow the link: a batch whose first
 * byte waited this long goes to the disk without waiting to be full.
 */
export const FLUSH_INTERVAL_MS = 1000;

/**
 * Copies body bytes into two reused 1 MiB batches: one is written while the other fills. The
 * memory stays flat however fast the link is, and the disk sees few, large writes: a batch is
 * written when full, or once its oldest byte waited FLUSH_INTERVAL_MS (a slow link).
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
  /** When the first byte of the filling batch arrived; 0 while it is empty. */
  #oldestAt = 0;
  /** One timer, moved on to the batch filling when it fires: not a timer per batch on a fast link. */
  #flushTimer: NodeJS.Timeout | undefined;
  #finishing = false;

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
    return this.#makingRoom === undefined;
  }

  get room(): Promise<void> {
    return this.#makingRoom ?? Promise.resolve();
  }

  /** Writes what is left; rejects with a SinkError if any write failed. */
  async finish(): Promise<void> {
    this.#finishing = true;
    clearTimeout(this.#flushTimer);
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
    if (this.#fill === BATCH_BYTES && !this.#busy) this.#handOff();
    if (this.#fill > 0 && this.#oldestAt === 0) this.#startedFilling();
    return rest;
  }

  #startedFilling(): void {
    this.#oldestAt = Date.now();
    if (!this.#flushTimer && !this.#finishing) this.#armFlushTimer(FLUSH_INTERVAL_MS);
  }

  #armFlushTimer(ms: number): void {
    this.#flushTimer = setTimeout(() => this.#onFlushTimer(), ms);
    // Never what keeps the process alive: finish() writes what is left anyway.
    this.#flushTimer.unref();
  }

  #onFlushTimer(): void {
    this.#flushTimer = undefined;
    if (this.#fill === 0 || this.#finishing) return; // the next batch's first byte arms it again
    const age = Date.now() - this.#oldestAt;
    if (age < FLUSH_INTERVAL_MS) return this.#armFlushTimer(FLUSH_INTERVAL_MS - age);
    // While a write is on, #afterWrite hands this batch off as soon as it ends.
    if (!this.#busy && this.#error === undefined) this.#handOff();
  }

  /** The writer is free: a batch that filled or came due meanwhile goes now. */
  #afterWrite(): void {
    const due = this.#fill > 0 && Date.now() - this.#oldestAt >= FLUSH_INTERVAL_MS;
    if (due || this.#fill === BATCH_BYTES) this.#handOff();
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
    this.#oldestAt = 0;
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
