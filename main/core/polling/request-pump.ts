import type { AccountGate } from './account-gate.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { DueQueue } from './due-queue.js';
import type { RequestBudget } from './request-budget.js';

export interface RequestPumpOptions {
  queue: DueQueue;
  clock: Clock;
  gate: Pick<AccountGate, 'state' | 'waitUntil'>;
  budget: RequestBudget;
  maxInFlight: number;
  /** Lower goes first among tasks that are due at the same time. */
  rank: (key: string) => number;
  /** The soonest a task may be sent: a due task that may not go yet waits until then. */
  notBefore: (key: string, now: number) => number;
  /** Sends the request for a task; resolves once its answer has been handled. */
  send: (key: string) => Promise<void>;
  /** After each request, once it no longer counts as in flight. */
  settled: () => void;
}

/**
 * Drains the due-time queue under the account's limits with a single timer: no more than
 * `maxInFlight` requests at once, the per-minute budget, and nothing while held or paused.
 */
export class RequestPump {
  #timer: TimerHandle | undefined;
  #inFlight = 0;
  running = false;

  constructor(private readonly o: RequestPumpOptions) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  stop(): void {
    this.running = false;
    this.#disarm();
  }

  pump(): void {
    this.#disarm();
    if (!this.running || this.o.gate.state.paused) return;
    const now = this.o.clock.now();
    const notBefore = this.o.gate.waitUntil(now);
    if (notBefore === Infinity) return; // the OS said offline: coming back online pumps again
    if (notBefore > now) return this.#arm(notBefore, now);
    while (this.#inFlight < this.o.maxInFlight) {
      const slot = this.o.budget.nextSlot(now);
      if (slot > now) return this.#arm(slot, now);
      const key = this.#pickNext(now);
      if (key === undefined) break;
      this.o.budget.spend(now);
      this.#inFlight++;
      void this.o.send(key).finally(() => {
        this.#inFlight--;
        this.o.settled();
        this.pump();
      });
    }
    if (this.#inFlight < this.o.maxInFlight) {
      const next = this.o.queue.peekTime();
      if (next !== undefined) this.#arm(next, now);
    }
  }

  /** Among the earliest due tasks, the best ranked goes first; the others stay due. */
  #pickNext(now: number): string | undefined {
    for (;;) {
      const due = this.o.queue.takeDue(now, 32);
      if (due.length === 0) return undefined;
      const ready: string[] = [];
      for (const key of due) {
        const allowed = this.o.notBefore(key, now);
        if (allowed > now) this.o.queue.schedule(key, allowed);
        else ready.push(key);
      }
      if (ready.length === 0) continue;
      let best = ready[0]!;
      for (const key of ready) if (this.o.rank(key) < this.o.rank(best)) best = key;
      for (const key of ready) if (key !== best) this.o.queue.schedule(key, now);
      return best;
    }
  }

  #arm(at: number, now: number): void {
    this.#timer = this.o.clock.setTimeout(() => {
      this.#timer = undefined;
      this.pump();
    }, at - now);
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
