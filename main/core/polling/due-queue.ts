/**
 * A min-heap of (key, dueAt). Rescheduling a key pushes a new entry; stale entries are skipped
 * on the way out, so every operation stays O(log n) however often jobs are rescheduled.
 */
export class DueQueue {
  readonly #heap: { key: string; dueAt: number; version: number }[] = [];
  readonly #current = new Map<string, { dueAt: number; version: number }>();
  #version = 0;

  get size(): number {
    return this.#current.size;
  }

  schedule(key: string, dueAt: number): void {
    const version = ++this.#version;
    this.#current.set(key, { dueAt, version });
    this.#push({ key, dueAt, version });
  }

  delete(key: string): void {
    this.#current.delete(key);
  }

  dueAt(key: string): number | undefined {
    return this.#current.get(key)?.dueAt;
  }

  has(key: string): boolean {
    return this.#current.has(key);
  }

  /** Earliest due time, or undefined when nothing is scheduled. */
  peekTime(): number | undefined {
    this.#dropStale();
    return this.#heap[0]?.dueAt;
  }

  /** Removes and returns up to `limit` keys due at or before `now`, earliest first. */
  takeDue(now: number, limit: number): string[] {
    const keys: string[] = [];
    while (keys.length < limit) {
      this.#dropStale();
      const top = this.#heap[0];
      if (!top || top.dueAt > now) break;
      this.#pop();
      this.#current.delete(top.key);
      keys.push(top.key);
    }
    return keys;
  }

  keys(): IterableIterator<string> {
    return this.#current.keys();
  }

  #dropStale(): void {
    for (let top = this.#heap[0]; top; top = this.#heap[0]) {
      const live = this.#current.get(top.key);
      if (live && live.version === top.version) return;
      this.#pop();
    }
  }

  #push(entry: { key: string; dueAt: number; version: number }): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.dueAt <= entry.dueAt) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.dueAt < heap[left]!.dueAt ? right : left;
      if (heap[child]!.dueAt >= last.dueAt) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}
