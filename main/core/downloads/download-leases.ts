import type { Clock, TimerHandle } from '../clock.js';
import { ownedElsewhere } from '../store/download-claim.js';
import type { DownloadRecord } from '../store/job-store-schema.js';
import type { JobStore } from '../store/job-store.js';

export interface DownloadTask {
  jobid: string;
  key: string;
}

export interface LeaseSettings {
  store: JobStore;
  clock: Clock;
  leaseMs: number;
  renewEveryMs: number;
  othersPollMs: number;
}

export interface LeaseHooks {
  /** The downloads this process holds now (queued or running): their leases are renewed. */
  held: () => DownloadTask[];
  /** Another process took over a download this one held (its lease lapsed meanwhile). */
  lost: (task: DownloadTask) => void;
  /** A download another process held is free now: this process may claim it. */
  released: (task: DownloadTask) => void;
  /** What became of a download another process held: saved, or failed there. */
  settledElsewhere: (task: DownloadTask, record: DownloadRecord) => void;
}

const taskId = ({ jobid, key }: DownloadTask) => `${jobid}\n${key}`;

/** The task a queue's running-download id names. */
export function taskOf(id: string): DownloadTask {
  const [jobid, key] = id.split('\n') as [string, string];
  return { jobid, key };
}

/**
 * This process's claims on downloads, and its watch on claims held by other processes. A claim is a
 * lease: renewed while the download is queued or runs, so a crashed owner (whose pid may live on in
 * another process) blocks the video for one lease at most.
 */
export class DownloadLeases {
  readonly #others = new Map<string, DownloadTask>();
  #renewTimer: TimerHandle | undefined;
  #pollTimer: TimerHandle | undefined;
  #stopped = false;

  constructor(
    private readonly o: LeaseSettings,
    private readonly hooks: LeaseHooks,
  ) {}

  /** How many downloads held elsewhere this process is waiting for. */
  get waitingForOthers(): number {
    return this.#others.size;
  }

  /** Keeps renewing while anything is held; call after each claim. */
  keepRenewing(): void {
    if (this.#renewTimer === undefined && !this.#stopped)
      this.#renewTimer = this.o.clock.setTimeout(() => this.#renew(), this.o.renewEveryMs);
  }

  /** Waits for a download another process holds. Returns false when it was already waited for. */
  awaitOther(task: DownloadTask): boolean {
    if (this.#stopped || this.#others.has(taskId(task))) return false;
    this.#others.set(taskId(task), task);
    if (this.#pollTimer === undefined)
      this.#pollTimer = this.o.clock.setTimeout(() => this.#poll(), this.o.othersPollMs);
    return true;
  }

  /** Stops waiting for a job's downloads (the user stopped tracking it). */
  forget(jobid: string): void {
    for (const [id, task] of this.#others) if (task.jobid === jobid) this.#others.delete(id);
  }

  stop(): void {
    this.#stopped = true;
    this.#others.clear();
    for (const timer of [this.#renewTimer, this.#pollTimer])
      if (timer !== undefined) this.o.clock.clearTimeout(timer);
    this.#renewTimer = this.#pollTimer = undefined;
  }

  #renew(): void {
    this.#renewTimer = undefined;
    const held = this.hooks.held();
    for (const task of held) {
      const { jobid, key } = task;
      if (this.o.store.renewLease(jobid, key, this.o.leaseMs)) continue;
      // Claimed by another process (this one stalled past its lease): holding it, saved or failed there.
      if (ownedElsewhere(this.o.store.get(jobid)?.downloads?.[key], process.pid)) this.hooks.lost(task);
    }
    if (held.length > 0) this.keepRenewing();
  }

  #poll(): void {
    this.#pollTimer = undefined;
    for (const [id, task] of this.#others) {
      const record = this.o.store.get(task.jobid)?.downloads?.[task.key];
      if (record?.state === 'saved' || record?.state === 'failed') {
        this.#others.delete(id);
        this.hooks.settledElsewhere(task, record);
      } else if (!record || !this.o.store.downloadHeldElsewhere(task.jobid, task.key)) {
        this.#others.delete(id);
        this.hooks.released(task);
      }
    }
    if (this.#others.size > 0)
      this.#pollTimer = this.o.clock.setTimeout(() => this.#poll(), this.o.othersPollMs);
  }
}
