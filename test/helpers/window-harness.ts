import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Settings } from '../../main/core/settings.js';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import type { FrameGrabber } from '../../main/core/thumbnails/thumbnail.js';
import { appDirs, makeApp, storeToken } from './app-harness.js';
import { launchChromium, serveRenderer, watchPage } from './browser.js';
import { useSimulator } from './sim.js';
import { installBridge } from './renderer-bridge.js';

/** Real Chromium showing the built renderer, wired to a real AppController (fake Electron, real core). */
export function useWindow() {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  return async (
    options: {
      token?: string;
      settings?: Partial<Settings>;
      colorScheme?: 'light' | 'dark';
      frameGrabber?: FrameGrabber;
      viewport?: { width: number; height: number };
    } = {},
  ) => {
    const dirs = appDirs();
    if (options.token) storeToken(dirs, options.token);
    const app = makeApp(dirs, { autoDiscovery: false, ...options.settings }, 'linux', server.url, {
      frameGrabber: options.frameGrabber,
    });
    await app.controller.start();
    app.controller.openWindow();
    const page = await browser.newPage({
      viewport: options.viewport ?? { width: 1000, height: 700 },
      colorScheme: options.colorScheme ?? 'light',
    });
    pages.push(page);
    const problems = watchPage(page);
    const traffic = await installBridge(page, app.window().webContents, server.url);
    await page.goto(server.url);
    await page.waitForSelector('pixverse-app .toolbar');
    return { ...app, page, problems, dirs, traffic };
  };
}

export const WINDOW_TOKEN = 'tok-window-test-4321';

type OpenedWindow = Awaited<ReturnType<ReturnType<typeof useWindow>>>;

/** A job the simulator calls completed at once, added through the window's bridge, shown completed. */
export async function addCompletedJob(w: OpenedWindow, sim: Simulator, prompt: string): Promise<string> {
  const job = sim.addJob({ prompt, timeline: [{ atMs: 0, status: 'completed' }] });
  await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
  await w.page
    .locator('job-row', { hasText: prompt })
    .locator('.badge', { hasText: 'completed' })
    .waitFor({ timeout: 20_000 });
  return job.jobid;
}

/** A simulator per test, 100× time, and the settings that point the app at it. */
export function useSimulatedApi() {
  const startSim = useSimulator();
  const withSim = async () => {
    const sim = await startSim({ timeScale: 100, token: WINDOW_TOKEN });
    return { sim, settings: { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1 } };
  };
  return { startSim, withSim };
}
