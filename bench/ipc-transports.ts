import type { Page } from 'playwright-core';
import { eventContract, invokeContract } from '../main/ipc/contract.js';
import { openMainProcess, type MainFigures } from './bench-main-process.js';
import type { BenchSite } from './worker-site.js';

/** One opening's link between the page and its main process. */
export interface Connection {
  /** Pushes an event to the page's subscriptions, as `webContents.send` does. */
  send: (channel: string, payload: unknown) => void;
  /** Closes the main process; what it did for the first page. */
  finish: () => Promise<MainFigures | undefined>;
}

/** How the bench's `window.pixverse` reaches a main process over the opening's jobs database. */
export interface Transport {
  label: string;
  /** Runs in the page (plain JavaScript): defines `invoke(channel, args)` and `subscribe(channel, listener)`. */
  pageScript: string;
  connect: (page: Page, site: BenchSite, dbDir: string) => Promise<Connection>;
}

/**
 * Nearer to Electron's IPC: an HTTP POST per invoke, events over an EventSource, same origin, to a
 * main process on its own thread (the site's worker).
 */
export const loopbackTransport: Transport = {
  label: 'loopback HTTP (IPC-like)',
  pageScript: `
    const invoke = async (channel, args) => {
      const response = await fetch('/__ipc/invoke/' + channel, { method: 'POST', body: JSON.stringify(args) });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error);
      return answer.result;
    };
    const listeners = new Map();
    let events;
    const subscribe = (channel, listener) => {
      if (!events) {
        events = new EventSource('/__ipc/events');
        events.onmessage = (message) => {
          const { channel, payload } = JSON.parse(message.data);
          listeners.get(channel)?.forEach((l) => l(payload));
        };
      }
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set.add(listener));
      return () => set.delete(listener);
    };
  `,
  connect: async (_page, site, dbDir) => {
    await site.openMain(dbDir);
    return { send: (channel, payload) => site.send(channel, payload), finish: () => site.closeMain() };
  },
};

/**
 * Playwright's `exposeBinding`: the DevTools protocol to Playwright, whose process (this one) is
 * also the main process.
 */
export const bindingTransport: Transport = {
  label: 'Playwright binding',
  pageScript: `
    const invoke = (channel, args) => window.__mainInvoke(channel, args);
    const listeners = new Map();
    window.__mainEmit = (channel, payload) => listeners.get(channel)?.forEach((l) => l(payload));
    const subscribe = (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set.add(listener));
      return () => set.delete(listener);
    };
  `,
  connect: async (page, _site, dbDir) => {
    const main = openMainProcess(dbDir);
    await page.exposeBinding('__mainInvoke', (_source, channel: string, args: unknown[]) =>
      main.invoke(channel, args),
    );
    type Emit = { __mainEmit: (channel: string, payload: unknown) => void };
    return {
      send: (channel, payload) =>
        void page
          .evaluate(([c, p]) => (globalThis as unknown as Emit).__mainEmit(c, p), [channel, payload] as const)
          .catch(() => {}),
      finish: async () => {
        main.close();
        return main.figures();
      },
    };
  },
};

/**
 * The preload's `window.pixverse` for the bench (the app's preload is untouched): every verb of the
 * contract invokes its channel, every event subscribes, over the given transport.
 */
export const benchBridge = (transport: Transport): string => `(() => {
  ${transport.pageScript}
  const api = {};
  for (const name of ${JSON.stringify(Object.keys(invokeContract))}) api[name] = (...args) => invoke(name, args);
  for (const name of ${JSON.stringify(Object.keys(eventContract))}) {
    api['on' + name[0].toUpperCase() + name.slice(1)] = (listener) => subscribe(name, listener);
  }
  window.pixverse = api;
})();`;
