import type { ApiFailure } from './api-outcome.js';
import type { EngineState } from './engine-events.js';
import { OVERLOAD_HOLD_MS, RATE_LIMIT_HOLD_MS, withJitter, type PollingPolicy } from './polling-policy.js';

const MAX_OFFLINE_PROBE_MS = 60_000;

/** Account-wide reasons not to send anything: paused, credentials, offline, 429/504 holds. */
export class AccountGate {
  #state: EngineState = { paused: null, offline: false, holdUntil: 0 };
  #rateLimits = 0;
  #offlineProbes = 0;

  constructor(
    private readonly policy: PollingPolicy,
    private readonly random: () => number,
    private readonly onChange: (state: EngineState) => void,
  ) {}

  get state(): EngineState {
    return { ...this.#state };
  }

  /** Earliest time anything may be sent; Infinity while the OS says we are offline. */
  waitUntil(now: number): number {
    return this.#state.offline && this.#state.holdUntil === 0
      ? Infinity
      : Math.max(now, this.#state.holdUntil);
  }

  pause(reason: 'user' | 'credentials', message?: string): void {
    this.#set({ paused: reason, message });
  }

  /** Returns whether anything was paused. */
  resume(): boolean {
    if (!this.#state.paused) return false;
    this.#set({ paused: null, message: undefined });
    return true;
  }

  goOffline(now: number, probeInMs: number | undefined): void {
    const holdUntil = probeInMs === undefined ? 0 : now + probeInMs;
    this.#set({ offline: true, holdUntil, message: 'Offline: waiting for the network.' });
  }

  /** Returns whether we were offline (so every job should be checked again). */
  comeOnline(): boolean {
    if (!this.#state.offline) return false;
    this.#offlineProbes = 0;
    this.#set({ offline: false, holdUntil: 0, message: undefined });
    return true;
  }

  /** A request succeeded: account-wide escalations reset. Returns whether we came back online. */
  succeeded(): boolean {
    this.#rateLimits = 0;
    return this.comeOnline();
  }

  /** For account-wide failures, holds every request and returns when to retry; else undefined. */
  holdFor(outcome: ApiFailure, now: number): number | undefined {
    if (outcome.kind === 'rate-limited') {
      this.#rateLimits++;
      const escalated = Math.min(this.policy.maxBackoffMs, RATE_LIMIT_HOLD_MS * 2 ** (this.#rateLimits - 1));
      const wait = outcome.retryAfterMs ?? withJitter(escalated, this.policy, this.random);
      return this.#hold(now + wait, outcome.message);
    }
    if (outcome.kind === 'transient' && outcome.reason === 'overloaded') {
      return this.#hold(now + withJitter(OVERLOAD_HOLD_MS, this.policy, this.random), outcome.message);
    }
    if (outcome.kind === 'transient' && outcome.reason === 'offline') {
      const probe = Math.min(MAX_OFFLINE_PROBE_MS, this.policy.intervalMs * 2 ** this.#offlineProbes++);
      this.goOffline(now, probe);
      return now + probe;
    }
    return undefined;
  }

  #hold(until: number, message: string): number {
    if (until > this.#state.holdUntil) this.#set({ holdUntil: until, message });
    return until;
  }

  #set(patch: Partial<EngineState>): void {
    this.#state = { ...this.#state, ...patch };
    this.onChange(this.state);
  }
}
