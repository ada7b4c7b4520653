import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, MAX_JOB_BODY_BYTES } from '../../../../main/core/api/api-client.js';
import { listen } from '../../../../main/core/simulator/http-util.js';
import { rawServer } from '../../../helpers/raw-server.js';

const ID = 'user:1234-pixverse:ann+tray@example.com-video:998877';
const TOKEN = 'v2-secret-token';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A loopback useapi that answers every request with `reply` and records what arrived. */
async function server(reply: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const s = await listen((req, res) => {
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    reply(req, res);
  });
  closers.push(s.close);
  const api = createApiClient({ baseUrl: s.url, getToken: () => TOKEN, timeoutMs: 5000 });
  return { api, v2: api.source('v2'), seen, url: s.url };
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('the v2 client', () => {
  it('asks for a video with its id raw on the wire, with the token', async () => {
    const raw = await rawServer((socket) => {
      const body = JSON.stringify({ video_id: ID, video_status: 10 });
      socket.end(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
    });
    const api = createApiClient({ baseUrl: raw.url('/').origin, getToken: () => TOKEN, timeoutMs: 5000 });
    const outcome = await api.source('v2').getJob(ID);
    expect(outcome).toMatchObject({ kind: 'ok', value: { source: 'v2', id: ID, state: 'running' } });
    const [requestLine] = raw.requests[0]!.split('\r\n');
    expect(requestLine).toBe(`GET /v2/pixverse/videos/${ID} HTTP/1.1`);
    expect(raw.requests[0]).toContain(`Authorization: Bearer ${TOKEN}`);
  });

  it('stops tracking at useapi with DELETE on the scheduler, the id raw', async () => {
    const { v2, seen } = await server((_req, res) => json(res, 200, { deleted: true }));
    expect(await v2.cancelJob(ID)).toMatchObject({ kind: 'ok' });
    expect(seen).toEqual([
      { method: 'DELETE', url: `/v2/pixverse/scheduler/${ID}`, authorization: `Bearer ${TOKEN}` },
    ]);
  });

  it('takes a 204 No Content to the DELETE as done', async () => {
    const { v2 } = await server((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    expect(await v2.cancelJob(ID)).toMatchObject({ kind: 'ok' });
  });

  it('reads the scheduler list by id, videoId or video_id, videos only', async () => {
    const other = 'user:1234-pixverse:bob@example.com-video:5';
    const third = 'user:1234-pixverse:ann@example.com-video:6';
    const { v2, seen } = await server((_req, res) =>
      json(res, 200, [
        { id: ID, type: 'video', started: '2026-11-24T12:00:00Z', elapsed: '00:10' },
        { videoId: other, type: 'video' },
        { video_id: third },
        { id: 'user:1234-pixverse:ann@example.com-image:7', type: 'image' },
        { id: 'user:1234-pixverse:ann@example.com-video:8', type: 'music' },
      ]),
    );
    expect(await v2.listExecuting()).toEqual({ kind: 'ok', value: [ID, other, third] });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v2/pixverse/scheduler/' });
  });

  it('reads the videos list into jobs, with limit and offset', async () => {
    const { v2, seen } = await server((_req, res) =>
      json(res, 200, {
        data: [
          { video_id: ID, video_status: 5, prompt: 'a cat' },
          { video_id: 'not-a-v2-id', video_status: 5 },
        ],
      }),
    );
    const outcome = await v2.listRecent!();
    expect(outcome).toMatchObject({ kind: 'ok', value: [{ source: 'v2', id: ID, state: 'queued' }] });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v2/pixverse/videos/?limit=20&offset=0' });
  });

  it('waits 30 s after a 429 without Retry-After, and honours one that is there', async () => {
    const headers: Record<string, string> = {};
    const { v2 } = await server((_req, res) => json(res, 429, { error: 'All busy', code: 429 }, headers));
    const busy = await v2.getJob(ID);
    expect(busy).toMatchObject({ kind: 'rate-limited', retryAfterMs: 30_000 });
    expect(busy.kind !== 'ok' && busy.message).toMatch(
      /every PixVerse account is busy \(429\); slowing down\./,
    );
    headers['Retry-After'] = '5';
    expect(await v2.getJob(ID)).toMatchObject({ kind: 'rate-limited', retryAfterMs: 5_000 });
  });

  it('names the account that must be added again on a 596', async () => {
    const { v2 } = await server((_req, res) => json(res, 596, { error: 'Account error', code: 596 }));
    const outcome = await v2.getJob(ID);
    expect(outcome).toMatchObject({ kind: 'account-problem', account: 'ann+tray@example.com' });
    expect(outcome.kind !== 'ok' && outcome.message).toMatch(
      /PixVerse account ann\+tray@example.com .*596.*add it again at useapi\.net/,
    );
  });

  it('maps 404 to not-found and 401 to a credentials problem', async () => {
    let status = 404;
    const { v2 } = await server((_req, res) => json(res, status, { error: 'Not found', code: status }));
    expect(await v2.getJob(ID)).toMatchObject({ kind: 'not-found' });
    status = 401;
    expect(await v2.getJob(ID)).toMatchObject({ kind: 'credentials', status: 401 });
  });

  it('cuts off an answer over the size cap', async () => {
    const { v2 } = await server((_req, res) =>
      json(res, 200, { video_id: ID, prompt: 'x'.repeat(MAX_JOB_BODY_BYTES + 10) }),
    );
    expect(await v2.getJob(ID)).toMatchObject({ kind: 'transient', reason: 'too-large' });
  });

  it('refuses an answer about another video', async () => {
    const { v2 } = await server((_req, res) =>
      json(res, 200, { video_id: 'user:1-pixverse:eve@example.com-video:1', video_status: 1 }),
    );
    expect(await v2.getJob(ID)).toMatchObject({ kind: 'transient', reason: 'malformed' });
  });

  it('sends nothing for an id that is not a v2 video id or would not travel raw', async () => {
    const { v2, seen } = await server((_req, res) => json(res, 200, {}));
    for (const id of [
      'plain-v1-jobid',
      'user:1-pixverse:a%40b.com-video:2',
      'user:1-pixverse:a"<b-video:2',
    ]) {
      expect(await v2.getJob(id)).toMatchObject({ kind: 'bad-request' });
      expect(await v2.cancelJob(id)).toMatchObject({ kind: 'bad-request' });
    }
    expect(seen).toEqual([]);
  });

  it('follows no redirect of a DELETE: the token never reaches another host', async () => {
    const elsewhere = await server((_req, res) => json(res, 200, {}));
    const { v2 } = await server((_req, res) => {
      res.writeHead(307, { Location: `${elsewhere.url}/v2/pixverse/videos/${ID}` });
      res.end();
    });
    expect((await v2.cancelJob(ID)).kind).not.toBe('ok');
    expect(elsewhere.seen).toEqual([]);
  });
});
