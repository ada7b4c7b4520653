// Runs a download client against a loopback server that writes raw bytes, and reduces what the
// client did to a verdict comparable across clients: accepted (status and body), rejected, or endless.
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type tls from 'node:tls';
import { leanGet } from '../../main/core/downloads/lean-get.js';

export type Verdict =
  | { kind: 'accepted'; status: number; bytes: number; sha: string }
  | { kind: 'rejected'; code?: string }
  | { kind: 'endless' }
  /** Neither an answer nor a failure in time: a defect of its own. */
  | { kind: 'hung' };

/** A body still flowing past this many bytes is called endless (and dropped). */
export const ENDLESS_BYTES = 512 * 1024;
/** A client that neither answers nor fails within this is a defect of its own. */
const VERDICT_TIMEOUT_MS = 5_000;

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const accepted = (status: number, body: Buffer): Verdict => ({
  kind: 'accepted',
  status,
  bytes: body.length,
  sha: sha(body),
});
const rejected = (error: unknown): Verdict => ({
  kind: 'rejected',
  code: (error as { code?: string } | undefined)?.code,
});

function withTimeout(run: (settle: (v: Verdict) => void) => () => void): Promise<Verdict> {
  return new Promise((resolve) => {
    let stop: () => void = () => {};
    const timer = setTimeout(() => {
      stop();
      resolve({ kind: 'hung' });
    }, VERDICT_TIMEOUT_MS);
    stop = run((verdict) => {
      clearTimeout(timer);
      resolve(verdict);
    });
  });
}

/** The verdict of the lean transport (redirects not followed: the answer itself is judged). */
export function leanVerdict(url: URL, tlsOptions?: tls.ConnectionOptions): Promise<Verdict> {
  return withTimeout((settle) => {
    const abort = new AbortController();
    let endless = false;
    void (async () => {
      try {
        const response = await leanGet(url, {
          headers: {},
          signal: abort.signal,
          maxRedirects: 0,
          tls: tlsOptions,
        });
        const parts: Buffer[] = [];
        await response.readBody(
          async (buffers) => void parts.push(...buffers.map((b) => Buffer.from(b))),
          (received) => {
            if (received <= ENDLESS_BYTES || endless) return;
            endless = true;
            abort.abort();
          },
        );
        settle(accepted(response.status, Buffer.concat(parts)));
      } catch (error) {
        settle(endless ? { kind: 'endless' } : rejected(error));
      }
    })();
    return () => abort.abort();
  });
}

/** The verdict of Node's own http(s) client on the same bytes. */
export function nodeVerdict(url: URL, tlsOptions?: tls.ConnectionOptions): Promise<Verdict> {
  return withTimeout((settle) => {
    let done = false;
    const once = (verdict: Verdict) => {
      if (done) return;
      done = true;
      settle(verdict);
    };
    const get = url.protocol === 'https:' ? https.get : http.get;
    const request = get(url, { agent: false, ...tlsOptions }, (response) => {
      const parts: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        parts.push(chunk);
        received += chunk.length;
        if (received > ENDLESS_BYTES) {
          once({ kind: 'endless' });
          request.destroy();
        }
      });
      response.on('end', () => once(accepted(response.statusCode ?? 0, Buffer.concat(parts))));
      response.on('error', (error) => once(rejected(error)));
      response.on('aborted', () => once(rejected({ code: 'ECONNRESET' })));
    });
    request.on('error', (error) => once(rejected(error)));
    // A 101 nobody asked for: Node hands the socket to an 'upgrade' listener, or drops it.
    request.on('close', () => once(rejected({ code: 'ECLOSED' })));
    return () => request.destroy();
  });
}

export interface RawCase {
  name: string;
  /** Written one piece per write, each after the previous one was flushed. */
  pieces: (string | Buffer)[];
  /** After the pieces: close the connection (default), or keep writing this piece forever. */
  forever?: string | Buffer;
}

/** A loopback server answering every request with the bytes of `rawCase`. */
export async function rawCaseServer(rawCase: RawCase, close: (server: net.Server) => void): Promise<URL> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    let head = '';
    socket.on('data', function onData(chunk: Buffer) {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const pieces = [...rawCase.pieces];
      const next = (): void => {
        if (socket.destroyed) return;
        const piece = pieces.shift() ?? rawCase.forever;
        if (piece === undefined) return void socket.end();
        socket.write(piece, (error) => (error ? socket.destroy() : setImmediate(next)));
      };
      next();
    });
  });
  close(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v.mp4`);
}
