import { EventEmitter } from 'node:events';

/** A thin typed face over EventEmitter: `on` returns its own unsubscribe function. */
export class TypedEmitter<Events extends { [K in keyof Events]: unknown }> {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Many windows, tray and CLI listeners may subscribe; none of them is a leak.
    this.#emitter.setMaxListeners(100);
  }

  on<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): () => void {
    this.#emitter.on(event, listener);
    return () => this.#emitter.off(event, listener);
  }

  protected emit<K extends keyof Events & string>(event: K, payload: Events[K]): void {
    this.#emitter.emit(event, payload);
  }
}
