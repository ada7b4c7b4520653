import type { Clock, TimerHandle } from '../../main/core/clock.js';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/** A clock the test moves by hand; `advance` runs due timers in order and lets promises settle. */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<Timer>();

  constructor(start = Date.UTC(2026, 10, 24, 12, 0, 0)) {
    this.#now = start;
  }

  now = (): number => this.#now;

  setTimeout = (callback: () => void, ms: number): TimerHandle => {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: ++this.#seq, callback };
    this.#timers.add(timer);
    return timer;
  };

  clearTimeout = (handle: TimerHandle): void => {
    this.#timers.delete(handle as Timer);
  };

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      const next = [...this.#timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next || next.at > end) break;
      this.#timers.delete(next);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
      await settle();
    }
    this.#now = end;
    await settle();
  }
}

/** Lets pending promise chains run to completion. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
