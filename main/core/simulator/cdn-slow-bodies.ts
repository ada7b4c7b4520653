// Bodies that keep a download waiting: a slow link, and a server that stays busy on the wire without
// sending any payload. Used by the CDN's `slow` and `dribble` faults.
import type http from 'node:http';
import type { VideoBytes } from './video-bytes.js';

const TICK_MS = 100;

/**
 * Sends bytes [start, end) at about `bytesPerSecond`, in a piece every 100 ms. After `stallAfterBytes`
 * (if given) the connection stays open and silent until the client gives up.
 */
export function sendSlowly(
  res: http.ServerResponse,
  video: VideoBytes,
  range: { start: number; end: number },
  bytesPerSecond: number,
  stallAfterBytes = Infinity,
): void {
  const piece = Math.max(1, Math.round((bytesPerSecond * TICK_MS) / 1000));
  const pieces = video.chunks(range.start, Math.min(range.end, range.start + stallAfterBytes), piece);
  const timer = setInterval(() => {
    const next = pieces.next();
    if (!next.done) return void res.write(next.value);
    clearInterval(timer);
    if (range.start + stallAfterBytes >= range.end) res.end();
  }, TICK_MS);
  res.on('close', () => clearInterval(timer));
}

/**
 * Answers with a chunked body whose payload stops after `afterBytes`; then, every `everyMs`, one more
 * byte of a chunk extension (`extension`) or of a trailer after the last chunk (`trailer`), forever.
 * The connection is busy, the download makes no progress. Written on the socket itself: Node's
 * ServerResponse cannot send extensions or an endless trailer.
 */
export function sendDribble(
  res: http.ServerResponse,
  video: VideoBytes,
  head: { status: number; headers: Record<string, string> },
  range: { start: number; end: number },
  fault: { afterBytes: number; what: 'extension' | 'trailer'; everyMs: number },
): void {
  const socket = res.socket!;
  const fields = Object.entries(head.headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.write(`HTTP/1.1 ${head.status} Dribble\r\n${fields.join('')}Transfer-Encoding: chunked\r\n\r\n`);
  for (const chunk of video.chunks(range.start, Math.min(range.end, range.start + fault.afterBytes))) {
    socket.write(`${chunk.length.toString(16)}\r\n`);
    socket.write(chunk);
    socket.write('\r\n');
  }
  socket.write(fault.what === 'extension' ? '1;x=' : '0\r\nX-Dribble: ');
  const timer = setInterval(() => socket.write('y'), fault.everyMs);
  socket.on('close', () => clearInterval(timer));
}
