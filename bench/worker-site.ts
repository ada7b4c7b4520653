import path from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { MainFigures } from './bench-main-process.js';

export type ToWorker =
  | { type: 'open'; dbDir: string }
  | { type: 'send'; channel: string; payload: unknown }
  | { type: 'close' }
  | { type: 'stop' };
export type FromWorker =
  | { type: 'listening'; url: string }
  | { type: 'opened' }
  | { type: 'closed'; figures: MainFigures | undefined };

// Compiled, so that the tests (which run the sources) start the same worker as the bench: `npm run build` first.
const WORKER = path.resolve('dist/bench/main-process-worker.js');

/**
 * A renderer served for the bench from a worker thread, which is also the loopback IPC's main
 * process: the window's page, and one opening's jobs database at a time behind it.
 */
export class BenchSite {
  private constructor(
    readonly url: string,
    readonly worker: Worker,
  ) {}

  static async start(root?: string): Promise<BenchSite> {
    const worker = new Worker(WORKER, { workerData: { root } });
    const [listening] = (await once(worker, 'message')) as [FromWorker & { type: 'listening' }];
    return new BenchSite(listening.url, worker);
  }

  /** The main process answers from this database until `closeMain`. */
  async openMain(dbDir: string): Promise<void> {
    await this.#call({ type: 'open', dbDir });
  }

  send(channel: string, payload: unknown): void {
    this.worker.postMessage({ type: 'send', channel, payload } satisfies ToWorker);
  }

  async closeMain(): Promise<MainFigures | undefined> {
    return ((await this.#call({ type: 'close' })) as FromWorker & { type: 'closed' }).figures;
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'stop' } satisfies ToWorker);
    await once(this.worker, 'exit');
  }

  /** One request at a time (the bench opens one window at a time): the next message is its answer. */
  async #call(message: ToWorker): Promise<FromWorker> {
    const answer = once(this.worker, 'message');
    this.worker.postMessage(message);
    return ((await answer) as [FromWorker])[0];
  }
}
