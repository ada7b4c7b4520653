import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock.js';
import { DownloadQueue } from '../../../main/core/downloads/download-queue.js';
import { createScheduler } from '../../../main/core/engine.js';
import { listen } from '../../../main/core/simulator/http-util.js';
import { testStore } from '../../helpers/test-store.js';
import { tempFolder } from '../../helpers/downloads.js';

const ID = 'user:1-pixverse:ann@example.com-video:4242';
const VIDEO = Buffer.from('a small mp4, as far as this test cares');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** useapi (v2) and the media host on one loopback server: the first link dies with `status`. */
async function apiAndMedia(status: number) {
  const seen: { path: string; authorization: string | undefined }[] = [];
  let answers = 0;
  const server = await listen((req, res) => {
    seen.push({ path: req.url!, authorization: req.headers.authorization });
    if (req.url === `/v2/pixverse/videos/${ID}`) {
      const link = `${server.url}/media/${++answers === 1 ? 'old' : 'fresh'}.mp4`;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ video_id: ID, video_status: 1, url: link, output_width: 640 }));
    }
    if (req.url === '/media/fresh.mp4') {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': VIDEO.length });
      return res.end(VIDEO);
    }
    res.writeHead(status);
    res.end();
  });
  closers.push(server.close);
  return { url: server.url, seen };
}

describe('a v2 video whose media link died', () => {
  it.each([403, 404, 410])(
    'is fetched again through the scheduler after a %i, then saved',
    async (status) => {
      const server = await apiAndMedia(status);
      const { store } = testStore(systemClock);
      const { api, scheduler } = createScheduler(store, {
        baseUrl: server.url,
        getToken: () => 'token',
        discoverNewJobs: false,
        policy: { intervalMs: 1000 },
      });
      const first = await api.source('v2').getJob(ID);
      if (first.kind !== 'ok') throw new Error('setup: video not fetched');
      store.add(ID, 'v2');
      store.update(ID, { state: 'completed', job: first.value });
      scheduler.start();
      const folder = tempFolder();
      const queue = new DownloadQueue({
        store,
        folder: () => folder,
        refresh: (jobid) => scheduler.refresh(jobid),
        clock: systemClock,
        retryBaseMs: 10,
      });
      const saved: string[] = [];
      queue.on('download-saved', (e) => saved.push(e.file));
      try {
        queue.enqueue(ID);
        await queue.idle();
      } finally {
        scheduler.stop();
      }
      expect(saved).toHaveLength(1);
      expect(fs.readFileSync(saved[0]!)).toEqual(VIDEO);
      expect(saved[0]).toMatch(/pixverse-4242\.mp4$/);
      const paths = server.seen.map((s) => s.path);
      expect(paths).toEqual([
        `/v2/pixverse/videos/${ID}`,
        '/media/old.mp4',
        `/v2/pixverse/videos/${ID}`,
        '/media/fresh.mp4',
      ]);
      // The token goes to the API only, never to the media host.
      expect(server.seen.filter((s) => s.path.startsWith('/media/')).map((s) => s.authorization)).toEqual([
        undefined,
        undefined,
      ]);
    },
  );
});
