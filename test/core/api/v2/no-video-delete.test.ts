import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../../main/core/api/api-client.js';
import { listen } from '../../../../main/core/simulator/http-util.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const ID = 'user:1-pixverse:ann@example.com-video:2';

const sources = (dir: string): string[] =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.c?ts$/.test(name))
    .map((name) => path.join(ROOT, dir, name));

// `DELETE /v2/pixverse/videos/{id}` deletes the video from the user's PixVerse account for good.
describe('deleting a PixVerse video', () => {
  it('is a call no v2 client offers, and none of them sends a DELETE to /videos/', async () => {
    const seen: string[] = [];
    const server = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(req.url?.startsWith('/v2/pixverse/scheduler/') && req.method === 'GET' ? '[]' : '{}');
    });
    try {
      const v2 = createApiClient({ baseUrl: server.url, getToken: () => 't' }).source('v2');
      expect(Object.keys(v2).sort()).toEqual(['cancelJob', 'getJob', 'listExecuting', 'listRecent']);
      await v2.getJob(ID);
      await v2.cancelJob(ID);
      await v2.listExecuting();
      await v2.listRecent!();
      expect(seen.filter((line) => line.startsWith('DELETE'))).toEqual([
        `DELETE /v2/pixverse/scheduler/${ID}`,
      ]);
    } finally {
      await server.close();
    }
  });

  it('appears nowhere in the app: the only DELETE path is the scheduler', () => {
    const offenders: string[] = [];
    for (const file of [...sources('main'), ...sources('renderer/src')]) {
      const text = fs.readFileSync(file, 'utf8');
      // Any DELETE call or method whose path could be the videos endpoint.
      for (const match of text.matchAll(/(?:\.delete\(|['"]DELETE['"])[^;]{0,200}/g)) {
        if (/videos/.test(match[0])) offenders.push(`${path.relative(ROOT, file)}: ${match[0].slice(0, 80)}`);
      }
      if (/\.delete\(\s*['"`]\/v2\/pixverse\/(?!scheduler\/)/.test(text))
        offenders.push(path.relative(ROOT, file));
    }
    expect(offenders).toEqual([]);
  });
});
