import type { ApiFailure } from '../api/api-outcome.js';
import { describeDuration } from '../clock.js';
import type { EngineHold, EngineState } from '../engine-events.js';
import {
  errorBackoff,
  OVERLOAD_HOLD_MS,
  RATE_LIMIT_HOLD_MS,
  withJitter,
  type PollingPolicy,
} from './polling-policy.js';

const MAX_OFFLINE_PROBE_MS = 60_000;
/** The longest account-wide hold, whatever a Retry-After asks: a hostile or broken value must not stall us for days. */
export const MAX_HOLD_MS = 3_600_000;
const OFFLINE_MESSAGE = 'Offline: waiting for the network.';

/** Account-wide reasons not to send anything: paused, credentials, offline, 429/504 holds. */
export class AccountGate {
  #state: EngineState = { paused: null, offline: false, holdUntil: 0 };
  #rateLimits = 0;
  #offlineProbes = 0;
  /** Held because the configured host refused us or could not be found: not offline. */
  #unreachable = false;

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

  pause(reason: 'user' | 'credentials', message?: string, credentialsStatus?: 401 | 402): void {
    this.#set({ paused: reason, message, credentialsStatus, hold: undefined });
  }

  /** Returns whether anything was paused. */
  resume(): boolean {
    if (!this.#state.paused) return false;
    this.#set({ paused: null, message: undefined, credentialsStatus: undefined });
    return true;
  }

  goOffline(now: number, probeInMs: number | undefined, message = OFFLINE_MESSAGE): void {
    const holdUntil = probeInMs === undefined ? 0 : now + probeInMs;
    this.#set({ offline: true, holdUntil, message, hold: undefined });
  }

  /** Returns whether we were offline (so every job should be checked again). */
  comeOnline(): boolean {
    this.#offlineProbes = 0;
    if (!this.#state.offline) return false;
    this.#set({ offline: false, holdUntil: 0, message: undefined, hold: undefined });
    return true;
  }

  /**
   * A request succeeded: account-wide escalations reset, and a hold's message goes once the hold is
   * over (the window shows it). Returns whether we came back online or the host became reachable.
   */
  succeeded(now: number): boolean {
    this.#rateLimits = 0;
    if (this.#unreachable) {
      this.#unreachable = false;
      this.#offlineProbes = 0;
      this.#set({ holdUntil: 0, message: undefined, hold: undefined });
      return true;
    }
    if (this.comeOnline()) return true;
    const { message, paused, holdUntil } = this.#state;
    if (message !== undefined && !paused && now >= holdUntil)
      this.#set({ message: undefined, hold: undefined });
    return false;
  }

  /** For account-wide failures, holds every request and returns when to retry; else undefined. */
  holdFor(outcome: ApiFailure, now: number): number | undefined {
    if (outcome.kind === 'rate-limited') {
      this.#rateLimits++;
      const { wait, message } = this.#rateLimitWait(outcome.retryAfterMs, outcome.message);
      return this.#hold(now + wait, message, {
        kind: outcome.queueFull ? 'queue-full' : 'rate-limit',
        cause: causeOf(outcome),
      });
    }
    if (outcome.kind === 'transient' && outcome.reason === 'overloaded') {
      const until = now + withJitter(OVERLOAD_HOLD_MS, this.policy, this.random);
      return this.#hold(until, outcome.message, { kind: 'server', cause: causeOf(outcome) });
    }
    if (outcome.kind === 'transient' && (outcome.reason === 'offline' || outcome.reason === 'unreachable')) {
      const probe = Math.min(MAX_OFFLINE_PROBE_MS, this.policy.intervalMs * 2 ** this.#offlineProbes++);
      // A refused connection or a DNS/TLS error is the configured host's problem: say so, not "offline".
      if (outcome.reason === 'offline') this.goOffline(now, probe, outcome.message);
      else {
        this.#unreachable = true;
        const hold: EngineHold = { kind: 'network', cause: causeOf(outcome) };
        this.#set({ holdUntil: now + probe, message: outcome.message, hold });
      }
      return now + probe;
    }
    return undefined;
  }

  /**
   * A Retry-After is honoured, but never below the normal back-off (`Retry-After: 0` must not make a
   * request storm) and never above MAX_HOLD_MS (which the message then says).
   */
  #rateLimitWait(retryAfterMs: number | undefined, message: string): { wait: number; message: string } {
    if (retryAfterMs === undefined) {
      const escalated = Math.min(this.policy.maxBackoffMs, RATE_LIMIT_HOLD_MS * 2 ** (this.#rateLimits - 1));
      return { wait: withJitter(escalated, this.policy, this.random), message };
    }
    const floor = errorBackoff(this.#rateLimits, this.policy, this.random);
    if (retryAfterMs <= MAX_HOLD_MS) return { wait: Math.max(retryAfterMs, floor), message };
    const asked = describeDuration(retryAfterMs);
    return {
      wait: MAX_HOLD_MS,
      message: `${message} The API asked to wait ${asked}; waiting ${describeDuration(MAX_HOLD_MS)}.`,
    };
  }

  #hold(until: number, message: string, hold: EngineHold): number {
    if (until > this.#state.holdUntil) this.#set({ holdUntil: until, message, hold });
    return until;
  }

  #set(patch: Partial<EngineState>): void {
    this.#state = { ...this.#state, ...patch };
    this.onChange(this.state);
  }
}

/** What happened, without the polling advice: failures made elsewhere (fakes) have only a message. */
const causeOf = (outcome: ApiFailure): string => outcome.cause ?? outcome.message;
