import { createLogUpdate } from 'log-update';
import pc from 'picocolors';
import type { DownloadProgress } from '../core/downloads/download-queue.js';
import type { JobSource } from '../core/jobs/job.js';
import type { DownloadRecord, TrackedJob } from '../core/store/job-store-schema.js';
import { renderFrame, type JobRow } from './live-view-rows.js';
import type { Terminal } from './live-view-terminal.js';
import type { RunReport } from './run-report.js';

// The spinner and the clocks move this often; everything else redraws when it happens.
const TICK_MS = 500;

/**
 * The run on a terminal: one line per job redrawn in place (log-update rewrites only the lines that
 * changed), notices printed above it, the last frame left on screen when the run ends.
 */
export class LiveView implements RunReport {
  readonly #rows = new Map<string, JobRow>();
  readonly #log: ReturnType<typeof createLogUpdate>;
  readonly #colors: ReturnType<typeof pc.createColors>;
  readonly #startedAt: number;
  readonly #ticker: NodeJS.Timeout;
  #tick = 0;
  #height = 0;
  #closed = false;

  constructor(
    private readonly terminal: Terminal,
    private readonly options: { downloads: boolean; now?: () => number },
  ) {
    this.#log = createLogUpdate(terminal.stream);
    this.#colors = pc.createColors(terminal.colors);
    this.#startedAt = this.#now();
    this.#ticker = setInterval(() => {
      this.#tick++;
      this.#render();
    }, TICK_MS).unref();
  }

  /** A row for a job from the start, before its first answer. */
  follow(jobid: string, source: JobSource): void {
    this.#row(jobid, source);
    this.#render();
  }

  job(_kind: unknown, job: TrackedJob): void {
    this.jobChanged(job);
  }

  jobChanged(job: TrackedJob): void {
    const row = this.#row(job.jobid, job.source);
    row.job = job;
    const progress = job.job?.progress;
    if (progress !== undefined && !row.firstProgress) row.firstProgress = { at: this.#now(), progress };
    this.#render();
  }

  notice(type: string, message: string): void {
    const paint = type === 'error' || type === 'credentials-problem' ? this.#colors.red : this.#colors.yellow;
    const label = type === 'notice' ? 'note' : type;
    this.#log.persist(`${paint(`${label}:`)} ${this.terminal.clean(message)}`);
    this.#render();
  }

  progress(p: DownloadProgress): void {
    const row = this.#rows.get(p.jobid);
    row?.downloads.set(p.key, {
      file: p.file,
      bytes: p.bytes,
      total: p.total,
      rate: p.rate,
      state: 'downloading',
    });
    this.#render();
  }

  /** Another process saves this video; this run waits for it. */
  elsewhere(jobid: string, key: string, file = ''): void {
    this.#rows.get(jobid)?.downloads.set(key, { file, bytes: 0, rate: 0, state: 'elsewhere' });
    this.#render();
  }

  saved(s: { jobid: string; key: string; file: string; bytes: number }): void {
    this.#rows.get(s.jobid)?.downloads.set(s.key, { file: s.file, bytes: s.bytes, rate: 0, state: 'saved' });
    this.#render();
  }

  alreadySaved(job: TrackedJob, record: DownloadRecord): void {
    const row = this.#row(job.jobid, job.source);
    row.job = job;
    if (record.file)
      row.downloads.set(record.file, { file: record.file, bytes: record.bytes, rate: 0, state: 'saved' });
    this.#render();
  }

  downloadFailed(f: { jobid: string; key: string; message: string }): void {
    const row = this.#rows.get(f.jobid);
    const file = row?.downloads.get(f.key)?.file ?? '';
    row?.downloads.set(f.key, { file, bytes: 0, rate: 0, state: 'failed', message: f.message });
    this.#render();
  }

  /** The last frame stays on screen, the cursor comes back; later output goes below it. */
  close(): void {
    if (this.#closed) return;
    this.#render();
    this.#closed = true;
    clearInterval(this.#ticker);
    this.#log.done();
  }

  #row(jobid: string, source: JobSource): JobRow {
    let row = this.#rows.get(jobid);
    if (!row) this.#rows.set(jobid, (row = { jobid, source, downloads: new Map() }));
    return row;
  }

  #render(): void {
    if (this.#closed) return;
    const now = this.#now();
    const frame = renderFrame({
      rows: [...this.#rows.values()],
      width: this.terminal.stream.columns || 80,
      colors: this.#colors,
      tick: this.#tick,
      now,
      elapsedMs: now - this.#startedAt,
      downloads: this.options.downloads,
      clean: this.terminal.clean,
    });
    // log-update patches only the lines that changed, but it cannot insert a line in the middle (a
    // new download, a new job): it would overwrite the lines below. A frame of another height is
    // drawn whole instead.
    const height = frame.split('\n').length;
    if (height !== this.#height) this.#log.clear();
    this.#height = height;
    this.#log(frame);
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }
}
