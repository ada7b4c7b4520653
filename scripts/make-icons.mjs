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

// Glyphs cut out of the disc, in coordinates where the icon spans -0.5…0.5.
const glyphs = {
  play: (x, y) => x > -0.14 && x < 0.2 && Math.abs(y) < (0.2 - x) * 0.75,
  pause: (x, y) => Math.abs(Math.abs(x) - 0.09) < 0.05 && Math.abs(y) < 0.19,
  alert: (x, y) => (Math.abs(x) < 0.05 && y > -0.24 && y < 0.06) || Math.hypot(x, y - 0.17) < 0.06,
};

/** A disc of `color` with `glyph` cut out and an optional badge, 4×4 supersampled for smooth edges. */
function png(size, color, { glyph = 'play', badge } = {}) {
  const sample = (x, y) => {
    if (badge) {
      const d = Math.hypot(x - 0.29, y - 0.29);
      if (d <= 0.19) return badge;
      if (d <= 0.26) return undefined; // a clear ring sets the badge apart from the disc
    }
    return Math.hypot(x, y) <= 0.46 && !glyphs[glyph](x, y) ? color : undefined;
  };
  const rows = [];
  const n = 4;
  for (let py = 0; py < size; py++) {
    const row = [0];
    for (let px = 0; px < size; px++) {
      let hits = 0;
      const sum = [0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const rgb = sample((px + (sx + 0.5) / n) / size - 0.5, (py + (sy + 0.5) / n) / size - 0.5);
          if (!rgb) continue;
          hits++;
          rgb.forEach((v, i) => (sum[i] += v));
        }
      }
      const rgb = hits ? sum.map((v) => Math.round(v / hits)) : [0, 0, 0];
      row.push(...rgb, Math.round((255 * hits) / (n * n)));
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
const grey = [140, 140, 140];
const black = [0, 0, 0];
const out = (name, data) => fs.writeFileSync(new URL(`../assets/${name}`, import.meta.url), data);
out('icon.png', png(512, purple));
out('tray.png', png(32, purple));
out('tray-paused.png', png(32, grey, { glyph: 'pause' }));
out('tray-problem.png', png(32, purple, { badge: [230, 60, 60] }));
// macOS template images: black with alpha (the system tints them), 16 pt with an @2x for Retina.
for (const [name, glyph] of [
  ['trayTemplate', 'play'],
  ['trayPausedTemplate', 'pause'],
  ['trayProblemTemplate', 'alert'],
]) {
  out(`${name}.png`, png(16, black, { glyph }));
  out(`${name}@2x.png`, png(32, black, { glyph }));
}
