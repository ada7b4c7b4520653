import type http from 'node:http';
import { sendDribble, sendSlowly } from './cdn-slow-bodies.js';
import type { CdnHost } from './sim-host.js';
import type { VideoBytes } from './video-bytes.js';

export type { CdnFault } from './faults.js';

// A 1×1 PNG, the embed preview.
const PREVIEW_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A Discord-like CDN: signed links that expire, Range and If-Range, real bytes. */
export function cdnHandler(sim: CdnHost): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://cdn');
    sim.recordCdnRequest({
      path: url.pathname,
      range: req.headers.range,
      ifRange: req.headers['if-range'] as string | undefined,
      authorization: req.headers.authorization,
      at: sim.clock.now(),
    });
    const media =
      /^\/pixverse(?:%2F|\/)(mp4|jpg)(?:%2F|\/)media(?:%2F|\/)web(?:%2F|\/)ori(?:%2F|\/)(\d+)_/i.exec(
        url.pathname,
      );
    if (media) return serveMedia(sim, url, media[1]!.toLowerCase() === 'jpg', media[2]!, req, res);
    if (!sim.verifyLink(url)) return gone(res);
    if (url.pathname.startsWith('/previews/')) return sendPreview(res);
    const match = /^(?:\/proxy)?\/attachments\/\d+\/(\d+)\//.exec(url.pathname);
    const found = match ? sim.attachment(match[1]!) : undefined;
    if (!found) return gone(res);
    serveBytes(sim, found, req, res);
  };
}

/**
 * media.pixverse.ai as the simulator plays it: an expired or tampered link answers the video's
 * `expiredLinkStatus` (403, 404 or 410), and the file is only there once the video is complete.
 */
function serveMedia(
  sim: CdnHost,
  url: URL,
  frame: boolean,
  mediaId: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const found = sim.attachment(mediaId);
  if (!found?.owner) return notFound(res);
  if (!sim.verifyLink(url)) {
    const status = found.owner.spec.expiredLinkStatus;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end(status === 403 ? 'AccessDenied: Request has expired' : 'Not Found');
  }
  if (!found.owner.isFileReady(sim.clock.now())) return notFound(res);
  if (frame) return sendPreview(res);
  serveBytes(sim, found, req, res);
}

/** The file's bytes with Range and If-Range, and the CDN faults tests queue. */
function serveBytes(
  sim: CdnHost,
  found: { video: VideoBytes; etag: string; contentType: string },
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const { video, etag, contentType } = found;
  const fault = sim.cdnFaults.shift();
  if (fault?.kind === 'reset') return void req.socket.destroy();
  if (fault?.kind === 'status') {
    res.writeHead(fault.status, { 'Content-Type': 'text/plain' });
    return void res.end(`Simulated ${fault.status}`);
  }
  if (fault?.kind === 'html-page') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return void res.end('<html><body>Access denied</body></html>');
  }

  const size = video.size;
  let start = 0;
  let end = size;
  let status = 200;
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const ifRange = req.headers['if-range'];
  const rangeApplies =
    range &&
    fault?.kind !== 'ignore-range' &&
    (ifRange === undefined || ifRange === etag || fault?.kind === 'ignore-if-range');
  if (rangeApplies) {
    start = Number(range[1]);
    end = range[2] ? Math.min(size, Number(range[2]) + 1) : size;
    if (start >= size || start >= end) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      return void res.end();
    }
    status = 206;
  }
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': contentType,
    'Content-Length': end - start,
    'Accept-Ranges': 'bytes',
    ETag: etag,
  };
  if (status === 206) headers['Content-Range'] = `bytes ${start}-${end - 1}/${size}`;
  if (fault?.kind === 'dribble') {
    delete headers['Content-Length'];
    const fields = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
    return sendDribble(res, video, { status, headers: fields }, { start, end }, fault);
  }
  res.writeHead(status, headers);
  if (req.method === 'HEAD') return void res.end();
  if (fault?.kind === 'slow')
    return sendSlowly(res, video, { start, end }, fault.bytesPerSecond, fault.stallAfterBytes);

  const cutAt = fault?.kind === 'truncate' || fault?.kind === 'stall' ? start + fault.afterBytes : Infinity;
  const chunks = video.chunks(start, Math.min(end, cutAt));
  const throttle = fault?.kind === 'throttle' ? fault.delayMs : 0;
  const pump = (): void => {
    for (let next = chunks.next(); !next.done; next = chunks.next()) {
      const more = res.write(next.value);
      if (throttle) return void setTimeout(pump, throttle);
      if (!more) return void res.once('drain', pump);
    }
    if (cutAt >= end) res.end();
    else if (fault?.kind === 'truncate') res.socket?.destroy();
    // a stall keeps the connection open and silent until the client gives up
  };
  pump();
}

function sendPreview(res: http.ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PREVIEW_PNG.length });
  res.end(PREVIEW_PNG);
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not Found');
}

function gone(res: http.ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('This content is no longer available.');
}
