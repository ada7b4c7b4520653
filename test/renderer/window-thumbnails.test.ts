import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Job } from '../../main/core/jobs/job.js';
import { artifact, launchChromium } from '../helpers/browser.js';
import { chromiumFrameGrabber, recordVideo, serveWithVideos } from '../helpers/recorded-video.js';
import { tempDir } from '../helpers/temp.js';
import { useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';
import { modelJob } from '../helpers/window-seed.js';

const openWindow = useWindow();
/** getComputedStyle, as the page has it (the tests are compiled without the DOM library). */
type StylePage = { getComputedStyle(element: unknown): { objectFit: string } };
const MEDIA = 'https://media.pixverse.ai';
/** A 1×1 PNG: what the media host answers for a live preview. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=',
  'base64',
);

let grabBrowser: Browser;
let site: Awaited<ReturnType<typeof serveWithVideos>>;
let portraitVideo: Buffer;
beforeAll(async () => {
  grabBrowser = await launchChromium();
  site = await serveWithVideos();
  const page = await grabBrowser.newPage();
  await page.goto(site.grabPage());
  portraitVideo = await recordVideo(page, 270, 480, 'video/mp4;codecs=avc1');
  await page.close();
}, 60_000);
afterAll(async () => {
  await grabBrowser?.close();
  await site?.close();
});

/** A completed v1 job in the app's model. */
const v1Job = (id: string, fields: Partial<Job>): Job =>
  modelJob('v1', id, { state: 'completed', ...fields });

describe('row thumbnails (Chromium, the real frame-grab page as the grabber)', () => {
  it("show the saved video's first frame (offline, uncropped), else the preview, else a placeholder of the job's shape", async () => {
    const grabs: string[] = [];
    const grabber = chromiumFrameGrabber(
      grabBrowser,
      site,
      (file) => (grabs.push(file), fs.readFileSync(file)),
    );
    const w = await openWindow({
      token: WINDOW_TOKEN,
      settings: { autoDownload: false },
      frameGrabber: grabber,
    });
    const asked: string[] = [];
    await w.page.route('https://**/*', async (route) => {
      const url = route.request().url();
      asked.push(url);
      if (url.includes('/live-'))
        return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
      return route.fulfill({ status: 404, body: 'This content is no longer available.' });
    });
    const folder = tempDir('saved');
    const saved = path.join(folder, 'A saved portrait.mp4');
    fs.writeFileSync(saved, portraitVideo);
    const undecodable = path.join(folder, 'Random bytes.mp4');
    fs.writeFileSync(undecodable, Buffer.alloc(5000, 7));
    const session = w.controller.session!;
    session.scheduler.pause();
    const seed = (id: string, job: Partial<Job>, file?: string) => {
      session.store.add(id, 'v1');
      session.store.update(id, {
        state: 'completed',
        job: v1Job(id, job),
        ...(file
          ? { downloads: { '#0': { state: 'saved' as const, file, bytes: fs.statSync(file).size } } }
          : {}),
      });
    };
    seed(
      'user:1-job:saved',
      { prompt: 'Saved portrait', aspectRatio: '9:16', preview: `${MEDIA}/old-saved.jpg` },
      saved,
    );
    seed(
      'user:1-job:undecodable',
      { prompt: 'Undecodable', preview: `${MEDIA}/live-undecodable.png` },
      undecodable,
    );
    seed('user:1-job:expired', {
      prompt: 'Expired preview',
      aspectRatio: '16:9',
      preview: `${MEDIA}/old-expired.jpg`,
    });
    seed('user:1-job:nothing', { prompt: 'Nothing to show', aspectRatio: '9:16' });
    await w.page.reload();
    const row = (prompt: string) => w.page.locator('job-row', { hasText: prompt });

    // The saved video's first frame, through a blob: URL, in a portrait box: never its expired preview.
    const still = row('Saved portrait').locator('.thumb img');
    await expect.poll(() => still.getAttribute('src'), { timeout: 20_000 }).toMatch(/^blob:/);
    await expect
      .poll(() => still.evaluate((img) => (img as unknown as { naturalHeight: number }).naturalHeight))
      .toBe(320);
    const stillBox = (await still.boundingBox())!;
    expect(stillBox.height).toBeGreaterThan(stillBox.width * 1.5);
    expect(
      await still.evaluate((img) => (globalThis as unknown as StylePage).getComputedStyle(img).objectFit),
    ).toBe('contain');
    expect(asked).not.toContain(`${MEDIA}/old-saved.jpg`);

    // A saved file that gives no frame (the simulator's random bytes): the preview, never an error.
    const preview = row('Undecodable').locator('.thumb img');
    await expect.poll(() => preview.getAttribute('src')).toBe(`${MEDIA}/live-undecodable.png`);

    // An expired preview: no broken image, a placeholder of the job's shape.
    await row('Expired preview').locator('.thumb-placeholder').waitFor();
    expect(await row('Expired preview').locator('.thumb img').count()).toBe(0);
    expect(asked).toContain(`${MEDIA}/old-expired.jpg`);
    const wide = (await row('Expired preview').locator('.thumb-frame').boundingBox())!;
    expect(wide.width / wide.height).toBeCloseTo(16 / 9, 1);
    const tall = (await row('Nothing to show').locator('.thumb-placeholder').boundingBox())!;
    expect(tall.height / tall.width).toBeCloseTo(16 / 9, 1);

    await w.page.screenshot({ path: artifact('thumbnails-1000.png') });
    expect(grabs.sort()).toEqual([undecodable, saved].sort());
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });
});
