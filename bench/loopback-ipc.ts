import type http from 'node:http';
import { sendJson } from '../main/core/simulator/http-util.js';

/** The main process's side of an invoke: the channel's short name (`queryJobs`) and its arguments. */
export type Invoke = (channel: string, args: unknown[]) => Promise<unknown>;

const INVOKE_PATH = '/__ipc/invoke/';
const EVENTS_PATH = '/__ipc/events';
/** Invoke arguments are a query or an id: anything bigger is not the window talking. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The renderer's policy but for `connect-src 'self'` (the page's forbids every connection): the
 * loopback IPC is the only thing it lets the page reach. Served as a header in the meta's stead.
 */
export function allowSameOriginConnect(policy: string): string {
  return /(^|;)\s*connect-src\s[^;]*/.test(policy)
    ? policy.replace(/((?:^|;)\s*)connect-src\s[^;]*/, "$1connect-src 'self'")
    : `${policy}; connect-src 'self'`;
}

/**
 * The bench's stand-in for Electron's IPC, nearer to it than a Playwright binding (which waits on
 * the DevTools protocol and on Playwright's own process while a page loads): the window's bridge
 * POSTs each invoke to the server that serves the window, from the same origin, and the main
 * process's pushed events reach it over one long-lived EventSource response. Served through
 * `serveRenderer`'s `intercept`.
 */
export class LoopbackIpc {
  #invoke: Invoke | undefined;
  readonly #streams = new Set<http.ServerResponse>();
  /** Events sent before the window's stream connected: Electron's IPC would deliver them too. */
  #held: string[] = [];

  /** Who answers invokes from now on (each opening of the window its own main process); events held so far are dropped. */
  answerWith(invoke: Invoke | undefined): void {
    this.#invoke = invoke;
    this.#held = [];
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
  }

  /** Pushes an event to the window, as `webContents.send` does. */
  send(channel: string, payload: unknown): void {
    const message = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    if (this.#streams.size === 0) this.#held.push(message);
    for (const stream of this.#streams) stream.write(message);
  }

  /** Answers the IPC paths (true), leaves any other request to the files (false). */
  readonly intercept = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    if (pathname !== EVENTS_PATH && !pathname.startsWith(INVOKE_PATH)) return false;
    // As Electron's handlers answer only the app's own window: another site's page is refused.
    if (req.headers['sec-fetch-site'] !== 'same-origin') {
      sendJson(res, 403, { error: 'Refused: not from the window' });
    } else if (pathname === EVENTS_PATH && req.method === 'GET') {
      this.#stream(res);
    } else if (req.method === 'POST') {
      void this.#answer(decodeURIComponent(pathname.slice(INVOKE_PATH.length)), req, res);
    } else {
      sendJson(res, 405, { error: `${req.method} is not an IPC method` });
    }
    return true;
  };

  #stream(res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.flushHeaders();
    this.#streams.add(res);
    res.on('close', () => this.#streams.delete(res));
    for (const message of this.#held.splice(0)) res.write(message);
  }

  async #answer(channel: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const args = JSON.parse(await readBody(req)) as unknown;
      if (!Array.isArray(args)) throw new Error('The arguments must be an array');
      if (!this.#invoke) throw new Error('No main process is answering');
      // `{ result }`: a handler's undefined survives the trip as an absent key.
      sendJson(res, 200, { result: await this.#invoke(channel, args) });
    } catch (error) {
      sendJson(res, 500, { error: (error as Error).message });
    }
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_BODY_BYTES) throw new Error(`Arguments over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
