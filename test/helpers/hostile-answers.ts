import type http from 'node:http';
import zlib from 'node:zlib';

/** Answers a hostile API sends: each one valid enough to be read, and far too large to keep. */
export const JOBID = 'user:1-job:hostile';
const MiB = 1024 * 1024;

// A valid job whose attachments list runs to 50 MB: parsed, it would take over a gigabyte.
let bigJob: Buffer | undefined;
export function fiftyMegabyteJob(): Buffer {
  const attachment = '{"url":"https://cdn.example/a.mp4","filename":"a.mp4","size":1},';
  const count = Math.ceil((50 * MiB) / attachment.length);
  bigJob ??= Buffer.from(
    `{"jobid":"${JOBID}","status":"progress","attachments":[${attachment.repeat(count)}{}]}`,
  );
  return bigJob;
}

// 16 MiB of JSON whitespace compresses to about 16 KB; 64 gzip members inflate to 1 GiB.
let bombMember: Buffer | undefined;
export function sendGzipBomb(res: http.ServerResponse): void {
  bombMember ??= zlib.gzipSync(Buffer.alloc(16 * MiB, ' '), { level: 9 });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
  res.write(zlib.gzipSync(`{"jobid":"${JOBID}","status":"progress",`));
  let members = 0;
  const more = () => {
    while (members < 64) {
      members++;
      if (!res.write(bombMember!)) return res.once('drain', more);
    }
    res.end(zlib.gzipSync('"x":1}'));
  };
  res.on('error', () => {});
  more();
}
