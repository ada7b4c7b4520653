import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { FrameGrabber, Thumbnail } from '../core/thumbnails/thumbnail.js';
import { withDefaults } from '../core/with-defaults.js';
import { SECURE_WEB_PREFERENCES } from './main-window.js';

export interface FrameWindowOptions {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** file:// URL of the built frame-grab page (renderer/frame-grab.html). */
  pageUrl: string;
  /** A video that has given no frame by then is given up on (a huge or odd file). */
  timeoutMs: number;
  /** JPEG quality of the still. */
  quality: number;
}

const DEFAULTS = { timeoutMs: 15_000, quality: 80 };
/** The page's word for a drawn still: `frame <width>x<height>`, at its top-left corner. */
const FRAME_TITLE = /^frame (\d{1,4})x(\d{1,4})$/;

/**
 * Takes a saved video's first frame with a hidden, sandboxed, offscreen window showing the
 * frame-grab page: the page draws the frame and says its size in its title, and the window's
 * picture of that rectangle becomes a JPEG. One window per grab, destroyed after it.
 */
export function electronFrameGrabber(
  options: Pick<FrameWindowOptions, 'createWindow' | 'pageUrl'> & Partial<FrameWindowOptions>,
): FrameGrabber {
  const o = withDefaults(DEFAULTS, options);
  return { grab: (videoFile) => grabWith(o, videoFile) };
}

async function grabWith(o: FrameWindowOptions, videoFile: string): Promise<Thumbnail> {
  const win = o.createWindow({
    show: false,
    width: 400,
    height: 400,
    useContentSize: true,
    paintWhenInitiallyHidden: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, offscreen: true, backgroundThrottling: false },
  });
  try {
    const contents = win.webContents;
    // The page never leaves itself nor opens anything.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const size = await new Promise<{ width: number; height: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the video gave no frame in time')), o.timeoutMs);
      const settle = (outcome: () => void) => (clearTimeout(timer), outcome());
      win.on('page-title-updated', (event, title) => {
        event.preventDefault();
        const frame = FRAME_TITLE.exec(title);
        if (frame) settle(() => resolve({ width: Number(frame[1]), height: Number(frame[2]) }));
        else if (title.startsWith('no frame')) settle(() => reject(new Error(title.slice(10) || title)));
      });
      contents.on('did-fail-load', (_event, _code, description) =>
        settle(() => reject(new Error(`the frame page did not load (${description})`))),
      );
      const page = new URL(o.pageUrl);
      page.searchParams.set('video', pathToFileURL(videoFile).href);
      win.loadURL(page.href).catch(() => {}); // a failed load is said by did-fail-load
    });
    const image = await contents.capturePage({ x: 0, y: 0, ...size });
    return { mime: 'image/jpeg', bytes: Uint8Array.from(image.toJPEG(o.quality)) };
  } finally {
    if (!win.isDestroyed()) win.destroy();
  }
}
