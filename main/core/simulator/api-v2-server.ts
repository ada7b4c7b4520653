import type http from 'node:http';
import { V2_VIDEO_ID } from '../jobs/job-id.js';
import { applyFault, refusedAccount } from './api-faults.js';
import type { Route } from './faults.js';
import { sendJson } from './http-util.js';
import type { ApiV2Host } from './sim-host.js';

/** What a v2 request asks for; `delete-video` is recorded but never has faults. */
type V2Route = Extract<Route, `v2-${string}`> | 'v2-delete-video';

/**
 * The useapi.net PixVerse API v2 endpoints the app may call: one video, the videos list, the
 * scheduler list and DELETE scheduler/{id}; DELETE videos/{id} is answered and recorded so tests
 * can prove the app never calls it. The path is read raw, as the service does: a percent-encoded
 * video id is a 400.
 */
export function apiV2Handler(sim: ApiV2Host): http.RequestListener {
  return (req, res) => {
    const [rawPath = '', query = ''] = (req.url ?? '/').split('?', 2);
    const method = req.method ?? 'GET';
    const { route, id } = routeOf(rawPath, method);
    const authorized = req.headers.authorization === `Bearer ${sim.token}`;
    sim.recordApiRequest({ route: route ?? 'unknown', jobid: id, method, authorized, at: sim.clock.now() });
    if (route === 'v2-delete-video' && id !== undefined) sim.videoDeletions.push(id);
    if (!route) return sendJson(res, 404, { error: `Not found: ${method} ${rawPath}`, code: 404 });

    const fault = route === 'v2-delete-video' ? undefined : sim.faults.take(route, id);
    if (fault && applyFault(fault, 'v2', req, res, () => answer())) return;
    answer();

    function answer(): void {
      if (refusedAccount(sim, authorized, res)) return;
      if (id !== undefined && /%[0-9a-f]{2}/i.test(id)) {
        return sendJson(res, 400, {
          error: `Invalid video_id ${id}: send it as is, not URL-encoded`,
          code: 400,
        });
      }
      if (id !== undefined && !V2_VIDEO_ID.test(id)) {
        return sendJson(res, 400, { error: `Invalid video_id ${id}`, code: 400 });
      }
      const now = sim.clock.now();
      switch (route) {
        case 'v2-scheduler':
          return sendJson(res, 200, [
            ...sim
              .videos()
              .filter((v) => v.isScheduled(now))
              .map((v) => v.schedulerEntry(now)),
            ...sim.schedulerExtras,
          ]);
        case 'v2-videos':
          return listVideos(sim, new URLSearchParams(query), res);
      }
      const video = sim.video(id!);
      const missing = () => sendJson(res, 404, { error: `Video ${id} not found`, code: 404 });
      switch (route) {
        case 'v2-video':
          if (!video || video.isHidden(now)) return missing();
          return sendJson(res, 200, video.render(now, sim.signMediaLink));
        case 'v2-cancel':
          if (!video || !video.isScheduled(now)) return missing();
          video.releasedAt = now;
          return sendNoContent(res);
        case 'v2-delete-video':
          if (!video) return missing();
          sim.removeVideo(video.id);
          return sendNoContent(res);
      }
    }
  };
}

function routeOf(rawPath: string, method: string): { route?: V2Route; id?: string } {
  const match = /^\/v2\/pixverse\/(videos|scheduler)\/?(.*)$/.exec(rawPath);
  if (!match) return {};
  const [, collection, rest] = match;
  const id = rest ? rest : undefined;
  if (collection === 'videos') {
    if (id === undefined) return method === 'GET' ? { route: 'v2-videos' } : {};
    if (method === 'GET') return { route: 'v2-video', id };
    return method === 'DELETE' ? { route: 'v2-delete-video', id } : {};
  }
  if (id === undefined) return method === 'GET' ? { route: 'v2-scheduler' } : {};
  return method === 'DELETE' ? { route: 'v2-cancel', id } : {};
}

/** `GET /videos/?limit=&offset=&email=`: newest first, `{ data: [...] }`. */
function listVideos(sim: ApiV2Host, params: URLSearchParams, res: http.ServerResponse): void {
  const limit = count(params.get('limit'), 40);
  const offset = count(params.get('offset'), 0);
  if (limit === undefined || offset === undefined) {
    return sendJson(res, 400, { error: 'Parameters limit and offset must be whole numbers', code: 400 });
  }
  const now = sim.clock.now();
  const email = params.get('email');
  const accounts = new Set(sim.videos().map((v) => v.email));
  if (!email && accounts.size > 1) {
    return sendJson(res, 400, {
      error: 'Parameter email is required, several accounts configured',
      code: 400,
    });
  }
  const data = sim
    .videos()
    .filter((v) => (!email || v.email === email) && !v.isHidden(now))
    .reverse()
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(offset, offset + limit)
    .map((v) => v.render(now, sim.signMediaLink));
  sendJson(res, 200, { data });
}

function count(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

function sendNoContent(res: http.ServerResponse): void {
  res.writeHead(204);
  res.end();
}
