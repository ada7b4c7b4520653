/**
 * The frame-grab page's script: draws the first frame of the video named in `?video=` into a canvas
 * at the page's top-left corner, then says in the page title `frame <width>x<height>` (the main
 * process captures that rectangle) or `no frame: <why>`. The title is all the page says: it needs no
 * preload and no IPC.
 */

/** The longest side of a still in px: rows show thumbnails under 100 px wide, at up to 3× density. */
export const STILL_MAX_SIDE = 320;

/** The still's size: the video's own shape, its longest side at most `max` px. */
export function stillSize(width: number, height: number, max = STILL_MAX_SIDE) {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function loaded(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve, reject) => {
    video.addEventListener('loadeddata', () => resolve(), { once: true });
    video.addEventListener(
      'error',
      () => reject(new Error(video.error?.message || 'the video cannot be decoded')),
      { once: true },
    );
  });
}

/** After the next frame is painted (a hidden window may never paint: then soon anyway). */
const painted = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 200);
  });

async function grab(source: string | null): Promise<string> {
  if (!source) throw new Error('no video was named');
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.playsInline = true;
  const ready = loaded(video);
  video.src = source;
  await ready;
  if (!video.videoWidth || !video.videoHeight) throw new Error('the file holds no picture');
  const { width, height } = stillSize(video.videoWidth, video.videoHeight);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.style.display = 'block';
  document.body.style.margin = '0';
  canvas.getContext('2d')!.drawImage(video, 0, 0, width, height);
  document.body.append(canvas);
  video.removeAttribute('src');
  video.load(); // lets the decoder go
  await painted();
  return `frame ${width}x${height}`;
}

grab(new URLSearchParams(location.search).get('video')).then(
  (title) => (document.title = title),
  (error: unknown) => (document.title = `no frame: ${(error as Error).message}`),
);
