import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { recordVideo, serveWithVideos, type MediaPage } from '../helpers/recorded-video.js';

/**
 * The frame-grab page (renderer/frame-grab.html, what the app's hidden window shows) in real
 * Chromium, with real videos: each is recorded here by Chromium's MediaRecorder from a canvas whose
 * left half is red and right half blue, so the still can be checked pixel by pixel.
 */
let browser: Browser;
let site: Awaited<ReturnType<typeof serveWithVideos>>;

beforeAll(async () => {
  browser = await launchChromium();
  site = await serveWithVideos();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens the grab page on a video and waits for its word: the title. */
async function grab(video?: string) {
  const page = await browser.newPage();
  try {
    await page.goto(site.grabPage(video));
    await page.waitForFunction(
      () => /^(frame|no frame)/.test((globalThis as unknown as MediaPage).document.title),
      undefined,
      {
        timeout: 20_000,
      },
    );
    const title = await page.title();
    const pixels = title.startsWith('frame ')
      ? await page.evaluate(() => {
          const canvas = (globalThis as unknown as MediaPage).document.querySelector('canvas')!;
          const ctx = canvas.getContext('2d')!;
          const at = (x: number, y: number) =>
            Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3), Number);
          return {
            left: at(canvas.width / 4, canvas.height / 2),
            right: at((3 * canvas.width) / 4, canvas.height / 2),
          };
        })
      : undefined;
    return { title, pixels };
  } finally {
    await page.close();
  }
}

const red = (rgb: number[] | undefined) => rgb !== undefined && rgb[0]! > 180 && rgb[1]! < 80 && rgb[2]! < 80;
const blue = (rgb: number[] | undefined) =>
  rgb !== undefined && rgb[2]! > 180 && rgb[0]! < 80 && rgb[1]! < 80;

describe('the frame-grab page (Chromium, real videos)', () => {
  beforeAll(async () => {
    const page = await browser.newPage();
    await page.goto(site.grabPage());
    site.videos.set('/landscape.webm', {
      type: 'video/webm',
      bytes: await recordVideo(page, 480, 270, 'video/webm;codecs=vp8'),
    });
    // PixVerse's videos are H.264 MP4: Debian's Chromium decodes them (and records them, for this test).
    site.videos.set('/portrait.mp4', {
      type: 'video/mp4',
      bytes: await recordVideo(page, 270, 480, 'video/mp4;codecs=avc1'),
    });
    await page.close();
    site.videos.set('/random.mp4', {
      type: 'video/mp4',
      bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    });
  }, 60_000);

  it("draws a WebM's first frame at most 320 px on its long side, in the video's shape", async () => {
    const { title, pixels } = await grab('/landscape.webm');
    expect(title).toBe('frame 320x180');
    expect(red(pixels?.left) && blue(pixels?.right), JSON.stringify(pixels)).toBe(true);
  });

  it('draws a portrait H.264 MP4 uncropped', async () => {
    const { title, pixels } = await grab('/portrait.mp4');
    expect(title).toBe('frame 180x320');
    expect(red(pixels?.left) && blue(pixels?.right), JSON.stringify(pixels)).toBe(true);
  });

  it('says "no frame" for bytes that are no video, or when no video is named', async () => {
    expect((await grab('/random.mp4')).title).toMatch(/^no frame: /);
    expect((await grab()).title).toBe('no frame: no video was named');
  });
});
