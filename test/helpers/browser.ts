import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { listen } from '../../main/core/simulator/http-util.js';
import { withDefaults } from '../../main/core/with-defaults.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts');
const RENDERER = path.resolve('dist/renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

export interface RendererServing {
  /** Answers a request before the files do, returning true when it did (the bench's loopback IPC). */
  intercept: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  /**
   * The page's policy in its stead: index.html's CSP meta is taken out and this policy, made from the
   * meta's own, goes in a Content-Security-Policy header (both would apply, the stricter winning).
   */
  policy: ((pagePolicy: string) => string) | undefined;
}

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/** Serves the built renderer on loopback, as it would load in the app (same files, same CSP). */
export async function serveRenderer(root = RENDERER, options: Partial<RendererServing> = {}) {
  const serving: RendererServing = { intercept: () => false, policy: undefined };
  const { intercept, policy } = withDefaults(serving, options);
  const server = await listen((req, res) => {
    if (intercept(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.join(root, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    };
    let body: string | Buffer = fs.readFileSync(file);
    if (policy && path.extname(file) === '.html') {
      const meta = CSP_META.exec(body.toString());
      if (!meta) throw new Error(`${file} has no CSP meta to replace`);
      headers['Content-Security-Policy'] = policy(meta[1]!);
      body = body.toString().replace(meta[0], '');
    }
    res.writeHead(200, headers);
    res.end(body);
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

/** Chromium headless; `extraArgs` after the usual switches. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
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
      ...extraArgs,
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
  const file = path.join(ARTIFACTS, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
