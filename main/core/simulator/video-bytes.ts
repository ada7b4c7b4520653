import { createHash } from 'node:crypto';
import { seededRandom } from './timeline.js';

const BLOCK = 1 << 20;

/**
 * Deterministic bytes for a simulated video of any size, produced on the fly for any range, so a
 * 1 GiB file costs 1 MiB of memory. Each 1 MiB block carries its index: misplaced bytes show.
 */
export class VideoBytes {
  readonly #pattern: Buffer;

  constructor(
    readonly seed: string,
    readonly size: number,
  ) {
    const random = seededRandom(seed);
    this.#pattern = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK; i += 4) this.#pattern.writeUInt32LE((random() * 2 ** 32) >>> 0, i);
  }

  /** Bytes [start, end) as a series of chunks of at most 64 KiB. */
  *chunks(start: number, end: number, chunkSize = 64 * 1024): Generator<Buffer> {
    for (let pos = start; pos < end;) {
      const block = Math.floor(pos / BLOCK);
      const inBlock = pos % BLOCK;
      const take = Math.min(chunkSize, end - pos, BLOCK - inBlock);
      const chunk = Buffer.from(this.#pattern.subarray(inBlock, inBlock + take));
      // Stamp the block index over its first 8 bytes.
      for (let j = inBlock; j < Math.min(8, inBlock + take); j++) {
        chunk[j - inBlock] = (block >>> ((j % 4) * 8)) & 0xff;
      }
      yield chunk;
      pos += take;
    }
  }

  sha256(): string {
    const hash = createHash('sha256');
    for (const chunk of this.chunks(0, this.size, BLOCK)) hash.update(chunk);
    return hash.digest('hex');
  }
}
