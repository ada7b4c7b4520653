import type { Page } from 'playwright-core';
import { eventContract, invokeContract } from '../main/ipc/contract.js';
import { serveRenderer } from '../test/helpers/browser.js';
import { LoopbackIpc, type Invoke } from './loopback-ipc.js';

/** A renderer served for the bench: the window's page, and the loopback IPC on the same origin. */
export interface BenchSite {
  url: string;
  ipc: LoopbackIpc;
  close: () => Promise<void>;
}

/** One opening's link between the page and its main process. */
export interface Connection {
  /** Pushes an event to the page's subscriptions, as `webContents.send` does. */
  send: (channel: string, payload: unknown) => void;
  disconnect: () => void;
}

/** How the bench's `window.pixverse` reaches the main process's handlers in this Node process. */
export interface Transport {
  label: string;
  /** Runs in the page (plain JavaScript): defines `invoke(channel, args)` and `subscribe(channel, listener)`. */
  pageScript: string;
  connect: (page: Page, site: BenchSite, invoke: Invoke) => Promise<Connection>;
}

/**
 * The renderer served with its own policy but for `connect-src 'self'` (the page's forbids every
 * connection), sent as a header: the loopback IPC is the only thing it lets the page reach.
 */
export async function serveBenchSite(root?: string): Promise<BenchSite> {
  const ipc = new LoopbackIpc();
  const server = await serveRenderer(root, { intercept: ipc.intercept, policy: allowSameOriginConnect });
  return { url: server.url, ipc, close: server.close };
}

export function allowSameOriginConnect(policy: string): string {
  return /(^|;)\s*connect-src\s[^;]*/.test(policy)
    ? policy.replace(/((?:^|;)\s*)connect-src\s[^;]*/, "$1connect-src 'self'")
    : `${policy}; connect-src 'self'`;
}

/** Nearer to Electron's IPC: an HTTP POST per invoke, events over an EventSource, same origin. */
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
  connect: async (_page, site, invoke) => {
    site.ipc.answerWith(invoke);
    return {
      send: (channel, payload) => site.ipc.send(channel, payload),
      disconnect: () => site.ipc.answerWith(undefined),
    };
  },
};

/** Playwright's `exposeBinding`: the DevTools protocol to Playwright's process and back to this one. */
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
  connect: async (page, _site, invoke) => {
    await page.exposeBinding('__mainInvoke', (_source, channel: string, args: unknown[]) =>
      invoke(channel, args),
    );
    type Emit = { __mainEmit: (channel: string, payload: unknown) => void };
    return {
      send: (channel, payload) =>
        void page
          .evaluate(([c, p]) => (globalThis as unknown as Emit).__mainEmit(c, p), [channel, payload] as const)
          .catch(() => {}),
      disconnect: () => {},
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
