import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { OFFLINE_CHROMIUM } from '../../bench/first-page-at-open.js';
import { withJobsDatabase } from '../../bench/first-page.js';
import { benchBridge, bindingTransport, loopbackTransport } from '../../bench/ipc-transports.js';
import { allowSameOriginConnect, LoopbackIpc, type Invoke } from '../../bench/loopback-ipc.js';
import { homeWith } from '../../bench/store.js';
import { BenchSite } from '../../bench/worker-site.js';
import type { JobView } from '../../main/ipc/contract.js';
import { launchChromium, serveRenderer, watchPage } from '../helpers/browser.js';

const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src https:; media-src https:; connect-src 'none'; font-src 'self'";

const job: JobView = {
  jobid: 'user:1-pixverse:bench-job:1',
  source: 'v1',
  state: 'completed',
  prompt: 'a lighthouse before the change',
  downloads: [],
};
const state = { paused: null, offline: false, demo: false, token: { set: true, weakBackend: false } };

describe("the bench's transports between the window and the main process", () => {
  let browser: Browser;
  let site: BenchSite;
  let ipc: LoopbackIpc;
  let inProcess: Awaited<ReturnType<typeof serveRenderer>>;
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchChromium(OFFLINE_CHROMIUM);
    site = await BenchSite.start();
    ipc = new LoopbackIpc();
    inProcess = await serveRenderer(undefined, { intercept: ipc.intercept, policy: allowSameOriginConnect });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await inProcess?.close();
  });

  /** The real window over the bench's loopback bridge, its main process (here) answering with `invoke`. */
  async function openWindow(invoke: Invoke, at: { url: string; ipc: LoopbackIpc } = { ...inProcess, ipc }) {
    const page = await browser.newPage();
    pages.push(page);
    const problems = watchPage(page);
    at.ipc.answerWith(invoke);
    await page.addInitScript({ content: benchBridge(loopbackTransport) });
    await page.goto(at.url);
    return { page, problems };
  }

  const answering =
    (calls: string[]): Invoke =>
    async (channel) => {
      calls.push(channel);
      if (channel === 'queryJobs') return { total: 1, rows: [job] };
      if (channel === 'getState') return state;
      throw new Error(`${channel} is not served here`);
    };

  it.each([loopbackTransport, bindingTransport])(
    '$label carries the first page from the real handlers and store to painted rows',
    async (transport) => {
      const opening = await withJobsDatabase(300, (open) => open(browser, site, transport));
      expect(opening.rows).toBe(25);
      expect(opening.bytes).toBeGreaterThan(25 * 200);
      expect(opening.main).toBeGreaterThan(0);
      expect(opening.total).toBeGreaterThan(opening.toPaint);
      expect(opening.idleRoundTrip).toBeGreaterThan(0);
      // Resource Timing splits the loopback's way there and back; the binding has none.
      expect(Number.isFinite(opening.wire)).toBe(transport === loopbackTransport);
      if (transport === loopbackTransport)
        expect(opening.wire + opening.pageBusy).toBeLessThan(opening.transfer + opening.main + 1);
    },
  );

  it("loopback: the page's invokes reach the main process, and its pushed events reach the window", async () => {
    const calls: string[] = [];
    const { page, problems } = await openWindow(answering(calls));
    await page.locator('job-row .prompt', { hasText: 'before the change' }).waitFor();
    expect(calls).toEqual(expect.arrayContaining(['queryJobs', 'getState']));
    ipc.send('jobChanged', { ...job, prompt: 'a lighthouse after the change' });
    await page.locator('job-row .prompt', { hasText: 'after the change' }).waitFor();
    expect(problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });

  it('loopback on the worker: the main process answers from the database, and its events reach the window', async () => {
    const { jsonDir, dbDir } = homeWith(60);
    try {
      await site.openMain(dbDir);
      const page = await browser.newPage();
      pages.push(page);
      const problems = watchPage(page);
      await page.addInitScript({ content: benchBridge(loopbackTransport) });
      await page.goto(site.url);
      await page.locator('job-row .prompt').first().waitFor();
      const newest = await page.evaluate(async () => {
        const answer = await window.pixverse.queryJobs({ filter: 'all', search: '', offset: 0, limit: 1 });
        return answer.rows[0]!;
      });
      site.send('jobChanged', { ...newest, prompt: 'changed in the main process' });
      await page.locator('job-row .prompt', { hasText: 'changed in the main process' }).waitFor();
      expect(problems).toEqual({ dialogs: [], errors: [], csp: [] });
      expect(await site.closeMain()).toMatchObject({ rows: 25 });
    } finally {
      for (const dir of [jsonDir, dbDir]) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loopback: the renderer's own CSP forbids it, so the bench serves the same policy with connect-src 'self'", async () => {
    expect(allowSameOriginConnect(PAGE_POLICY)).toBe(
      PAGE_POLICY.replace("connect-src 'none'", "connect-src 'self'"),
    );
    expect(allowSameOriginConnect("default-src 'none'")).toBe("default-src 'none'; connect-src 'self'");
    const asIsIpc = new LoopbackIpc();
    const asIs = await serveRenderer(undefined, { intercept: asIsIpc.intercept });
    try {
      const calls: string[] = [];
      const { problems } = await openWindow(answering(calls), { url: asIs.url, ipc: asIsIpc });
      await expect.poll(() => problems.csp.length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(calls).toEqual([]);
    } finally {
      await asIs.close();
    }
  });

  it('loopback: a page of another origin reaches no handler', async () => {
    const calls: string[] = [];
    ipc.answerWith(answering(calls));
    const page = await browser.newPage();
    pages.push(page);
    const status = await page.evaluate(async (url) => {
      const invoke = await fetch(`${url}/__ipc/invoke/getState`, {
        method: 'POST',
        body: '[]',
        mode: 'no-cors',
      });
      return invoke.type;
    }, new URL(inProcess.url).origin);
    expect(status).toBe('opaque'); // the request left the page and was answered
    expect(calls).toEqual([]);
  });
});
