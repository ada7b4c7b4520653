import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Settings } from '../../main/core/settings.js';
import { appDirs, makeApp, storeToken } from './app-harness.js';
import { launchChromium, serveRenderer, watchPage } from './browser.js';
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
    options: { token?: string; settings?: Partial<Settings>; colorScheme?: 'light' | 'dark' } = {},
  ) => {
    const dirs = appDirs();
    if (options.token) storeToken(dirs, options.token);
    const app = makeApp(dirs, { autoDiscovery: false, ...options.settings }, 'linux', server.url);
    await app.controller.start();
    app.controller.openWindow();
    const page = await browser.newPage({
      viewport: { width: 1000, height: 700 },
      colorScheme: options.colorScheme ?? 'light',
    });
    pages.push(page);
    const problems = watchPage(page);
    await installBridge(page, app.window().webContents, server.url);
    await page.goto(server.url);
    await page.waitForSelector('pixverse-app .toolbar');
    return { ...app, page, problems, dirs };
  };
}
