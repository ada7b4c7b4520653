import type { Simulator } from '../../../main/core/simulator/simulator.js';

export interface V2Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One request to the simulator's API; the path goes on the wire exactly as given. */
export async function v2(
  sim: Simulator,
  path: string,
  options: { token?: string | null; method?: string } = {},
): Promise<V2Reply> {
  const token = options.token === undefined ? sim.token : options.token;
  const res = await fetch(`${sim.apiUrl}${path}`, {
    method: options.method ?? 'GET',
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body };
}

export const videoPath = (id: string) => `/v2/pixverse/videos/${id}`;

export async function download(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}
