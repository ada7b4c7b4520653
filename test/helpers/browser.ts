import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { listen } from '../../main/core/simulator/http-util.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts');
const RENDERER = path.resolve('dist/renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Serves the built renderer on loopback, as it would load in the app (same files, same CSP). */
export async function serveRenderer() {
  const server = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.join(RENDERER, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(RENDERER) || !fs.existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return { url: `${server.url}/index.html`, close: server.close };
}

/** Why the window tests cannot run here, in one line, or undefined when Chromium is installed. */
export function missingChromium(executable = CHROMIUM): string | undefined {
  if (fs.existsSync(executable)) return undefined;
  return (
    `Chromium is not installed at ${executable}: the window tests need it. Install it ` +
    '(Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.'
  );
}

export async function launchChromium(): Promise<Browser> {
  const missing = missingChromium();
  if (missing) {
    // The line alone: a stack trace of the test harness would bury what to do.
    const error = new Error(missing);
    error.stack = `Error: ${missing}`;
    throw error;
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Collects what must never happen on a page: dialogs, page errors, CSP violations. */
export function watchPage(page: Page) {
  const problems = { dialogs: [] as string[], errors: [] as string[], csp: [] as string[] };
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.csp.push(message.text());
  });
  return problems;
}

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
