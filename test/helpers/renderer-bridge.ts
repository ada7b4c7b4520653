import type { Page } from 'playwright-core';
import { invokeContract, eventContract } from '../../main/ipc/contract.js';
import { ipcMain, type FakeWebContents } from '../fakes/electron.js';

/** What crossed the bridge from the page: every verb called, and each queryJobs page with its answer. */
export interface BridgeTraffic {
  calls: string[];
  pages: { query: unknown; total: number; rows: number }[];
  /** Job rows that reached the page through queryJobs, all pages together. */
  rows: number;
}

/**
 * Gives the page the same `window.pixverse` the preload exposes, but wired to the fake ipcMain of a
 * real AppController in this process: every call goes through the real IPC handlers and contract.
 */
export async function installBridge(
  page: Page,
  contents: FakeWebContents,
  pageUrl: string,
): Promise<BridgeTraffic> {
  const traffic: BridgeTraffic = { calls: [], pages: [], rows: 0 };
  await page.exposeBinding('__pixverseInvoke', async (_source, channel: string, args: unknown[]) => {
    traffic.calls.push(channel);
    const result = await ipcMain.invoke(`pixverse:${channel}`, contents, pageUrl, ...args);
    if (channel === 'queryJobs') {
      const { total, rows } = result as { total: number; rows: unknown[] };
      traffic.pages.push({ query: args[0], total, rows: rows.length });
      traffic.rows += rows.length;
    }
    return result;
  });
  await page.addInitScript(
    ({ invokes, events }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const api: Record<string, unknown> = {};
      const invoke = (
        globalThis as unknown as { __pixverseInvoke: (c: string, a: unknown[]) => Promise<unknown> }
      ).__pixverseInvoke;
      for (const name of invokes) api[name] = (...args: unknown[]) => invoke(name, args);
      for (const name of events) {
        api[`on${name[0]!.toUpperCase()}${name.slice(1)}`] = (listener: (payload: unknown) => void) => {
          const set = listeners.get(name) ?? new Set();
          set.add(listener);
          listeners.set(name, set);
          return () => set.delete(listener);
        };
      }
      Object.defineProperty(globalThis, 'pixverse', { value: Object.freeze(api) });
      Object.defineProperty(globalThis, '__pixverseEmit', {
        value: (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload)),
      });
    },
    { invokes: Object.keys(invokeContract), events: Object.keys(eventContract) },
  );
  // What the main process sends to its window reaches the page's subscriptions.
  contents.send = (channel: string, payload: unknown) => {
    contents.sent.push({ channel, payload });
    void page
      .evaluate(
        ([name, data]) =>
          (globalThis as unknown as { __pixverseEmit: (n: string, p: unknown) => void }).__pixverseEmit(
            name,
            data,
          ),
        [channel.replace(/^pixverse:/, ''), payload] as const,
      )
      .catch(() => {});
  };
  return traffic;
}
