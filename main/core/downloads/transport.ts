// How a download's bytes are fetched. The lean transport (reused buffers, flat memory) is the
// default; when a proxy applies (from the environment, or the OS in the app) axios goes through it.
import axios from 'axios';
import type { Readable } from 'node:stream';
import type tls from 'node:tls';
import { axiosProxy, environmentProxy, type ProxyFor } from '../api/proxy.js';
import { BatchPump, type BatchWrite } from './batch-pump.js';
import { leanGet } from './lean-get.js';
import { MAX_REDIRECTS, REDIRECT_STATUSES, redirectTarget } from './redirects.js';

export interface DownloadResponse {
  status: number;
  header(name: string): string | undefined;
  /**
   * Reads the body to its end, handing batches to `write` (their memory is lent until its promise
   * settles). A network failure rejects once what arrived is written; a write failure rejects with
   * a SinkError. `onBytes` is called only when payload arrived: it is what the idle watchdog counts
   * as progress.
   */
  readBody(write: BatchWrite, onBytes: (received: number) => void): Promise<void>;
  /** Drops the rest of the body. */
  discard(reason?: Error): void;
}

export type DownloadTransport = (
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
) => Promise<DownloadResponse>;

export function leanTransport(tlsOptions?: tls.ConnectionOptions): DownloadTransport {
  return async (url, headers, signal) => {
    const response = await leanGet(new URL(url), {
      headers,
      signal,
      maxRedirects: MAX_REDIRECTS,
      tls: tlsOptions,
    });
    return {
      status: response.status,
      header: (name) => response.headers.get(name.toLowerCase()),
      readBody: (write, onBytes) => response.readBody(write, onBytes),
      discard: (reason) => response.discard(reason),
    };
  };
}

const http = axios.create({
  responseType: 'stream',
  // Byte counts must match Content-Length: no transparent decompression.
  decompress: false,
  validateStatus: () => true,
  // Redirects are followed below, by the same policy as the lean transport's (https stays https).
  maxRedirects: 0,
});

/** Through `proxy` (a CONNECT tunnel for https links), or directly when there is none. */
export function axiosTransport(proxy?: string): DownloadTransport {
  return async (url, headers, signal) => {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      const response = await http.get<Readable>(current.href, { headers, signal, proxy: axiosProxy(proxy) });
      const location = response.headers.location as unknown;
      if (!REDIRECT_STATUSES.has(response.status) || typeof location !== 'string' || hop >= MAX_REDIRECTS)
        return axiosResponse(response.status, response.headers, response.data);
      response.data.destroy();
      current = redirectTarget(current, location);
    }
  };
}

function axiosResponse(status: number, headers: Record<string, unknown>, body: Readable): DownloadResponse {
  return {
    status,
    header: (name) => {
      const value = headers[name.toLowerCase()];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    },
    async readBody(write, onBytes) {
      const pump = new BatchPump(write, (error) => body.destroy(error as Error));
      let received = 0;
      let networkError: unknown;
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          received += chunk.length;
          onBytes(received);
          if (!pump.push([chunk])) await pump.room;
        }
      } catch (error) {
        networkError = error;
      }
      await pump.finish();
      if (networkError !== undefined) throw networkError;
    },
    discard: (reason) => body.destroy(reason),
  };
}

/** The lean transport, unless a proxy applies to `url`. */
export function defaultTransport(
  proxyFor: ProxyFor = environmentProxy,
  lean = leanTransport(),
): DownloadTransport {
  return async (url, headers, signal) => {
    const proxy = await proxyFor(url);
    return (proxy ? axiosTransport(proxy) : lean)(url, headers, signal);
  };
}
