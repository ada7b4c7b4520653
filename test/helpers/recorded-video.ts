import type { Browser, Page } from 'playwright-core';
import type { FrameGrabber } from '../../main/core/thumbnails/thumbnail.js';
import { serveRenderer } from './browser.js';

/** The page's parts the code below uses (the tests are compiled without the DOM library). */
export interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
  captureStream(fps: number): unknown;
}
export interface MediaPage {
  document: {
    title: string;
    createElement(tag: 'canvas'): PageCanvas;
    querySelector(selector: 'canvas'): PageCanvas | null;
  };
  MediaRecorder: new (
    stream: unknown,
    options: { mimeType: string; videoBitsPerSecond: number },
  ) => {
    ondataavailable: (event: { data: unknown }) => void;
    onstop: (value: unknown) => void;
    start(): void;
    stop(): void;
  };
  Blob: new (parts: unknown[]) => { arrayBuffer(): Promise<ArrayBuffer> };
}
export const inPage = () => globalThis as unknown as MediaPage;

/**
 * A short real video recorded by Chromium's MediaRecorder from a canvas: left half red, right half
 * blue, so a still of it can be checked pixel by pixel. `mimeType`: `video/webm;codecs=vp8`,
 * `video/mp4;codecs=avc1` (H.264, as PixVerse's videos are).
 */
export async function recordVideo(
  page: Page,
  width: number,
  height: number,
  mimeType: string,
): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ({ width, height, mimeType }) => {
      const { document, MediaRecorder, Blob } = globalThis as unknown as MediaPage;
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d')!;
      const draw = () => {
        ctx.fillStyle = '#ff0000';
        ctx.fillRect(0, 0, width / 2, height);
        ctx.fillStyle = '#0000ff';
        ctx.fillRect(width / 2, 0, width / 2, height);
      };
      draw();
      const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType, videoBitsPerSecond: 300_000 });
      const chunks: unknown[] = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      for (let i = 0; i < 12; i++) {
        draw();
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      recorder.stop();
      await stopped;
      return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
    },
    { width, height, mimeType },
  );
  return Buffer.from(bytes);
}

/** Serves the built renderer plus the videos put in `videos` (path → type and bytes). */
export async function serveWithVideos() {
  const videos = new Map<string, { type: string; bytes: Buffer }>();
  const server = await serveRenderer(undefined, {
    intercept: (req, res) => {
      const video = videos.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (!video) return false;
      res.writeHead(200, { 'Content-Type': video.type, 'Content-Length': video.bytes.length });
      res.end(video.bytes);
      return true;
    },
  });
  const grabPage = (video?: string) =>
    `${server.url.replace(/index\.html$/, 'frame-grab.html')}${video ? `?video=${encodeURIComponent(video)}` : ''}`;
  return { ...server, videos, grabPage };
}

/**
 * The app's frame grabber with Chromium in Electron's stead: the same frame-grab page, the saved
 * file served to it over loopback, and a screenshot of the rectangle the page names (as the app's
 * capturePage takes it).
 */
export function chromiumFrameGrabber(
  browser: Browser,
  site: Awaited<ReturnType<typeof serveWithVideos>>,
  readFile: (file: string) => Buffer,
): FrameGrabber {
  let next = 0;
  return {
    async grab(file) {
      const name = `/saved/${next++}`;
      site.videos.set(name, {
        type: file.endsWith('.webm') ? 'video/webm' : 'video/mp4',
        bytes: readFile(file),
      });
      const page = await browser.newPage();
      try {
        await page.goto(site.grabPage(name));
        await page.waitForFunction(() =>
          /^(frame|no frame)/.test((globalThis as unknown as MediaPage).document.title),
        );
        const title = await page.title();
        const size = /^frame (\d+)x(\d+)$/.exec(title);
        if (!size) throw new Error(title);
        const clip = { x: 0, y: 0, width: Number(size[1]), height: Number(size[2]) };
        return { mime: 'image/png', bytes: new Uint8Array(await page.screenshot({ clip })) };
      } finally {
        await page.close();
      }
    },
  };
}
