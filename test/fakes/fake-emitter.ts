// The event plumbing the fake Electron classes share.
import { EventEmitter } from 'node:events';

export type Listener = (...args: any[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

export class Emitter {
  readonly #events = new EventEmitter();
  removeAllListeners() {
    this.#events.removeAllListeners();
  }
  on(event: string, listener: Listener) {
    this.#events.on(event, listener);
    return this;
  }
  once(event: string, listener: Listener) {
    this.#events.once(event, listener);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    return this.#events.emit(event, ...args);
  }
}

export class FakeEvent {
  defaultPrevented = false;
  preventDefault() {
    this.defaultPrevented = true;
  }
}
