import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { Job, JobSource } from '../jobs/job.js';
import type { JobSourceCalls, JobSources } from './job-sources.js';
import { errorBodySchema } from './error-body.js';
import { MAX_JOB_BODY_BYTES, type ApiRequest } from './api-request.js';
import { v1Calls } from './v1/client.js';
import { v2Calls } from './v2/client.js';
import { DEFAULT_BASE_URL, parseBaseUrl } from './api-base-url.js';
import {
  httpFailure,
  parseRetryAfter,
  tooLarge,
  transportFailure,
  malformedAnswer,
  type ApiOutcome,
} from './api-outcome.js';
import { boundedText } from '../bounded-text.js';
import { clampDelay } from '../clock.js';
import { axiosProxy, type ProxyFor } from './proxy.js';

export { DEFAULT_BASE_URL, isOfficialApi, parseBaseUrl } from './api-base-url.js';
export { MAX_JOB_BODY_BYTES, MAX_LIST_BODY_BYTES } from './api-request.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
const STOP_TRACKING_PATH = '/v2/pixverse/scheduler/';
export interface ApiClientOptions {
  baseUrl?: string;
  /** Read on every request so a replaced token takes effect at once. */
  getToken: () => string | undefined;
  timeoutMs?: number;
  now?: () => number;
  /** Lets tests and the simulator count requests; never sees the token. */
  onRequest?: (path: string) => void;
  /** The proxy for each request (the app asks the OS); without it, axios follows the environment. */
  proxyFor?: ProxyFor;
}

/** The useapi.net PixVerse calls: v1's directly, and every source's through `source()`. */
export interface PixverseApi extends JobSourceCalls {
  readonly host: string;
  /** The calls for jobs of one source (the API version they were created with). */
  source(source: JobSource): JobSourceCalls;
  /** The job in the app's own model (the API's answer kept in `raw`). */
  getJob(jobid: string, signal?: AbortSignal): Promise<ApiOutcome<Job>>;
  listExecuting(signal?: AbortSignal): Promise<ApiOutcome<string[]>>;
  cancelJob(jobid: string, signal?: AbortSignal): Promise<ApiOutcome<{ jobid: string; status: 'cancelled' }>>;
}

export function createApiClient(options: ApiClientOptions): PixverseApi {
  const base = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const timeoutMs = clampDelay(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const endpointName = { hostname: base.hostname, hostPort: `${base.hostname}:${portOf(base)}` };
  const now = options.now ?? Date.now;
  const http: AxiosInstance = axios.create({
    timeout: timeoutMs,
    // A redirect could carry the token to another host: never follow one.
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    headers: { Accept: 'application/json' },
  });

  // A base URL's path is a prefix of every API path (`https://proxy.example/useapi` → `/useapi/v1/…`).
  const prefix = base.pathname.replace(/\/+$/, '');
  const endpoint = (path: string, query: Record<string, string> | undefined): URL => {
    const url = new URL(`${prefix}${path}`, base);
    // encodeURIComponent, not URLSearchParams: a space must travel as %20, never as `+`.
    const pairs = Object.entries(query ?? {}).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    if (pairs.length > 0) url.search = `?${pairs.join('&')}`;
    return url;
  };

  async function request<T>(
    method: 'GET' | 'DELETE',
    url: URL,
    schema: z.ZodType<T>,
    jobid: string | undefined,
    signal: AbortSignal | undefined,
    maxBytes = MAX_JOB_BODY_BYTES,
  ): Promise<ApiOutcome<T>> {
    // The token is only ever attached to the configured API origin.
    if (url.origin !== base.origin) throw new Error(`Refusing to send the API token to ${url.origin}`);
    const token = options.getToken();
    const timeout = AbortSignal.timeout(timeoutMs);
    options.onRequest?.(url.pathname);
    let response;
    try {
      // An https API is reached through a CONNECT tunnel: the proxy never sees the token.
      const proxy = options.proxyFor ? { proxy: axiosProxy(await options.proxyFor(url.href)) } : {};
      response = await http.request<string>({
        method,
        url: url.href,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        // Counted on the inflated bytes as they arrive: a gzip bomb is cut off while inflating.
        maxContentLength: maxBytes,
        ...proxy,
      });
    } catch (error) {
      if (!axios.isAxiosError(error)) return transportFailure(undefined, endpointName, timeoutMs);
      if (isOverLimit(error)) return tooLarge(base.host, maxBytes);
      return transportFailure(error.code, endpointName, timeoutMs);
    }
    const body = parseJson(response.data);
    // Any 2xx is an answer: a DELETE may say "done" with 204 and no body at all.
    if (response.status >= 200 && response.status < 300) {
      const parsed = schema.safeParse(body);
      if (parsed.success) return { kind: 'ok', value: parsed.data };
      const why = body === undefined ? 'not JSON' : boundedText(describeIssue(parsed.error));
      return malformedAnswer(`${base.host} sent a response that is not what was expected (${why})`);
    }
    const errorBody = errorBodySchema.safeParse(body);
    const retryAfter = parseRetryAfter(response.headers['retry-after'], now());
    return httpFailure(
      response.status,
      errorBody.success ? errorBody.data : undefined,
      retryAfter,
      base.host,
      jobid,
    );
  }

  const api: ApiRequest = {
    host: base.host,
    get: (path, query, schema, o) =>
      request('GET', endpoint(path, query), schema, o.jobid, o.signal, o.maxBytes),
    delete: (path, schema, o) => {
      // `DELETE /v2/pixverse/videos/{id}` erases a video from the PixVerse account for good: the
      // only DELETE this app ever sends is "stop tracking at useapi".
      if (!path.startsWith(STOP_TRACKING_PATH)) throw new Error(`Refusing to send DELETE ${path}`);
      return request('DELETE', endpoint(path, undefined), schema, o.jobid, o.signal, o.maxBytes);
    },
  };
  const v1 = v1Calls(api);
  const sources: JobSources = { v1, v2: v2Calls(api) };
  return { host: base.host, ...v1, source: (source) => sources[source] };
}

const portOf = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

// axios reports `maxContentLength` only through its message; the tests pin this against real servers.
const isOverLimit = (error: AxiosError): boolean =>
  error.code === AxiosError.ERR_BAD_RESPONSE && error.message.includes('maxContentLength');

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeIssue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const where = first.path.length > 0 ? first.path.join('.') : 'body';
  return `${where}: ${first.message}`;
}
