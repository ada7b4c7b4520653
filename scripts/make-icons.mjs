import { Buffer } from 'node:buffer';
import { URL } from 'node:url';
// Draws the app's PNG icons (a play-button disc) so they can be regenerated without an image editor.
import fs from 'node:fs';
import zlib from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, [r, g, b], badge) {
  const rows = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const inside = Math.hypot(x - c, y - c) <= size * 0.46;
      // a right-pointing triangle cut out of the disc
      const tx = (x - c) / size;
      const ty = (y - c) / size;
      const play = tx > -0.14 && tx < 0.2 && Math.abs(ty) < (0.2 - tx) * 0.75;
      const dot = badge && Math.hypot(x - size * 0.8, y - size * 0.8) <= size * 0.2;
      const alpha = dot ? 255 : inside && !play ? 255 : 0;
      const [pr, pg, pb] = dot ? badge : [r, g, b];
      row.push(pr, pg, pb, alpha);
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const purple = [124, 77, 255];
const out = (name, data) => fs.writeFileSync(new URL(`../assets/${name}`, import.meta.url), data);
out('icon.png', png(512, purple));
out('tray.png', png(32, purple));
out('tray-paused.png', png(32, [140, 140, 140]));
out('tray-problem.png', png(32, purple, [230, 60, 60]));
// macOS template images: black with alpha, the system tints them.
out('trayTemplate.png', png(32, [0, 0, 0]));
out('trayPausedTemplate.png', png(32, [0, 0, 0], [0, 0, 0]));
out('trayProblemTemplate.png', png(32, [0, 0, 0], [0, 0, 0]));
