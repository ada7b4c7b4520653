/** Callers waiting per key for one answer, all given it together when it comes. */
export class Waiters<T> {
  readonly #byKey = new Map<string, ((value: T) => void)[]>();

  wait(key: string): Promise<T> {
    return new Promise((resolve) => this.#byKey.set(key, [...(this.#byKey.get(key) ?? []), resolve]));
  }

  settle(key: string, value: T): void {
    const waiting = this.#byKey.get(key) ?? [];
    this.#byKey.delete(key);
    for (const resolve of waiting) resolve(value);
  }

  settleAll(value: T): void {
    for (const key of [...this.#byKey.keys()]) this.settle(key, value);
  }
}
