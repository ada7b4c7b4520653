import type { Clock, TimerHandle } from '../../main/core/clock.js';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A discrete-event clock: time jumps from one timer to the next, and after each callback every
 * promise chain it started settles before the next timer runs. No wall time is involved, so a
 * replay gives the same figures on an idle machine and a loaded one.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #heap: Timer[] = [];
  readonly #cancelled = new Set<Timer>();

  constructor(start = Date.UTC(2026, 10, 24, 8, 0, 0)) {
    this.#now = start;
  }

  now = (): number => this.#now;

  setTimeout = (callback: () => void, ms: number): TimerHandle => {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: ++this.#seq, callback };
    this.#push(timer);
    return timer;
  };

  clearTimeout = (handle: TimerHandle): void => {
    this.#cancelled.add(handle as Timer);
  };

  /** A promise that resolves `ms` of virtual time from now. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Runs timers in time order until `done()` says so or no timer is left; false when it ran dry. */
  async runUntil(done: () => boolean): Promise<boolean> {
    await settle();
    while (!done()) {
      const next = this.#pop();
      if (!next) return false;
      this.#now = Math.max(this.#now, next.at);
      next.callback();
      await settle();
    }
    return true;
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = timer;
  }

  #pop(): Timer | undefined {
    for (;;) {
      const heap = this.#heap;
      const top = heap[0];
      if (!top) return undefined;
      const last = heap.pop()!;
      if (heap.length > 0) {
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= heap.length) break;
          const right = left + 1;
          const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
          if (!before(heap[child]!, last)) break;
          heap[i] = heap[child]!;
          i = child;
        }
        heap[i] = last;
      }
      if (this.#cancelled.delete(top)) continue;
      return top;
    }
  }
}

const before = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** One macrotask turn: every microtask chain started by a callback has run by then. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
